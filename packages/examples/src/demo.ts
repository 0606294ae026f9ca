// The main job: start the stateful Atlas mock, manage AI model API keys with the published client
// against it (list, create, get, rename, list, delete, get the deleted key), then the project's
// rate limits (list, set one, one refused above the organization's, reset), print what really
// happened, and leave nothing running.
import {
  type AiModelApiKey,
  type AiModelRateLimit,
  AtlasBadRequestError,
  AtlasNotFoundError,
  AtlasValidationError,
  accessTokenAuth,
  createAtlasAiKeysClient,
} from '@org/atlas-ai-keys';
import { seededGroupId, startAtlasMock } from '@org/atlas-mock';
import { describeKey } from './describe-key.js';

const mock = await startAtlasMock();
const client = createAtlasAiKeysClient({
  baseUrl: mock.baseUrl,
  // The mock checks only the shape of the Authorization header, so any bearer token is accepted.
  auth: accessTokenAuth({ accessToken: 'demo-access-token' }),
  userAgent: 'atlas-ai-keys-demo',
});
const groupId = seededGroupId;
/** An organization: the mock gives every one the same limits. */
const ORG_ID = '4888442a3354817a7320eb61';

/** Prints every key of the project, one line each, and returns them. */
async function listKeys(): Promise<AiModelApiKey[]> {
  const keys: AiModelApiKey[] = [];
  for await (const key of client.keys.list({ groupId })) {
    console.log(`  ${key.name}  ${key.apiKeyId}  ${key.status}  ${key.maskedSecret}`);
    keys.push(key);
  }
  return keys;
}

/** A rate limit on one line: model group, its models, requests and tokens a minute. */
function describeLimit(limit: AiModelRateLimit): string {
  const models = limit.modelNames?.join(', ') || '—';
  const perMinute = (count: number, what: string) => `${count.toLocaleString('en-US')} ${what}/min`;
  const requests = perMinute(limit.requestsPerMinuteLimit, 'requests');
  return `  ${limit.modelGroupName.padEnd(13)} ${`(${models})`.padEnd(32)} ${requests.padEnd(19)} ${perMinute(limit.tokensPerMinuteLimit, 'tokens')}`;
}

try {
  console.log(
    `Atlas mock (stateful: Prism validating every call, keys kept in memory) on ${mock.baseUrl}`,
  );
  console.log(`API version ${client.apiVersion}; project ${groupId}.\n`);

  console.log('List the project’s keys (every page) →');
  await listKeys();

  console.log('\nCreate a key (cloud and geography default to "ANY") →');
  const created = await client.keys.create({ groupId, name: 'demo-embeddings' });
  const apiKeyId = created.apiKeyId as string;
  console.log(`  created "${created.name}" (${apiKeyId})`);
  console.log(`  secret, shown once: ${created.secret}`);
  console.log('  Atlas never shows it again; store it now. In JSON and logs it is left out:');
  console.log(`  ${JSON.stringify(created)}`);

  console.log('\nGet it →');
  const { data: key, response } = await client.keys.get({ groupId, apiKeyId }).withResponse();
  console.log(`  ${response.status} ${response.headers.get('content-type')}`);
  console.log(describeKey(key));

  console.log('\nRename it →');
  const renamed = await client.keys.update({
    groupId,
    apiKeyId,
    name: 'demo-embeddings-prod',
  });
  console.log(`  ${renamed.apiKeyId} is now "${renamed.name}"`);

  console.log('\nList again →');
  await listKeys();

  console.log('\nDelete it →');
  await client.keys.delete({ groupId, apiKeyId });
  console.log('  deleted (204 No Content); the list now holds:');
  const left = await listKeys();
  const gone = !left.some((each) => each.apiKeyId === apiKeyId);
  console.log(`  ${apiKeyId} is ${gone ? 'gone from the list' : 'still listed'}`);

  console.log('\nGet the key just deleted →');
  try {
    await client.keys.get({ groupId, apiKeyId });
    throw new Error('expected the deleted key to be reported as not found');
  } catch (error) {
    if (!(error instanceof AtlasNotFoundError)) throw error;
    console.log(`  ${error.name}: status ${error.status}, errorCode ${error.errorCode}`);
    console.log(`  ${error.detail}`);
  }

  console.log('\nA name of 251 characters is refused before any request →');
  try {
    await client.keys.create({ groupId, name: 'x'.repeat(251) });
    throw new Error('expected the long name to be refused');
  } catch (error) {
    if (!(error instanceof AtlasValidationError)) throw error;
    console.log(`  ${error.name}: ${error.message}`);
  }

  console.log('\nList the project’s rate limits (one per model group) →');
  const limits: AiModelRateLimit[] = [];
  for await (const limit of client.rateLimits.list({ groupId })) {
    console.log(describeLimit(limit));
    limits.push(limit);
  }

  const [first] = limits;
  if (!first) throw new Error('expected the project to have rate limits');
  const { modelGroupName } = first;
  console.log(`\nSet ${modelGroupName} to 500 requests/min and 1,000,000 tokens/min →`);
  const set = await client.rateLimits.update({
    groupId,
    modelGroupName,
    requestsPerMinuteLimit: 500,
    tokensPerMinuteLimit: 1_000_000,
  });
  console.log(describeLimit(set));

  console.log('\nAsk for more than the organization allows →');
  const ceiling = await client.rateLimits.getForOrg({ orgId: ORG_ID, modelGroupName });
  try {
    await client.rateLimits.update({
      groupId,
      modelGroupName,
      requestsPerMinuteLimit: ceiling.requestsPerMinuteLimit + 1,
      tokensPerMinuteLimit: ceiling.tokensPerMinuteLimit,
    });
    throw new Error('expected a limit above the organization’s to be refused');
  } catch (error) {
    if (!(error instanceof AtlasBadRequestError)) throw error;
    console.log(`  ${error.name}: status ${error.status}, errorCode ${error.errorCode}`);
    console.log(`  ${error.detail}`);
  }

  console.log(`\nReset ${modelGroupName} to the organization’s limits →`);
  console.log(describeLimit(await client.rateLimits.reset({ groupId, modelGroupName })));
} finally {
  await client.close();
  await mock.close();
}
