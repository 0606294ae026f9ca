import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type AuthOptions, validateAuthOptions } from '../../src/auth/options.js';
import { AtlasValidationError } from '../../src/errors.js';

const SECRET = 'SECRET-SENTINEL';

function validationError(input: unknown): AtlasValidationError {
  try {
    validateAuthOptions(input);
  } catch (error) {
    if (error instanceof AtlasValidationError) return error;
    throw error;
  }
  throw new Error('expected an AtlasValidationError');
}

describe('validateAuthOptions', () => {
  describe('accepts', () => {
    it.each<[string, unknown, AuthOptions | undefined]>([
      ['no auth at all', undefined, undefined],
      [
        'an access token',
        { type: 'accessToken', accessToken: SECRET },
        { type: 'accessToken', accessToken: SECRET },
      ],
      [
        'a programmatic API key',
        { type: 'digest', publicKey: 'abcdefgh', privateKey: SECRET },
        { type: 'digest', publicKey: 'abcdefgh', privateKey: SECRET },
      ],
      [
        'a service account, whose secret may hold any character',
        { type: 'serviceAccount', clientId: 'mdb_sa_id_1', clientSecret: `${SECRET}: +%\n` },
        { type: 'serviceAccount', clientId: 'mdb_sa_id_1', clientSecret: `${SECRET}: +%\n` },
      ],
    ])('%s', (_name, input, expected) => {
      expect(validateAuthOptions(input)).toEqual(expected);
    });

    it('returns a frozen copy without unknown fields', () => {
      const input = { type: 'serviceAccount', clientId: 'id', clientSecret: SECRET, extra: 1 };
      const auth = validateAuthOptions(input);

      expect(auth).not.toBe(input);
      expect(Object.isFrozen(auth)).toBe(true);
      expect(Object.keys(auth ?? {})).toEqual(['type', 'clientId', 'clientSecret']);
    });
  });

  describe('hides secrets of what it returns', () => {
    it.each([
      [{ type: 'accessToken', accessToken: SECRET }, []],
      [{ type: 'digest', publicKey: 'PUBLIC-KEY', privateKey: SECRET }, ['PUBLIC-KEY']],
      [{ type: 'serviceAccount', clientId: 'CLIENT-ID', clientSecret: SECRET }, ['CLIENT-ID']],
    ])('from util.inspect and JSON.stringify of %j, keeping the other fields', (input, shown) => {
      const auth = validateAuthOptions(input);
      for (const text of [inspect(auth, { depth: Infinity }), JSON.stringify(auth)]) {
        expect(text).not.toContain(SECRET);
        expect(text).toContain('[redacted]');
        for (const field of shown) expect(text).toContain(field);
      }
      expect({ ...auth }).toEqual(input);
    });
  });

  describe('rejects, naming the field and never the secret', () => {
    it.each<[string, unknown, string, string]>([
      ['a string', 'digest', 'auth', 'a string'],
      ['null', null, 'auth', 'null'],
      ['an array', [], 'auth', 'an array'],
      ['a missing type', { accessToken: SECRET }, 'auth.type', 'undefined'],
      ['an unknown type', { type: 'apiKey' }, 'auth.type', '"apiKey"'],
      ['a missing access token', { type: 'accessToken' }, 'auth.accessToken', 'undefined'],
      [
        'an empty access token',
        { type: 'accessToken', accessToken: '' },
        'auth.accessToken',
        'an empty string',
      ],
      [
        'an access token with a line break',
        { type: 'accessToken', accessToken: `${SECRET}\n` },
        'auth.accessToken',
        'a string containing whitespace',
      ],
      [
        'a numeric private key',
        { type: 'digest', publicKey: 'abc', privateKey: 12345 },
        'auth.privateKey',
        'number',
      ],
      [
        'an empty public key',
        { type: 'digest', publicKey: '', privateKey: SECRET },
        'auth.publicKey',
        'an empty string',
      ],
      [
        'a missing client id',
        { type: 'serviceAccount', clientSecret: SECRET },
        'auth.clientId',
        'undefined',
      ],
      [
        'an empty client secret',
        { type: 'serviceAccount', clientId: 'id', clientSecret: '' },
        'auth.clientSecret',
        'an empty string',
      ],
      [
        'a client secret that is an object',
        { type: 'serviceAccount', clientId: 'id', clientSecret: { value: SECRET } },
        'auth.clientSecret',
        'an object',
      ],
      [
        'a client secret that is not well-formed Unicode',
        { type: 'serviceAccount', clientId: 'id', clientSecret: `${SECRET}\uD800` },
        'auth.clientSecret',
        'a string that is not well-formed Unicode',
      ],
    ])('%s', (_name, input, field, received) => {
      const error = validationError(input);

      expect(error.field).toBe(field);
      expect(error.message).toContain(`(received ${received})`);
      expect(error.message).not.toContain(SECRET);
      expect(error.stack).not.toContain(SECRET);
    });

    it('says what a credential must be', () => {
      expect(
        validationError({ type: 'serviceAccount', clientId: 'id', clientSecret: '' }).message,
      ).toBe('auth.clientSecret must be a non-empty string (received an empty string)');
    });
  });
});
