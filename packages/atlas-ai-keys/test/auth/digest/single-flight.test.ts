import { describe, expect, it } from 'vitest';
import type { Authenticator, Exchange } from '../../../src/auth/authenticator.js';
import {
  captureLogger,
  digestFor,
  PRIVATE_KEY,
  PUBLIC_KEY,
  param,
  REALM,
} from './support/harness.js';
import { DigestVerifier } from './support/verifier.js';

const BASE = new URL('https://cloud.mongodb.test');

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function verifier() {
  return new DigestVerifier({ realm: REALM, users: { [PUBLIC_KEY]: PRIVATE_KEY } });
}

/**
 * An in-memory origin: answers with `verify`'s verdicts and records every Authorization sent.
 * The first exchange, and any other `hold` names by index, wait for `release` before answering.
 */
function fakeOrigin(verify: DigestVerifier) {
  const sent: (string | undefined)[] = [];
  const gates = new Map([[0, deferred()]]);
  let firstOutcome: 'verify' | 'ok' | 'error' = 'verify';
  const send = (
    authenticator: Authenticator,
    path: string,
    signal = new AbortController().signal,
  ) => {
    const url = new URL(path, BASE);
    const exchange: Exchange = async (authorization) => {
      const index = sent.push(authorization) - 1;
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      await gates.get(index)?.promise;
      if (index === 0 && firstOutcome === 'error') throw new TypeError('fetch failed');
      if (index === 0 && firstOutcome === 'ok') return new Response('public');
      const verdict = verify.handle('GET', url.pathname + url.search, authorization);
      return new Response(String(verdict.status), {
        status: verdict.status,
        headers: verdict.headers,
      });
    };
    return authenticator.send({ method: 'GET', url, signal }, exchange);
  };
  return {
    sent,
    send,
    hold: (index: number) => {
      gates.set(index, deferred());
    },
    release: (index = 0) => gates.get(index)?.resolve(),
    firstEnds: (outcome: 'verify' | 'ok' | 'error') => {
      firstOutcome = outcome;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('concurrent first requests', () => {
  it('share one challenge: only the first goes unauthenticated, the others wait for it', async () => {
    const verify = verifier();
    const origin = fakeOrigin(verify);
    const authenticator = digestFor(BASE);

    const calls = [1, 2, 3, 4, 5].map((i) => origin.send(authenticator, `/g/${i}`));
    await tick();
    expect(origin.sent).toEqual([undefined]);
    origin.release();
    const responses = await Promise.all(calls);

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(origin.sent).toHaveLength(6);
    expect(origin.sent.slice(1).map((a) => param(a, 'nc'))).toEqual([
      '00000001',
      '00000002',
      '00000003',
      '00000004',
      '00000005',
    ]);
    expect(verify.challenges).toBe(1);
    expect(verify.violations).toEqual([]);
  });

  it('proceed unauthenticated when the first request gets no challenge', async () => {
    const origin = fakeOrigin(verifier());
    origin.firstEnds('ok');
    const authenticator = digestFor(BASE);

    const calls = [1, 2, 3].map((i) => origin.send(authenticator, `/public/${i}`));
    await tick();
    origin.release();
    const responses = await Promise.all(calls);

    expect(responses[0]?.status).toBe(200);
    expect(origin.sent.slice(0, 3)).toEqual([undefined, undefined, undefined]);
  });

  it('proceed when the first request fails, and only the first sees its error', async () => {
    const verify = verifier();
    const origin = fakeOrigin(verify);
    origin.firstEnds('error');
    const authenticator = digestFor(BASE);

    const calls = [1, 2, 3].map((i) => origin.send(authenticator, `/g/${i}`));
    await tick();
    origin.release();
    const outcomes = await Promise.allSettled(calls);

    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { message: 'fetch failed' } });
    expect(outcomes.slice(1).map((o) => o.status === 'fulfilled' && o.value.status)).toEqual([
      200, 200,
    ]);
  });

  it('retry the first answer once when a waiter used the nonce first and the server refused reuse', async () => {
    const verify = new DigestVerifier({
      realm: REALM,
      users: { [PUBLIC_KEY]: PRIVATE_KEY },
      refuseReuse: true,
    });
    const origin = fakeOrigin(verify);
    origin.hold(1);
    const authenticator = digestFor(BASE);

    const first = origin.send(authenticator, '/g/1');
    const waiter = origin.send(authenticator, '/g/2');
    await tick();
    origin.release(0);
    expect((await waiter).status).toBe(200);
    origin.release(1);

    expect((await first).status).toBe(200);
    expect(origin.sent.map((a) => param(a, 'nc'))).toEqual([
      undefined,
      '00000001',
      '00000002',
      '00000001',
    ]);
    expect(verify.violations).toEqual([]);
  });

  it('end in a 401 without looping when the private key is wrong', async () => {
    const { lines, logger } = captureLogger();
    const origin = fakeOrigin(verifier());
    origin.hold(1);
    const authenticator = digestFor(BASE, { privateKey: 'wrong', logger });

    const calls = [1, 2, 3, 4, 5].map((i) => origin.send(authenticator, `/g/${i}`));
    await tick();
    origin.release(0);
    await tick();
    origin.release(1);
    const responses = await Promise.all(calls);

    // The first: unauthenticated, its answer, and one retry since waiters shared the nonce (3);
    // each waiter: the shared nonce, then the fresh challenge from its own 401 (2).
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(origin.sent).toHaveLength(3 + 4 * 2);
    expect(lines).toEqual([]);
  });

  it('stop waiting when their caller aborts', async () => {
    const origin = fakeOrigin(verifier());
    const authenticator = digestFor(BASE);
    const first = origin.send(authenticator, '/g/1');
    const controller = new AbortController();

    const waiting = origin.send(authenticator, '/g/2', controller.signal);
    controller.abort();

    await expect(waiting).rejects.toThrow('aborted');
    origin.release();
    expect((await first).status).toBe(200);
  });
});

describe('where credentials go', () => {
  it('sends nothing to another origin, even with a nonce at hand', async () => {
    const origin = fakeOrigin(verifier());
    origin.release();
    const authenticator = digestFor(BASE);
    await origin.send(authenticator, '/g/1');
    const seen: (string | undefined)[] = [];
    const elsewhere = new URL('https://elsewhere.test/api');

    const response = await authenticator.send(
      { method: 'GET', url: elsewhere, signal: new AbortController().signal },
      async (authorization) => {
        seen.push(authorization);
        return new Response('x', {
          status: 401,
          headers: { 'www-authenticate': 'Digest realm="r", nonce="n"' },
        });
      },
    );

    expect(response.status).toBe(401);
    expect(seen).toEqual([undefined]);
  });

  it('treats another port of the same host as another origin', async () => {
    const authenticator = digestFor(BASE);
    const seen: (string | undefined)[] = [];

    await authenticator.send(
      {
        method: 'GET',
        url: new URL('https://cloud.mongodb.test:8443/x'),
        signal: new AbortController().signal,
      },
      async (authorization) => {
        seen.push(authorization);
        return new Response('x', {
          status: 401,
          headers: { 'www-authenticate': 'Digest realm="r", nonce="n"' },
        });
      },
    );

    expect(seen).toEqual([undefined]);
  });
});

describe('responses the authenticator cannot answer', () => {
  const cases: [string, { given: Record<string, string>; want: number }][] = [
    [
      'returns a 401 with only a Bearer challenge after one request',
      { given: { 'www-authenticate': 'Bearer realm="x"' }, want: 1 },
    ],
    ['returns a 401 without any challenge after one request', { given: {}, want: 1 }],
    [
      'returns a 401 offering only auth-int after one request',
      { given: { 'www-authenticate': 'Digest realm="r", nonce="n", qop="auth-int"' }, want: 1 },
    ],
  ];

  it.each(cases)('%s', async (_name, { given, want }) => {
    const authenticator = digestFor(BASE);
    let requests = 0;

    const response = await authenticator.send(
      { method: 'GET', url: new URL('/x', BASE), signal: new AbortController().signal },
      async () => {
        requests++;
        return new Response('no', { status: 401, headers: given });
      },
    );

    expect(response.status).toBe(401);
    expect(requests).toBe(want);
  });

  it('returns a non-401 answer to a signed request as it is', async () => {
    const origin = fakeOrigin(verifier());
    origin.release();
    const authenticator = digestFor(BASE);
    await origin.send(authenticator, '/g/1');
    let requests = 0;

    const response = await authenticator.send(
      { method: 'GET', url: new URL('/x', BASE), signal: new AbortController().signal },
      async (authorization) => {
        requests++;
        expect(param(authorization, 'nc')).toBe('00000002');
        return new Response('gone', { status: 404 });
      },
    );

    expect(response.status).toBe(404);
    expect(requests).toBe(1);
  });

  it('forgets the nonce on close', async () => {
    const origin = fakeOrigin(verifier());
    origin.release();
    const authenticator = digestFor(BASE);
    await origin.send(authenticator, '/g/1');

    await authenticator.close();
    await origin.send(authenticator, '/g/2');

    expect(origin.sent.map((a) => a === undefined)).toEqual([true, false, true, false]);
  });
});
