import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AtlasValidationError } from '../../src/index.js';
import { createObservedClient, json, KEY, PARAMS } from '../helpers/observed-fetch.js';
import { failOnUnhandledRejections } from './support/process-guard.js';

failOnUnhandledRejections();

const BASE = 'https://cloud.example.test';

/** Pieces that have a meaning in a URL or are otherwise tricky, to splice into ids. */
const tricky = fc.constantFrom(
  '/',
  '?',
  '#',
  '%',
  '%2F',
  '%2e',
  '.',
  '..',
  '\\',
  ' ',
  '&',
  ';',
  '@',
  ':',
  '\r\n',
  '\u0000',
  '\u007f',
  '\u0085',
  'é',
  '😀',
  '\uD800',
  '\uDC00',
  '\uFEFF',
);
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));
const pathIds = fc.oneof(
  fc.constantFrom('', '.', '..', '/', '%2e%2e', '..%2F', 'a'.repeat(257)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(tricky, loneSurrogate, fc.string({ unit: 'grapheme', maxLength: 6 })), {
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The ids the client must refuse: it has no other reason to refuse one. */
function mustRefuse(id: string): boolean {
  return (
    id === '' ||
    id === '.' ||
    id === '..' ||
    id.length > 256 ||
    CONTROL.test(id) ||
    /[\s/]/.test(id) ||
    !isWellFormed(id)
  );
}

function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

type Client = ReturnType<typeof createObservedClient>['client'];

/** The path ids given by callers: where each goes, and the call that sends one. */
const PATH_IDS = [
  {
    field: 'apiKeyId',
    prefix: `/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/`,
    suffix: '',
    call: (client: Client, id: string) => client.keys.get({ ...PARAMS, apiKeyId: id }),
  },
  {
    field: 'modelGroupName',
    prefix: `/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiClouds/ANY/geographies/ANY/modelGroupNames/`,
    suffix: '/rateLimits:reset',
    call: (client: Client, id: string) =>
      client.rateLimits.reset({ groupId: PARAMS.groupId, modelGroupName: id }),
  },
] as const;

describe.each(PATH_IDS)(
  'no $field can change the request path beyond its own segment',
  ({ field, prefix, suffix, call }) => {
    test('each is refused before any request or sent as exactly one segment that decodes back to it', async () => {
      await fc.assert(
        fc.asyncProperty(pathIds, async (id) => {
          const { client, requests } = createObservedClient(() => json(KEY), { baseUrl: BASE });
          let error: unknown;
          try {
            await call(client, id);
          } catch (caught) {
            error = caught;
          }

          if (mustRefuse(id)) {
            expect(error).toBeInstanceOf(AtlasValidationError);
            expect((error as AtlasValidationError).field).toBe(field);
            expect(requests).toHaveLength(0);
            return;
          }
          expect(error).toBeUndefined();
          expect(requests).toHaveLength(1);
          const url = new URL(requests[0]?.url ?? '');
          expect(url.origin).toBe(BASE);
          expect(url.search).toBe('');
          expect(url.hash).toBe('');
          expect(url.pathname.startsWith(prefix)).toBe(true);
          expect(url.pathname.endsWith(suffix)).toBe(true);
          const segment = url.pathname.slice(prefix.length, url.pathname.length - suffix.length);
          expect(segment).not.toContain('/');
          expect(decodeURIComponent(segment)).toBe(id);
        }),
        { numRuns: 400 },
      );
    });
  },
);
