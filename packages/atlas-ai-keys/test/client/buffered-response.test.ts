import { describe, expect, test } from 'vitest';
import { BufferedResponse } from '../../src/buffered-response.js';

const URL_REQUESTED = 'https://cloud.example.test/api/atlas/v2/groups/x/aiModelApiKeys/y';
const TEXT = '{"name":"embeddings-production","note":"é ✓"}';

function buffered(text: string | null = TEXT, status = 200): BufferedResponse {
  const bytes = text === null ? null : new TextEncoder().encode(text);
  const headers = new Headers({ 'content-type': 'application/json', 'x-extra': '1' });
  return new BufferedResponse(bytes, { status, statusText: 'OK', headers }, URL_REQUESTED);
}

// A BufferedResponse must be indistinguishable from `new Response(bytes, init)` to its readers.
describe('BufferedResponse behaves like a Response over the same bytes', () => {
  test('it keeps status, headers and the requested url', () => {
    const response = buffered(TEXT, 404);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    expect(response.statusText).toBe('OK');
    expect(response.headers.get('x-extra')).toBe('1');
    expect(response.url).toBe(URL_REQUESTED);
  });

  test.each([
    ['text', (r: Response) => r.text(), TEXT],
    ['json', (r: Response) => r.json(), JSON.parse(TEXT)],
    ['arrayBuffer', async (r: Response) => new TextDecoder().decode(await r.arrayBuffer()), TEXT],
    ['bytes', async (r: Response) => new TextDecoder().decode(await r.bytes()), TEXT],
    ['blob', async (r: Response) => (await r.blob()).text(), TEXT],
  ])('%s reads the body once, then rejects like a used Response', async (_, read, expected) => {
    const response = buffered();
    expect(response.bodyUsed).toBe(false);
    expect(await read(response)).toEqual(expected);
    expect(response.bodyUsed).toBe(true);
    await expect(read(response)).rejects.toThrow(TypeError);
  });

  test('json rejects with a SyntaxError on a body that is not JSON', async () => {
    await expect(buffered('<html>').json()).rejects.toThrow(SyntaxError);
  });

  test('the body stream gives the bytes, and reading it uses the body', async () => {
    const response = buffered();
    const stream = response.body;
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(response.body).toBe(stream);
    expect(await new Response(stream).text()).toBe(TEXT);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  test('a body read through a method leaves a stream that yields nothing', async () => {
    const response = buffered();
    await response.text();
    const reader = response.body?.getReader();
    expect((await reader?.read())?.done).toBe(true);
  });

  test('a clone reads the same bytes independently', async () => {
    const response = buffered();
    const copy = response.clone();
    expect(copy.url).toBe(URL_REQUESTED);
    expect(copy.headers.get('x-extra')).toBe('1');
    expect(await copy.text()).toBe(TEXT);
    expect(await response.text()).toBe(TEXT);
    expect(() => response.clone()).toThrow(TypeError);
  });

  test('a clone taken after the stream was opened reads the same bytes', async () => {
    const response = buffered();
    void response.body;
    const copy = response.clone();
    expect(copy.url).toBe(URL_REQUESTED);
    expect(await copy.text()).toBe(TEXT);
    expect(await response.text()).toBe(TEXT);
  });

  test('unread gives the same response with its body unread, after any kind of read', async () => {
    for (const read of [
      (r: Response) => r.text(),
      (r: Response) => r.arrayBuffer(),
      (r: Response) => new Response(r.body).text(),
    ]) {
      const response = buffered(TEXT, 404);
      await read(response);
      const again = response.unread();
      expect(again.bodyUsed).toBe(false);
      expect(again.status).toBe(404);
      expect(again.headers.get('x-extra')).toBe('1');
      expect(again.url).toBe(URL_REQUESTED);
      expect(await again.text()).toBe(TEXT);
    }
  });

  test('a null body reads as empty any number of times and has no stream', async () => {
    const response = buffered(null, 204);
    expect(response.body).toBeNull();
    expect(await response.text()).toBe('');
    expect(await response.text()).toBe('');
    expect(response.bodyUsed).toBe(false);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  test('form data is read through a stream, as any Response does', async () => {
    const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded' });
    const response = new BufferedResponse(
      new TextEncoder().encode('a=1&b=2'),
      { status: 200, statusText: 'OK', headers },
      URL_REQUESTED,
    );
    const form = await response.formData();
    expect(form.get('b')).toBe('2');
    expect(response.bodyUsed).toBe(true);
  });
});
