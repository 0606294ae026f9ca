import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accessTokenAuth } from '../../src/auth/access-token.js';
import { digestAuth } from '../../src/auth/digest/digest-authenticator.js';
import { authFromEnv, baseUrlFromEnv, type Environment } from '../../src/auth/from-env.js';
import { serviceAccountAuth } from '../../src/auth/service-account.js';
import { validationErrorOf } from '../helpers/validation-error.js';

const TOKEN = { MONGODB_ATLAS_ACCESS_TOKEN: 'TOKEN-SENTINEL' };
const SERVICE_ACCOUNT = {
  MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_1',
  MONGODB_ATLAS_CLIENT_SECRET: 'SECRET-SENTINEL-SA',
};
const API_KEY = {
  MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh',
  MONGODB_ATLAS_PRIVATE_API_KEY: 'SECRET-SENTINEL-KEY',
};
const TERRAFORM_API_KEY = {
  MONGODB_ATLAS_PUBLIC_KEY: 'tfpublic',
  MONGODB_ATLAS_PRIVATE_KEY: 'SECRET-SENTINEL-TF',
};

// The credential functions are wrapped in spies, so that tests see the secrets authFromEnv read,
// which the credentials themselves never show.
vi.mock('../../src/auth/access-token.js', async (load) => {
  const actual = await load<typeof import('../../src/auth/access-token.js')>();
  return { ...actual, accessTokenAuth: vi.fn(actual.accessTokenAuth) };
});
vi.mock('../../src/auth/digest/digest-authenticator.js', async (load) => {
  const actual = await load<typeof import('../../src/auth/digest/digest-authenticator.js')>();
  return { ...actual, digestAuth: vi.fn(actual.digestAuth) };
});
vi.mock('../../src/auth/service-account.js', async (load) => {
  const actual = await load<typeof import('../../src/auth/service-account.js')>();
  return { ...actual, serviceAccountAuth: vi.fn(actual.serviceAccountAuth) };
});

/** What authFromEnv chose: the kind of credentials and every field it passed, secrets too. */
type ReadCredentials = Record<string, string>;

/** Runs authFromEnv (on process.env when `env` is undefined) and returns what it read. */
function read(env?: Environment): ReadCredentials {
  const factories = [accessTokenAuth, digestAuth, serviceAccountAuth].map((factory) =>
    vi.mocked(factory as (credentials: object) => unknown),
  );
  for (const factory of factories) factory.mockClear();
  const auth = authFromEnv(env);
  const calls = factories.flatMap((factory) => factory.mock.calls);
  expect(calls.length).toBe(1);
  return { type: auth.type, ...calls[0]?.[0] };
}

/** The one-line message for an environment without any credentials. */
const NO_CREDENTIALS =
  'MONGODB_ATLAS_ACCESS_TOKEN must be set, or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY: no Atlas credentials are set';

const asToken: ReadCredentials = { type: 'accessToken', accessToken: 'TOKEN-SENTINEL' };
const asServiceAccount: ReadCredentials = {
  type: 'serviceAccount',
  clientId: 'mdb_sa_id_1',
  clientSecret: 'SECRET-SENTINEL-SA',
};
const asApiKey: ReadCredentials = {
  type: 'digest',
  publicKey: 'abcdefgh',
  privateKey: 'SECRET-SENTINEL-KEY',
};
const asTerraformKey: ReadCredentials = {
  type: 'digest',
  publicKey: 'tfpublic',
  privateKey: 'SECRET-SENTINEL-TF',
};

/** The AtlasValidationError authFromEnv throws for `env`. */
const validationError = (env: Environment) => validationErrorOf(() => authFromEnv(env));

describe('authFromEnv', () => {
  describe('reads', () => {
    it.each<[string, Environment, ReadCredentials]>([
      ['an access token', TOKEN, asToken],
      ['a service account', SERVICE_ACCOUNT, asServiceAccount],
      ['a programmatic API key', API_KEY, asApiKey],
      ["a programmatic API key under Terraform's names", TERRAFORM_API_KEY, asTerraformKey],
      [
        "a mix of the CLI's and Terraform's names for the API key",
        {
          MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh',
          MONGODB_ATLAS_PRIVATE_KEY: 'SECRET-SENTINEL-KEY',
        },
        asApiKey,
      ],
    ])('%s', (_name, env, expected) => {
      expect(read(env)).toEqual(expected);
    });
  });

  describe("follows Terraform's precedence", () => {
    it.each<[string, Environment, ReadCredentials]>([
      ['access token over service account', { ...SERVICE_ACCOUNT, ...TOKEN }, asToken],
      ['access token over API key', { ...API_KEY, ...TOKEN }, asToken],
      ['service account over API key', { ...API_KEY, ...SERVICE_ACCOUNT }, asServiceAccount],
      ['all three: the access token', { ...API_KEY, ...SERVICE_ACCOUNT, ...TOKEN }, asToken],
      ["the CLI's API key names over Terraform's", { ...TERRAFORM_API_KEY, ...API_KEY }, asApiKey],
    ])('%s', (_name, env, expected) => {
      expect(read(env)).toEqual(expected);
    });
  });

  describe('without any credentials, throws one message naming the variables to set', () => {
    it.each<[string, Environment]>([
      ['an empty environment', {}],
      ['only unrelated variables', { PATH: '/usr/bin', MONGODB_ATLAS_ORG_ID: 'x' }],
      ['only empty values', { MONGODB_ATLAS_ACCESS_TOKEN: '', MONGODB_ATLAS_PUBLIC_KEY: '' }],
      ['only a base URL', { MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:4010' }],
    ])('%s', (_name, env) => {
      const error = validationError(env);
      expect(error.field).toBe('MONGODB_ATLAS_ACCESS_TOKEN');
      expect(error.message).toBe(NO_CREDENTIALS);
      expect(error.message).not.toContain('\n');
    });
  });

  describe('treats empty strings as unset', () => {
    it.each<[string, Environment, ReadCredentials]>([
      [
        'an empty access token falls through',
        { ...SERVICE_ACCOUNT, MONGODB_ATLAS_ACCESS_TOKEN: '' },
        asServiceAccount,
      ],
      [
        'an empty pair counts as absent',
        { MONGODB_ATLAS_CLIENT_ID: '', MONGODB_ATLAS_CLIENT_SECRET: '', ...API_KEY },
        asApiKey,
      ],
      [
        "an empty CLI name lets Terraform's name through",
        {
          ...TERRAFORM_API_KEY,
          MONGODB_ATLAS_PUBLIC_API_KEY: '',
          MONGODB_ATLAS_PRIVATE_API_KEY: '',
        },
        asTerraformKey,
      ],
    ])('%s', (_name, env, expected) => {
      expect(read(env)).toEqual(expected);
    });
  });

  describe('ignores a half-set pair that precedence passes over', () => {
    it.each<[string, Environment, ReadCredentials]>([
      [
        'a client id without its secret beside an access token',
        { ...TOKEN, MONGODB_ATLAS_CLIENT_ID: 'id' },
        asToken,
      ],
      [
        'a private API key without its public key beside an access token',
        { ...TOKEN, MONGODB_ATLAS_PRIVATE_API_KEY: 'SECRET-SENTINEL' },
        asToken,
      ],
      [
        'a half-set API key beside a service account',
        { ...SERVICE_ACCOUNT, MONGODB_ATLAS_PRIVATE_API_KEY: 'SECRET-SENTINEL' },
        asServiceAccount,
      ],
      [
        "a half-set API key under Terraform's names beside a service account",
        { ...SERVICE_ACCOUNT, MONGODB_ATLAS_PUBLIC_KEY: 'tfpublic' },
        asServiceAccount,
      ],
      [
        'an API key whose secret could not be sent, beside an access token',
        { ...TOKEN, MONGODB_ATLAS_PUBLIC_API_KEY: 'abc', MONGODB_ATLAS_PRIVATE_API_KEY: '\ud800' },
        asToken,
      ],
    ])('%s', (_name, env, expected) => {
      expect(read(env)).toEqual(expected);
    });
  });

  describe('rejects a half-set pair of the kind it would use, naming the missing variable', () => {
    it.each<[string, Environment, string, string]>([
      [
        'a client id without its secret',
        { MONGODB_ATLAS_CLIENT_ID: 'id' },
        'MONGODB_ATLAS_CLIENT_SECRET',
        'MONGODB_ATLAS_CLIENT_SECRET must be set because MONGODB_ATLAS_CLIENT_ID is set',
      ],
      [
        'a client secret without its id',
        { MONGODB_ATLAS_CLIENT_SECRET: 'SECRET-SENTINEL' },
        'MONGODB_ATLAS_CLIENT_ID',
        'MONGODB_ATLAS_CLIENT_ID must be set because MONGODB_ATLAS_CLIENT_SECRET is set',
      ],
      [
        'a public API key without its private key',
        { MONGODB_ATLAS_PUBLIC_API_KEY: 'abc' },
        'MONGODB_ATLAS_PRIVATE_API_KEY',
        'MONGODB_ATLAS_PRIVATE_API_KEY must be set (or MONGODB_ATLAS_PRIVATE_KEY) because MONGODB_ATLAS_PUBLIC_API_KEY is set',
      ],
      [
        "Terraform's private key without a public key",
        { MONGODB_ATLAS_PRIVATE_KEY: 'SECRET-SENTINEL' },
        'MONGODB_ATLAS_PUBLIC_KEY',
        'MONGODB_ATLAS_PUBLIC_KEY must be set (or MONGODB_ATLAS_PUBLIC_API_KEY) because MONGODB_ATLAS_PRIVATE_KEY is set',
      ],
      [
        'a half-set service account, even beside a whole API key it takes precedence over',
        { ...API_KEY, MONGODB_ATLAS_CLIENT_ID: 'id' },
        'MONGODB_ATLAS_CLIENT_SECRET',
        'MONGODB_ATLAS_CLIENT_SECRET must be set because MONGODB_ATLAS_CLIENT_ID is set',
      ],
      [
        'a pair whose secret is the empty string',
        { MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: '' },
        'MONGODB_ATLAS_CLIENT_SECRET',
        'MONGODB_ATLAS_CLIENT_SECRET must be set because MONGODB_ATLAS_CLIENT_ID is set',
      ],
    ])('%s', (_name, env, field, message) => {
      const error = validationError(env);
      expect(error.field).toBe(field);
      expect(error.message).toBe(message);
      expect(error.message).not.toContain('SECRET-SENTINEL');
    });
  });

  it('rejects an access token that cannot go into a header, without quoting it', () => {
    const error = validationError({ MONGODB_ATLAS_ACCESS_TOKEN: 'TOKEN-SENTINEL\n' });
    expect(error.field).toBe('MONGODB_ATLAS_ACCESS_TOKEN');
    expect(error.message).not.toContain('TOKEN-SENTINEL');
  });

  it('returns credentials whose secrets do not show in inspection or JSON', () => {
    for (const env of [TOKEN, SERVICE_ACCOUNT, API_KEY]) {
      const auth = authFromEnv(env);
      expect(inspect(auth)).not.toMatch(/SENTINEL/);
      expect(JSON.stringify(auth)).not.toMatch(/SENTINEL/);
    }
  });

  describe('by default', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.unstubAllGlobals();
    });

    it('reads process.env', () => {
      vi.stubEnv('MONGODB_ATLAS_ACCESS_TOKEN', 'TOKEN-SENTINEL');
      expect(read()).toEqual(asToken);
    });

    it('finds no credentials where there is no process (browsers, edge runtimes)', () => {
      vi.stubGlobal('process', undefined);
      expect(validationErrorOf(() => authFromEnv()).message).toBe(NO_CREDENTIALS);
      expect(baseUrlFromEnv()).toBeUndefined();
    });
  });
});

describe('baseUrlFromEnv', () => {
  const OPS = 'https://ops.example.com';
  const BASE = 'https://cloud-dev.mongodb.com';

  it.each<[string, Environment, string | undefined]>([
    ['nothing when neither is set', {}, undefined],
    ['MONGODB_ATLAS_BASE_URL', { MONGODB_ATLAS_BASE_URL: BASE }, BASE],
    ['MONGODB_ATLAS_OPS_MANAGER_URL', { MONGODB_ATLAS_OPS_MANAGER_URL: OPS }, OPS],
    [
      'the Ops Manager URL over the base URL, as the Atlas CLI does',
      { MONGODB_ATLAS_BASE_URL: BASE, MONGODB_ATLAS_OPS_MANAGER_URL: OPS },
      OPS,
    ],
    [
      'the base URL when the Ops Manager URL is empty',
      { MONGODB_ATLAS_BASE_URL: BASE, MONGODB_ATLAS_OPS_MANAGER_URL: '' },
      BASE,
    ],
    [
      'nothing when both are empty',
      { MONGODB_ATLAS_BASE_URL: '', MONGODB_ATLAS_OPS_MANAGER_URL: '' },
      undefined,
    ],
  ])('reads %s', (_name, env, expected) => {
    expect(baseUrlFromEnv(env)).toBe(expected);
  });

  it('reads process.env by default', () => {
    vi.stubEnv('MONGODB_ATLAS_OPS_MANAGER_URL', '');
    vi.stubEnv('MONGODB_ATLAS_BASE_URL', BASE);
    try {
      expect(baseUrlFromEnv()).toBe(BASE);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
