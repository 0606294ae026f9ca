import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { digestAuth } from '../../../src/auth/digest/digest-authenticator.js';
import { AtlasValidationError } from '../../../src/errors.js';
import {
  call,
  captureLogger,
  digestFor,
  PRIVATE_KEY,
  PUBLIC_KEY,
  param,
  REALM,
} from './support/harness.js';
import { serveVerifier, type TestServer } from './support/servers.js';
import { DigestVerifier } from './support/verifier.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const HA1S = [
  createHash('md5').update(`${PUBLIC_KEY}:${REALM}:${PRIVATE_KEY}`).digest('hex'),
  createHash('sha256').update(`${PUBLIC_KEY}:${REALM}:${PRIVATE_KEY}`).digest('hex'),
];

describe('the private key', () => {
  it('never shows in inspection, JSON or debug logs, before or after traffic', async () => {
    const { lines, logger } = captureLogger();
    const verifier = new DigestVerifier({
      realm: REALM,
      users: { [PUBLIC_KEY]: PRIVATE_KEY },
      offers: [
        { algorithm: 'SHA-256', qop: 'auth' },
        { algorithm: 'MD5-sess', qop: 'auth' },
      ],
      refuseReuse: true,
    });
    server = await serveVerifier(verifier);
    const authenticator = digestFor(server.url, { logger });
    const before = [
      inspect(authenticator, { depth: 20, showHidden: true }),
      JSON.stringify(authenticator),
    ];

    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await call(authenticator, new URL(`/g/${i}`, server.url)));
    const after = [
      inspect(authenticator, { depth: 20, showHidden: true }),
      JSON.stringify(authenticator),
    ];
    const sent = results.flatMap((r) => r.authorizations).filter((a) => a !== undefined);
    const cnonces = sent.map((a) => param(a, 'cnonce') as string);
    const responses = sent.map((a) => param(a, 'response') as string);

    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...before, ...after, ...lines]) {
      expect(text).not.toContain(PRIVATE_KEY);
      for (const secret of [...HA1S, ...cnonces, ...responses]) expect(text).not.toContain(secret);
    }
    for (const line of lines) expect(line).not.toContain(PUBLIC_KEY);
    expect(JSON.parse(after[1] as string)).toEqual({ scheme: 'digest', origin: server.url.origin });
  });

  it('never shows in validation errors', () => {
    const attempts = [
      () => digestAuth({ publicKey: '', privateKey: PRIVATE_KEY }),
      () => digestAuth({ publicKey: 'bad\nkey', privateKey: PRIVATE_KEY }),
      () => digestAuth({ publicKey: PUBLIC_KEY, privateKey: '' }),
    ];

    for (const attempt of attempts) {
      expect(attempt).toThrow(AtlasValidationError);
      try {
        attempt();
      } catch (error) {
        expect(inspect(error)).not.toContain(PRIVATE_KEY);
      }
    }
  });
});
