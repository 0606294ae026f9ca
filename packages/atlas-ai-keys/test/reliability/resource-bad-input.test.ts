import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AtlasValidationError } from '../../src/index.js';
import { createObservedClient, json, KEY, PARAMS, rejectionOf } from '../helpers/observed-fetch.js';

// biome-ignore lint/suspicious/noExplicitAny: the table feeds deliberately wrong types
type Loose = any;
type Client = ReturnType<typeof createObservedClient>['client'];

const groupId = KEY.groupId;
const orgId = '4888442a3354817a7320eb61';
const NAME = /^name must be a string from 1 to 250 characters without control characters/;
const ITEMS = /^itemsPerPage must be a whole number from 1 to 500/;
const PAGE = /^pageNum must be a whole number of at least 1/;
const OBJECT_ID = /^(groupId|orgId) must be a string matching \^\(\[a-f0-9\]\{24\}\)\$/;

/** Each call's bad argument, the field its error must name, and what the message must say. */
const BAD_INPUTS: [string, string, RegExp, (client: Client) => unknown][] = [
  ['create: name missing', 'name', NAME, (c) => c.createGroupAiModelApiKey({ groupId } as Loose)],
  ['create: name empty', 'name', NAME, (c) => c.createGroupAiModelApiKey({ groupId, name: '' })],
  [
    'create: name of 251 characters',
    'name',
    /\(received "x{40}…" \(251 characters\)\)$/,
    (c) => c.createGroupAiModelApiKey({ groupId, name: 'x'.repeat(251) }),
  ],
  [
    'create: name of 251 emoji',
    'name',
    NAME,
    (c) => c.createGroupAiModelApiKey({ groupId, name: '😀'.repeat(251) }),
  ],
  [
    'create: name a number',
    'name',
    /\(received number 7\)$/,
    (c) => c.createGroupAiModelApiKey({ groupId, name: 7 as Loose }),
  ],
  [
    'create: name with a line break',
    'name',
    NAME,
    (c) => c.createGroupAiModelApiKey({ groupId, name: 'a\nb' }),
  ],
  [
    'create: name with NUL',
    'name',
    NAME,
    (c) => c.createGroupAiModelApiKey({ groupId, name: 'a\u0000' }),
  ],
  [
    'create: name with a C1 control',
    'name',
    NAME,
    (c) => c.createGroupAiModelApiKey({ groupId, name: 'a\u0085' }),
  ],
  [
    'create: name null',
    'name',
    NAME,
    (c) => c.createGroupAiModelApiKey({ groupId, name: null as Loose }),
  ],
  [
    'create: cloud not ANY',
    'cloud',
    /^cloud must be one of "ANY" \(received "AWS"\)$/,
    (c) => c.createGroupAiModelApiKey({ groupId, name: 'a', cloud: 'AWS' as Loose }),
  ],
  [
    'create: geography lower case',
    'geography',
    /^geography must be one of "ANY"/,
    (c) => c.createGroupAiModelApiKey({ groupId, name: 'a', geography: 'any' as Loose }),
  ],
  [
    'create: groupId missing',
    'groupId',
    /^groupId must be a non-empty string/,
    (c) => c.createGroupAiModelApiKey({ name: 'a' } as Loose),
  ],
  [
    'create: a misspelt field',
    'nmae',
    /^nmae must be one of the parameters of createGroupAiModelApiKey/,
    (c) => c.createGroupAiModelApiKey({ groupId, nmae: 'a' } as Loose),
  ],
  ['update: name missing', 'name', NAME, (c) => c.updateGroupAiModelApiKey(PARAMS as Loose)],
  [
    'update: name of 251 characters',
    'name',
    NAME,
    (c) => c.updateGroupAiModelApiKey({ ...PARAMS, name: 'n'.repeat(251) }),
  ],
  [
    'update: name with a tab',
    'name',
    NAME,
    (c) => c.updateGroupAiModelApiKey({ ...PARAMS, name: 'a\tb' }),
  ],
  [
    'update: apiKeyId empty',
    'apiKeyId',
    /^apiKeyId must be a non-empty string/,
    (c) => c.updateGroupAiModelApiKey({ groupId, apiKeyId: '', name: 'a' }),
  ],
  [
    'delete: apiKeyId a dot segment',
    'apiKeyId',
    /not the path segment/,
    (c) => c.deleteGroupAiModelApiKey({ groupId, apiKeyId: '..' }),
  ],
  [
    'delete: groupId in upper case',
    'groupId',
    OBJECT_ID,
    (c) => c.deleteGroupAiModelApiKey({ ...PARAMS, groupId: groupId.toUpperCase() }),
  ],
  [
    'list: itemsPerPage 0',
    'itemsPerPage',
    ITEMS,
    (c) => c.listGroupAiModelApiKeys({ groupId, itemsPerPage: 0 }),
  ],
  [
    'list: itemsPerPage 501',
    'itemsPerPage',
    ITEMS,
    (c) => c.listGroupAiModelApiKeys({ groupId, itemsPerPage: 501 }),
  ],
  [
    'list: itemsPerPage 1.5',
    'itemsPerPage',
    ITEMS,
    (c) => c.listGroupAiModelApiKeys({ groupId, itemsPerPage: 1.5 }),
  ],
  [
    'list: itemsPerPage a string',
    'itemsPerPage',
    ITEMS,
    (c) => c.listGroupAiModelApiKeys({ groupId, itemsPerPage: '100' as Loose }),
  ],
  [
    'list: itemsPerPage NaN',
    'itemsPerPage',
    ITEMS,
    (c) => c.listGroupAiModelApiKeys({ groupId, itemsPerPage: Number.NaN }),
  ],
  ['list: pageNum 0', 'pageNum', PAGE, (c) => c.listGroupAiModelApiKeys({ groupId, pageNum: 0 })],
  [
    'list: pageNum negative',
    'pageNum',
    PAGE,
    (c) => c.listGroupAiModelApiKeys({ groupId, pageNum: -1 }),
  ],
  [
    'list: pageNum Infinity',
    'pageNum',
    PAGE,
    (c) => c.listGroupAiModelApiKeys({ groupId, pageNum: Number.POSITIVE_INFINITY }),
  ],
  [
    'list: envelope a string',
    'envelope',
    /^envelope must be a boolean/,
    (c) => c.listGroupAiModelApiKeys({ groupId, envelope: 'yes' as Loose }),
  ],
  [
    'org list: orgId too short',
    'orgId',
    OBJECT_ID,
    (c) => c.listOrgAiModelApiKeys({ orgId: 'abc' }),
  ],
  [
    'org list: groupId instead of orgId',
    'groupId',
    /^groupId must be one of the parameters of listOrgAiModelApiKeys \(orgId, /,
    (c) => c.listOrgAiModelApiKeys({ groupId } as Loose),
  ],
  [
    'org get: orgId with a trailing newline',
    'orgId',
    /control characters/,
    (c) => c.getOrgAiModelApiKey({ orgId: `${orgId}\n`, apiKeyId: KEY.apiKeyId }),
  ],
];

/** Consumes a call whichever way it is meant to be used: lists are iterated as well as awaited. */
async function consume(call: unknown): Promise<void> {
  if (call && typeof call === 'object' && Symbol.asyncIterator in call) {
    for await (const _ of call as AsyncIterable<unknown>);
  }
  await call;
}

describe('bad arguments of the resource methods are refused before any request', () => {
  test.each(BAD_INPUTS)('%s', async (_, field, says, call) => {
    const { client, requests } = createObservedClient(() => json(KEY));
    const error = await rejectionOf(consume(call(client)));
    expect(error).toBeInstanceOf(AtlasValidationError);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field} must be `)).toBe(true);
    expect(error.message).toMatch(says);
    expect(requests).toHaveLength(0);
  });
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether `name` is what the spec and the client accept: 1–250 code points, no controls. */
const isAcceptableName = (name: string) =>
  [...name].length >= 1 && [...name].length <= 250 && !CONTROL.test(name);

describe('names', () => {
  test('any name is either sent exactly as given or refused before any request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 260 }),
          fc.string({ unit: 'binary', minLength: 240, maxLength: 260 }),
          fc.string({ unit: 'binary', maxLength: 8 }),
        ),
        async (name) => {
          const { client, requests } = createObservedClient(() => json(KEY));
          const call = client.updateGroupAiModelApiKey({ ...PARAMS, name });
          if (isAcceptableName(name)) {
            await call;
            expect(await requests[0]?.json()).toEqual({ name });
          } else {
            expect(await rejectionOf(call)).toBeInstanceOf(AtlasValidationError);
            expect(requests).toHaveLength(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
