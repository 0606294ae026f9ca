import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOverlay } from '../src/apply-overlay.js';
import { cutFragment } from '../src/cut-fragment.js';
import { SpecUpdateError } from '../src/errors.js';
import { FRAGMENT_HEADER, formatFragment } from '../src/format-fragment.js';
import { isObject, type JsonObject } from '../src/openapi.js';
import { parseDocument } from '../src/parse-document.js';
import { recordProvenance } from '../src/provenance.js';
import { fixture } from './helpers/temp-repo.js';

const TAGS = ['AI Model API Keys'];

async function render(document: JsonObject): Promise<string> {
  return formatFragment(recordProvenance(await cutFragment(document, TAGS, 'x'), 'upstream.yaml'));
}

async function upstream(): Promise<JsonObject> {
  return parseDocument(await readFile(fixture('upstream.yaml'), 'utf8'), 'upstream.yaml');
}

/** The same document with the keys of every object in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe('writing the fragment in a stable order and format', () => {
  it('gives the same bytes for the same input', async () => {
    expect(await render(await upstream())).toBe(await render(await upstream()));
  });

  it('gives the same bytes whatever order upstream writes its keys in', async () => {
    const shuffled = reversed(await upstream()) as JsonObject;
    expect(await render(shuffled)).toBe(await render(await upstream()));
  });

  it('turns a changed description into a one-line diff', async () => {
    const changed = await upstream();
    const schemas = (changed.components as JsonObject).schemas as JsonObject;
    const key = schemas.AiModelApiKeyResponse as { properties: Record<string, JsonObject> };
    (key.properties.name as JsonObject).description =
      'A name for the key, long enough that a folding writer would wrap it onto a second line of the YAML.';
    const before = (await render(await upstream())).split('\n');
    const after = (await render(changed)).split('\n');
    expect(after).toHaveLength(before.length);
    const differing = after.filter((line, index) => line !== before[index]);
    // The description itself, and the recorded hash of what was taken.
    expect(differing).toHaveLength(2);
    expect(differing.some((line) => line.includes('x-upstream-sha256'))).toBe(true);
  });

  it('starts with a header saying how it is made, and parses back to the cut', async () => {
    const text = await render(await upstream());
    expect(text.startsWith(FRAGMENT_HEADER)).toBe(true);
    const cut = recordProvenance(await cutFragment(await upstream(), TAGS, 'x'), 'upstream.yaml');
    expect(parse(text)).toEqual(cut);
  });

  it('puts fields in the OpenAPI order and paths and components by name', async () => {
    const text = await render(reversed(await upstream()) as JsonObject);
    const document = parse(text) as JsonObject;
    expect(Object.keys(document).slice(0, 5)).toEqual([
      'openapi',
      'info',
      'servers',
      'paths',
      'components',
    ]);
    const paths = Object.keys(document.paths as JsonObject);
    expect(paths).toEqual([...paths].sort());
    const schemas = Object.keys((document.components as JsonObject).schemas as JsonObject);
    expect(schemas).toEqual([...schemas].sort());
  });
});

describe('applying the overlay', () => {
  it('adds what the overlay says on top of the cut', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'x');
    const result = await applyOverlay(cut, fixture('overlay.yaml'));
    const item = (result.paths as JsonObject)[
      '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}'
    ] as JsonObject;
    const content = (((item.get as JsonObject).responses as JsonObject)['200'] as JsonObject)
      .content as JsonObject;
    expect(content['application/vnd.atlas.2025-03-12+json']).toMatchObject({
      example: { endpoint: 'ai.mongodb.com', lastUsedAt: null },
      'x-xgen-version': '2025-03-12',
    });
  });

  it('fails when an action matches nothing, since upstream moved under it', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'x');
    delete (cut.paths as JsonObject)['/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}'];
    await expect(applyOverlay(cut, fixture('overlay.yaml'))).rejects.toThrow(
      /the overlay overlay.yaml has actions that match nothing: \$\.paths/,
    );
  });

  it('refuses a file that is not an OpenAPI Overlay 1.0 document', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'x');
    const error = await applyOverlay(cut, fixture('upstream.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecUpdateError);
    expect((error as Error).message).toMatch(/must be an OpenAPI Overlay 1.0 document/);
  });
});
