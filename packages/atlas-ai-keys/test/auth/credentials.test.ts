import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { accessTokenAuth } from '../../src/auth/access-token.js';
import { checkAuth } from '../../src/auth/auth.js';
import { digestAuth } from '../../src/auth/digest/digest-authenticator.js';
import { serviceAccountAuth } from '../../src/auth/service-account.js';
import { validationErrorOf } from '../helpers/validation-error.js';

const SECRET = 'SECRET-SENTINEL';

// biome-ignore lint/suspicious/noExplicitAny: the table feeds deliberately wrong types
type Loose = any;

describe('credentials', () => {
  describe('show their type and public part', () => {
    it.each<[string, () => unknown, Record<string, string>]>([
      ['an access token', () => accessTokenAuth({ accessToken: SECRET }), { type: 'accessToken' }],
      [
        'a programmatic API key',
        () => digestAuth({ publicKey: 'PUBLIC-KEY', privateKey: SECRET }),
        { type: 'digest', publicKey: 'PUBLIC-KEY' },
      ],
      [
        'a service account, whose secret may hold any character',
        () => serviceAccountAuth({ clientId: 'CLIENT-ID', clientSecret: `${SECRET}: +%\n` }),
        { type: 'serviceAccount', clientId: 'CLIENT-ID' },
      ],
    ])('%s, and never the secret', (_name, make, shown) => {
      const auth = make();

      expect({ ...(auth as object) }).toEqual(shown);
      expect(Object.isFrozen(auth)).toBe(true);
      for (const text of [
        inspect(auth, { depth: Infinity, showHidden: true }),
        JSON.stringify(auth),
      ]) {
        expect(text).not.toContain(SECRET);
        for (const value of Object.values(shown)) expect(text).toContain(value);
      }
    });

    it('keep what they were given to themselves: later changes to it have no effect', () => {
      const given = { publicKey: 'PUBLIC-KEY', privateKey: SECRET };
      const auth = digestAuth(given);
      given.publicKey = 'CHANGED';

      expect(auth.publicKey).toBe('PUBLIC-KEY');
    });
  });

  describe('are what a client accepts as auth', () => {
    it.each([
      ['no auth at all', undefined],
      ['an access token', accessTokenAuth({ accessToken: SECRET })],
      ['a programmatic API key', digestAuth({ publicKey: 'abcdefgh', privateKey: SECRET })],
      ['a service account', serviceAccountAuth({ clientId: 'id', clientSecret: SECRET })],
    ])('%s', (_name, auth) => {
      expect(checkAuth(auth)).toBe(auth);
    });

    it.each<[string, unknown, string]>([
      [
        'a plain object of the same shape',
        { type: 'accessToken', accessToken: SECRET },
        'an object',
      ],
      [
        'a copy of credentials, which leaves the secret behind',
        { ...digestAuth({ publicKey: 'p', privateKey: SECRET }) },
        'an object',
      ],
      ['a string', SECRET, 'a string'],
      ['null', null, 'null'],
    ])('and nothing else: %s', (_name, auth, received) => {
      const error = validationErrorOf(() => checkAuth(auth));

      expect(error.field).toBe('auth');
      expect(error.message).toBe(
        `auth must be credentials from accessTokenAuth(), digestAuth(), serviceAccountAuth() or authFromEnv() (received ${received})`,
      );
      expect(error.message).not.toContain(SECRET);
    });
  });

  describe('reject malformed input, naming the field and never the secret', () => {
    it.each<[string, () => unknown, string, string]>([
      ['no argument', () => accessTokenAuth(undefined as Loose), 'credentials', 'undefined'],
      [
        'a bare token in place of the object',
        () => accessTokenAuth(SECRET as Loose),
        'credentials',
        'a string',
      ],
      [
        'an empty access token',
        () => accessTokenAuth({ accessToken: '' }),
        'accessToken',
        'an empty string',
      ],
      [
        'an access token with a line break',
        () => accessTokenAuth({ accessToken: `${SECRET}\n` }),
        'accessToken',
        'a string containing whitespace',
      ],
      [
        'a numeric private key',
        () => digestAuth({ publicKey: 'abc', privateKey: 12345 as Loose }),
        'privateKey',
        'number',
      ],
      [
        'an empty public key',
        () => digestAuth({ publicKey: '', privateKey: SECRET }),
        'publicKey',
        'an empty string',
      ],
      [
        'a missing client id',
        () => serviceAccountAuth({ clientSecret: SECRET } as Loose),
        'clientId',
        'undefined',
      ],
      [
        'a client secret that is an object',
        () => serviceAccountAuth({ clientId: 'id', clientSecret: { value: SECRET } as Loose }),
        'clientSecret',
        'an object',
      ],
      [
        'a client secret that is not well-formed Unicode',
        () => serviceAccountAuth({ clientId: 'id', clientSecret: `${SECRET}\uD800` }),
        'clientSecret',
        'a string that is not well-formed Unicode',
      ],
    ])('%s', (_name, make, field, received) => {
      const error = validationErrorOf(make);

      expect(error.field).toBe(field);
      expect(error.message).toContain(`(received ${received})`);
      expect(error.message).not.toContain(SECRET);
      expect(error.stack).not.toContain(SECRET);
    });

    it('says what a credential must be', () => {
      expect(
        validationErrorOf(() => serviceAccountAuth({ clientId: 'id', clientSecret: '' })).message,
      ).toBe('clientSecret must be a non-empty string (received an empty string)');
    });
  });
});
