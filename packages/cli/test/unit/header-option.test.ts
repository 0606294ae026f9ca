import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/exit-codes.js';
import { fetchWithHeaders, parseHeaders } from '../../src/header-option.js';

describe('--header', () => {
  test.each([
    ['Prefer: code=404', ['Prefer', 'code=404']],
    ['prefer:code=429', ['prefer', 'code=429']],
    ['X-Request-Id:   a: b  ', ['X-Request-Id', 'a: b']],
    ['X-Empty:', ['X-Empty', '']],
  ])('reads %j as a name and a value', (option, want) => {
    expect(parseHeaders([option])).toEqual([want]);
  });

  test.each([
    ['no colon', 'Authorization Bearer SENTINEL', 'one has no colon'],
    ['no name', ': code=404', 'one has a name that is not a header name'],
    ['a space in the name', 'Pre fer: code=404', 'one has a name that is not a header name'],
    [
      'a line break in the value',
      'Prefer: code=404\r\nX-Injected: 1',
      'one has a control character in its value',
    ],
  ])('refuses %s, naming --header, the form it takes and what is wrong', (_, option, wrong) => {
    expect(() => parseHeaders([option])).toThrow(UsageError);
    expect(() => parseHeaders([option])).toThrow(
      `--header must be "Name: value", such as "Prefer: code=404"; ${wrong}`,
    );
  });

  test('never quotes the option back, as a mistyped one may hold a credential', () => {
    expect(() => parseHeaders(['Authorization Bearer SENTINEL'])).not.toThrow(/SENTINEL/);
  });

  test('refuses Authorization in any case: credentials come from the environment', () => {
    expect(() => parseHeaders(['authorization: Bearer x'])).toThrow(
      '--header cannot set Authorization',
    );
  });

  test('sends every header with each request, over those the client set, and keeps the body', async () => {
    const seen: Request[] = [];
    const fetch = fetchWithHeaders(
      [
        ['Prefer', 'code=404'],
        ['Accept', 'application/json'],
      ],
      async (input) => {
        seen.push(input as Request);
        return new Response(null, { status: 204 });
      },
    );
    await fetch('http://127.0.0.1:9/keys', {
      method: 'POST',
      headers: { accept: 'application/vnd.atlas.2025-03-12+json' },
      body: '{"name":"ci"}',
    });
    expect(seen[0]?.headers.get('prefer')).toBe('code=404');
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
    expect(await seen[0]?.text()).toBe('{"name":"ci"}');
  });
});
