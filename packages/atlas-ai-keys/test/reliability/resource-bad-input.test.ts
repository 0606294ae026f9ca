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
const RPM = /^requestsPerMinuteLimit must be a whole number from 1 to 2147483647 /;
const TPM = /^tokensPerMinuteLimit must be a whole number from 1 to 2147483647 /;
const SEGMENT = /^modelGroupName must be one path segment, without "\/" or spaces/;
const modelGroupName = 'embed_large';
const LIMITS = { requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 100_000 };
const LIMIT = { groupId, modelGroupName };

/** A rate-limit update whose limits are `limits` over valid ones. */
const setLimits = (limits: Record<string, unknown>) => (c: Client) =>
  c.rateLimits.update({ ...LIMIT, ...LIMITS, ...limits } as Loose);

/** Each call's bad argument, the field its error must name, and what the message must say. */
const BAD_INPUTS: [string, string, RegExp, (client: Client) => unknown][] = [
  ['create: name missing', 'name', NAME, (c) => c.keys.create({ groupId } as Loose)],
  ['create: name empty', 'name', NAME, (c) => c.keys.create({ groupId, name: '' })],
  [
    'create: name of 251 characters',
    'name',
    /\(received "x{40}…" \(251 characters\)\)$/,
    (c) => c.keys.create({ groupId, name: 'x'.repeat(251) }),
  ],
  [
    'create: name of 251 emoji',
    'name',
    NAME,
    (c) => c.keys.create({ groupId, name: '😀'.repeat(251) }),
  ],
  [
    'create: name a number',
    'name',
    /\(received number 7\)$/,
    (c) => c.keys.create({ groupId, name: 7 as Loose }),
  ],
  ['create: name with a line break', 'name', NAME, (c) => c.keys.create({ groupId, name: 'a\nb' })],
  ['create: name with NUL', 'name', NAME, (c) => c.keys.create({ groupId, name: 'a\u0000' })],
  [
    'create: name with a C1 control',
    'name',
    NAME,
    (c) => c.keys.create({ groupId, name: 'a\u0085' }),
  ],
  ['create: name null', 'name', NAME, (c) => c.keys.create({ groupId, name: null as Loose })],
  [
    'create: cloud not ANY',
    'cloud',
    /^cloud must be one of "ANY" \(received "AWS"\)$/,
    (c) => c.keys.create({ groupId, name: 'a', cloud: 'AWS' as Loose }),
  ],
  [
    'create: geography lower case',
    'geography',
    /^geography must be one of "ANY"/,
    (c) => c.keys.create({ groupId, name: 'a', geography: 'any' as Loose }),
  ],
  [
    'create: groupId missing',
    'groupId',
    /^groupId must be a non-empty string/,
    (c) => c.keys.create({ name: 'a' } as Loose),
  ],
  [
    'create: a misspelt field',
    'nmae',
    /^nmae must be one of the parameters of createGroupAiModelApiKey/,
    (c) => c.keys.create({ groupId, nmae: 'a' } as Loose),
  ],
  ['update: name missing', 'name', NAME, (c) => c.keys.update(PARAMS as Loose)],
  [
    'update: name of 251 characters',
    'name',
    NAME,
    (c) => c.keys.update({ ...PARAMS, name: 'n'.repeat(251) }),
  ],
  ['update: name with a tab', 'name', NAME, (c) => c.keys.update({ ...PARAMS, name: 'a\tb' })],
  [
    'update: apiKeyId empty',
    'apiKeyId',
    /^apiKeyId must be a non-empty string/,
    (c) => c.keys.update({ groupId, apiKeyId: '', name: 'a' }),
  ],
  [
    'delete: apiKeyId a dot segment',
    'apiKeyId',
    /not the path segment/,
    (c) => c.keys.delete({ groupId, apiKeyId: '..' }),
  ],
  [
    'delete: groupId in upper case',
    'groupId',
    OBJECT_ID,
    (c) => c.keys.delete({ ...PARAMS, groupId: groupId.toUpperCase() }),
  ],
  ['list: itemsPerPage 0', 'itemsPerPage', ITEMS, (c) => c.keys.list({ groupId, itemsPerPage: 0 })],
  [
    'list: itemsPerPage 501',
    'itemsPerPage',
    ITEMS,
    (c) => c.keys.list({ groupId, itemsPerPage: 501 }),
  ],
  [
    'list: itemsPerPage 1.5',
    'itemsPerPage',
    ITEMS,
    (c) => c.keys.list({ groupId, itemsPerPage: 1.5 }),
  ],
  [
    'list: itemsPerPage a string',
    'itemsPerPage',
    ITEMS,
    (c) => c.keys.list({ groupId, itemsPerPage: '100' as Loose }),
  ],
  [
    'list: itemsPerPage NaN',
    'itemsPerPage',
    ITEMS,
    (c) => c.keys.list({ groupId, itemsPerPage: Number.NaN }),
  ],
  ['list: pageNum 0', 'pageNum', PAGE, (c) => c.keys.list({ groupId, pageNum: 0 })],
  ['list: pageNum negative', 'pageNum', PAGE, (c) => c.keys.list({ groupId, pageNum: -1 })],
  [
    'list: pageNum Infinity',
    'pageNum',
    PAGE,
    (c) => c.keys.list({ groupId, pageNum: Number.POSITIVE_INFINITY }),
  ],
  [
    'list: envelope a string',
    'envelope',
    /^envelope must be a boolean/,
    (c) => c.keys.list({ groupId, envelope: 'yes' as Loose }),
  ],
  ['org list: orgId too short', 'orgId', OBJECT_ID, (c) => c.keys.listForOrg({ orgId: 'abc' })],
  [
    'org list: groupId instead of orgId',
    'groupId',
    /^groupId must be one of the parameters of listOrgAiModelApiKeys \(orgId, /,
    (c) => c.keys.listForOrg({ groupId } as Loose),
  ],
  [
    'org get: orgId with a trailing newline',
    'orgId',
    /control characters/,
    (c) => c.keys.getForOrg({ orgId: `${orgId}\n`, apiKeyId: KEY.apiKeyId }),
  ],
  // rate limits: both limits are int32 of at least 1; a model group name is one path segment
  ['limits: rpm 0', 'requestsPerMinuteLimit', RPM, setLimits({ requestsPerMinuteLimit: 0 })],
  [
    'limits: rpm negative',
    'requestsPerMinuteLimit',
    RPM,
    setLimits({ requestsPerMinuteLimit: -5 }),
  ],
  ['limits: rpm 1.5', 'requestsPerMinuteLimit', RPM, setLimits({ requestsPerMinuteLimit: 1.5 })],
  [
    'limits: rpm over int32',
    'requestsPerMinuteLimit',
    /\(received number 2147483648\)$/,
    setLimits({ requestsPerMinuteLimit: 2 ** 31 }),
  ],
  [
    'limits: rpm a string',
    'requestsPerMinuteLimit',
    RPM,
    setLimits({ requestsPerMinuteLimit: '100' }),
  ],
  [
    'limits: rpm missing',
    'requestsPerMinuteLimit',
    RPM,
    setLimits({ requestsPerMinuteLimit: undefined }),
  ],
  ['limits: tpm 0', 'tokensPerMinuteLimit', TPM, setLimits({ tokensPerMinuteLimit: 0 })],
  ['limits: tpm negative', 'tokensPerMinuteLimit', TPM, setLimits({ tokensPerMinuteLimit: -1 })],
  ['limits: tpm 2.5', 'tokensPerMinuteLimit', TPM, setLimits({ tokensPerMinuteLimit: 2.5 })],
  [
    'limits: tpm over int32',
    'tokensPerMinuteLimit',
    TPM,
    setLimits({ tokensPerMinuteLimit: 3_000_000_000 }),
  ],
  ['limits: tpm NaN', 'tokensPerMinuteLimit', TPM, setLimits({ tokensPerMinuteLimit: Number.NaN })],
  [
    'limits: tpm Infinity',
    'tokensPerMinuteLimit',
    TPM,
    setLimits({ tokensPerMinuteLimit: Number.POSITIVE_INFINITY }),
  ],
  [
    'limits: a misspelt limit',
    'rpm',
    /^rpm must be one of the parameters of updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits \(groupId, cloud, geography, modelGroupName, envelope, pretty, requestsPerMinuteLimit, tokensPerMinuteLimit\)/,
    setLimits({ rpm: 100 }),
  ],
  [
    'get limit: modelGroupName with a "/"',
    'modelGroupName',
    SEGMENT,
    (c) => c.rateLimits.get({ groupId, modelGroupName: 'embed/large' }),
  ],
  [
    'update limit: modelGroupName ".."',
    'modelGroupName',
    /not the path segment "\." or "\.\."/,
    (c) => c.rateLimits.update({ ...LIMIT, ...LIMITS, modelGroupName: '..' }),
  ],
  [
    'reset limit: modelGroupName "."',
    'modelGroupName',
    /not the path segment/,
    (c) => c.rateLimits.reset({ groupId, modelGroupName: '.' }),
  ],
  [
    'reset limit: modelGroupName with a space',
    'modelGroupName',
    SEGMENT,
    (c) => c.rateLimits.reset({ groupId, modelGroupName: 'embed large' }),
  ],
  [
    'get limit: modelGroupName with a line break',
    'modelGroupName',
    /control characters/,
    (c) => c.rateLimits.get({ groupId, modelGroupName: 'embed_large\n' }),
  ],
  [
    'get limit: modelGroupName with a C1 control',
    'modelGroupName',
    /control characters/,
    (c) => c.rateLimits.get({ groupId, modelGroupName: 'embed\u009blarge' }),
  ],
  [
    'org get limit: modelGroupName empty',
    'modelGroupName',
    /^modelGroupName must be a non-empty string/,
    (c) => c.rateLimits.getForOrg({ orgId, modelGroupName: '' }),
  ],
  [
    'get limit: modelGroupName missing',
    'modelGroupName',
    /^modelGroupName must be a non-empty string \(received undefined\)/,
    (c) => c.rateLimits.get({ groupId } as Loose),
  ],
  [
    'get limit: cloud not ANY',
    'cloud',
    /^cloud must be one of "ANY" \(received "AWS"\)$/,
    (c) => c.rateLimits.get({ ...LIMIT, cloud: 'AWS' as Loose }),
  ],
  [
    'reset limit: geography lower case',
    'geography',
    /^geography must be one of "ANY"/,
    (c) => c.rateLimits.reset({ ...LIMIT, geography: 'any' as Loose }),
  ],
  [
    'reset all: a model group name it does not take',
    'modelGroupName',
    /^modelGroupName must be one of the parameters of resetGroupAiModelApiRateLimits \(groupId, envelope, pretty\)/,
    (c) => c.rateLimits.resetAll({ ...LIMIT } as Loose),
  ],
  [
    'list limits: itemsPerPage 501',
    'itemsPerPage',
    ITEMS,
    (c) => c.rateLimits.list({ groupId, itemsPerPage: 501 }),
  ],
  [
    'org list limits: orgId in upper case',
    'orgId',
    OBJECT_ID,
    (c) => c.rateLimits.listForOrg({ orgId: orgId.toUpperCase() }),
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
          const call = client.keys.update({ ...PARAMS, name });
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
