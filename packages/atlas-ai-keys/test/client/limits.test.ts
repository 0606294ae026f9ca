import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_DELAYS,
  DEFAULT_TIMEOUT_MS,
  worstCase,
} from '../../src/defaults.js';
import { bodySummary } from '../../src/internal/call/error-from-response.js';

describe('worstCase', () => {
  it('with the defaults: three attempts of 30 s and the pauses of 0.5 and 1 s between them', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
    expect(DEFAULT_MAX_RETRIES).toBe(2);
    expect(worstCase()).toEqual({
      attempts: 3,
      silentMs: 91_500,
      pausesMs: 1_500,
      retryAfterMs: 90_000 + 2 * DEFAULT_RETRY_DELAYS.maxRetryAfterMs,
    });
  });

  it.each([
    [
      { timeoutMs: 2_000, maxRetries: 0 },
      { attempts: 1, silentMs: 2_000, pausesMs: 0 },
    ],
    [
      { timeoutMs: 1_000, maxRetries: 5 },
      { attempts: 6, silentMs: 6_000 + 500 + 1_000 + 2_000 + 4_000 + 8_000 },
    ],
    [{ maxRetries: 6, retry: { maxDelayMs: 1_000 } }, { pausesMs: 500 + 1_000 * 5 }],
  ])('with %o', (limits, want) => {
    expect(worstCase(limits)).toMatchObject(want);
  });
});

describe('a body that is not an Atlas error document', () => {
  it.each([
    [
      'a problem document (RFC 9457), by its title and detail',
      {
        type: 'https://stoplight.io/prism/errors#UNAUTHORIZED',
        title: 'Invalid security scheme used',
        status: 401,
        detail: 'Your request does not fullfil the security requirements',
      },
      'Invalid security scheme used: Your request does not fullfil the security requirements',
    ],
    ['a problem document with a title only', { title: 'Bad Gateway', status: 502 }, 'Bad Gateway'],
    [
      'an HTML page, by its title',
      '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway &amp; more</title></head><body><script>x</script></body></html>',
      'an HTML page titled "502 Bad Gateway & more"',
    ],
    [
      'an HTML page without a title, by its heading',
      '<html><body><h1>Service Unavailable</h1></body></html>',
      'an HTML page titled "Service Unavailable"',
    ],
    ['plain text, as an excerpt', 'upstream connect error', 'upstream connect error'],
  ])('%s', (_name, body, want) => {
    expect(bodySummary(body)).toBe(want);
  });
});
