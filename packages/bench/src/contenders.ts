import { createAtlasAiKeysClient, digestAuth, serviceAccountAuth } from '@org/atlas-ai-keys';
import {
  AI_MODEL_API_KEY_MEDIA_TYPE,
  type AiModelApiKeyMediaType,
  type paths,
} from '@org/atlas-types';
import DigestClient from 'digest-fetch';
import createClient from 'openapi-fetch';
import { HttpClient } from 'urllib';
import { type AuthMode, CREDENTIALS, KEY, KEY_PATH } from './server.js';

/** One call; resolves true when it got the key, false when it got anything else. */
export type Call = () => Promise<boolean>;

/** A live contender: its call and how to release it. */
export interface Instance {
  readonly call: Call;
  readonly close: () => Promise<void>;
}

/** One row of the table: what is called and which server mode it runs against. */
export interface Contender {
  readonly id: string;
  readonly label: string;
  readonly mode: AuthMode;
  /** Creates a fresh client, with no nonce or token yet. */
  readonly create: (baseUrl: string) => Instance;
}

const ACCEPT = AI_MODEL_API_KEY_MEDIA_TYPE;
const OPENAPI_PATH = '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}';
const PATH_PARAMS = { groupId: KEY.groupId, apiKeyId: KEY.apiKeyId };
const DIGEST_USERPASS = `${CREDENTIALS.publicKey}:${CREDENTIALS.privateKey}`;
const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64')}`;

const noClose = async (): Promise<void> => {};

function isKey(body: unknown): boolean {
  return (body as { apiKeyId?: unknown } | null)?.apiKeyId === KEY.apiKeyId;
}

const rawFetch: Contender = {
  id: 'raw-fetch',
  label: 'raw fetch (baseline)',
  mode: 'none',
  create: (baseUrl) => {
    const url = baseUrl + KEY_PATH;
    return {
      call: async () => {
        const response = await fetch(url, { headers: { accept: ACCEPT } });
        return response.ok && isKey(await response.json());
      },
      close: noClose,
    };
  },
};

const bareOpenapiFetch: Contender = {
  id: 'openapi-fetch',
  label: 'bare openapi-fetch',
  mode: 'none',
  create: (baseUrl) => {
    const client = createClient<paths, AiModelApiKeyMediaType>({
      baseUrl,
      headers: { accept: ACCEPT },
    });
    return {
      call: async () => {
        const { data } = await client.GET(OPENAPI_PATH, { params: { path: PATH_PARAMS } });
        return isKey(data);
      },
      close: noClose,
    };
  },
};

function ours(
  id: string,
  label: string,
  mode: AuthMode,
  auth: 'digest' | 'sa' | 'none',
): Contender {
  return {
    id,
    label,
    mode,
    create: (baseUrl) => {
      const client = createAtlasAiKeysClient({
        baseUrl,
        logLevel: 'off',
        auth:
          auth === 'digest'
            ? digestAuth({ publicKey: CREDENTIALS.publicKey, privateKey: CREDENTIALS.privateKey })
            : auth === 'sa'
              ? serviceAccountAuth({
                  clientId: CREDENTIALS.clientId,
                  clientSecret: CREDENTIALS.clientSecret,
                })
              : undefined,
      });
      return {
        call: async () => isKey(await client.keys.get(PATH_PARAMS)),
        close: () => client.close(),
      };
    },
  };
}

function digestFetch(id: string, mode: AuthMode): Contender {
  return {
    id,
    label: 'digest-fetch 3.1.1',
    mode,
    create: (baseUrl) => {
      const url = baseUrl + KEY_PATH;
      const client = new DigestClient(CREDENTIALS.publicKey, CREDENTIALS.privateKey);
      return {
        // A fresh options object per call: digest-fetch writes the Authorization header into it.
        call: async () => {
          const response = await client.fetch(url, { headers: { accept: ACCEPT } });
          return response.ok && isKey(await response.json());
        },
        close: noClose,
      };
    },
  };
}

function urllib(id: string, mode: AuthMode): Contender {
  return {
    id,
    label: 'urllib 4.9.2',
    mode,
    create: (baseUrl) => {
      const url = baseUrl + KEY_PATH;
      const client = new HttpClient();
      return {
        call: async () => {
          const response = await client.request(url, {
            digestAuth: DIGEST_USERPASS,
            dataType: 'json',
            headers: { accept: ACCEPT },
          });
          return response.status === 200 && isKey(response.data);
        },
        close: noClose,
      };
    },
  };
}

/** A service account done naively: a new token for every call, then the call. */
const tokenPerCall: Contender = {
  id: 'token-per-call',
  label: 'fetch, token per call',
  mode: 'bearer',
  create: (baseUrl) => {
    const tokenUrl = `${baseUrl}/api/oauth/token`;
    const url = baseUrl + KEY_PATH;
    return {
      call: async () => {
        const granted = await fetch(tokenUrl, {
          method: 'POST',
          headers: {
            authorization: BASIC,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: 'grant_type=client_credentials',
        });
        const { access_token: token } = (await granted.json()) as { access_token: string };
        const response = await fetch(url, {
          headers: { accept: ACCEPT, authorization: `Bearer ${token}` },
        });
        return response.ok && isKey(await response.json());
      },
      close: noClose,
    };
  },
};

/** A titled group of rows; ratios are to the first row of the first group. */
export interface Section {
  readonly title: string;
  readonly contenders: readonly Contender[];
}

/** Every row of the table, in order. */
export const SECTIONS: readonly Section[] = [
  {
    title: 'No auth',
    contenders: [
      rawFetch,
      bareOpenapiFetch,
      ours('ours-none', '@org/atlas-ai-keys, no auth', 'none', 'none'),
    ],
  },
  {
    title: 'Digest, nonce reuse allowed',
    contenders: [
      ours('ours-digest', '@org/atlas-ai-keys, digest', 'digest', 'digest'),
      digestFetch('digest-fetch', 'digest'),
      urllib('urllib', 'digest'),
    ],
  },
  {
    title: 'Digest, server refuses nonce reuse',
    contenders: [
      ours('ours-digest-refused', '@org/atlas-ai-keys, digest', 'digest-refuse-reuse', 'digest'),
      digestFetch('digest-fetch-refused', 'digest-refuse-reuse'),
      urllib('urllib-refused', 'digest-refuse-reuse'),
    ],
  },
  {
    // note: not a target; it shows how much of the Digest row is the client's own signing.
    title: 'Digest, server does not check the answer',
    contenders: [
      ours('ours-digest-unchecked', '@org/atlas-ai-keys, digest', 'digest-unchecked', 'digest'),
    ],
  },
  {
    title: 'Service account',
    contenders: [
      ours('ours-service-account', '@org/atlas-ai-keys, service account', 'bearer', 'sa'),
      tokenPerCall,
    ],
  },
];

/** The rows the local-server CPU targets compare, with raw fetch as the table's baseline. */
const TARGET_ROWS = [
  'raw-fetch',
  'openapi-fetch',
  'ours-none',
  'ours-digest',
  'ours-service-account',
] as const;

/** `SECTIONS` cut down to the rows of the CPU targets, for the processes that measure them. */
export const TARGET_SECTIONS: readonly Section[] = SECTIONS.map((section) => ({
  ...section,
  contenders: section.contenders.filter((c) => (TARGET_ROWS as readonly string[]).includes(c.id)),
})).filter((section) => section.contenders.length > 0);
