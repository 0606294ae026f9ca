import { describe, expect, it } from 'vitest';
import { checkLocalRefs } from '../src/check-refs.js';
import type { JsonObject } from '../src/openapi.js';

/** A document whose only schema is `schema`. */
function withSchema(schema: JsonObject): JsonObject {
  return { openapi: '3.0.1', paths: {}, components: { schemas: { Key: schema } } };
}

describe('references the cut may hold', () => {
  it.each<[string, JsonObject]>([
    ['a $ref inside the document', { $ref: '#/components/schemas/Other' }],
    [
      'a discriminator mapping to a schema name or a pointer',
      { discriminator: { propertyName: 'kind', mapping: { a: 'Other', b: '#/components/x' } } },
    ],
    [
      'a property named mapping whose text has slashes',
      { properties: { mapping: { description: 'see a/b.yaml' } } },
    ],
    ['a property named $ref', { properties: { $ref: { type: 'string' } } }],
  ])('allows %s', (_name, schema) => {
    expect(() => checkLocalRefs(withSchema(schema), 'upstream.yaml')).not.toThrow();
  });

  it.each<[string, JsonObject, string]>([
    ['a $ref to another file', { $ref: 'other.yaml#/Key' }, 'a $ref'],
    ['a $ref to a URL', { $ref: 'https://example.com/a.yaml' }, 'a $ref'],
    ['a $ref to an anchor', { $ref: '#key' }, 'a $ref'],
    ['a $ref to a whole file', { items: { $ref: '/etc/hosts' } }, 'a $ref'],
    [
      'a discriminator mapping to a file',
      { discriminator: { propertyName: 'kind', mapping: { a: './a.yaml' } } },
      'a discriminator mapping',
    ],
    [
      'a default mapping to a URL',
      { discriminator: { propertyName: 'kind', defaultMapping: 'https://example.com/a' } },
      'a discriminator mapping',
    ],
    ['an externalValue', { example: { externalValue: 'a.json' } }, 'an externalValue'],
  ])('refuses %s, naming it and where it sits', (_name, schema, kind) => {
    expect(() => checkLocalRefs(withSchema(schema), 'upstream.yaml')).toThrow(
      new RegExp(
        `^upstream\\.yaml has ${kind.replace('$', '\\$')} outside the document: ".+" at #/components/schemas/Key/`,
      ),
    );
  });
});
