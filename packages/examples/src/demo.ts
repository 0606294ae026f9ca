// The main job: start the Prism mock of the spec, manage AI model API keys with the published
// client against it (list, create, get, rename, delete), print what comes back, and leave
// nothing running.
import {
  AtlasNotFoundError,
  AtlasValidationError,
  accessTokenAuth,
  createAtlasAiKeysClient,
} from '@org/atlas-ai-keys';
import { seededGroupId, startMock } from '@org/atlas-mock';
import { describeKey } from './describe-key.js';

const mock = await startMock();
const client = createAtlasAiKeysClient({
  baseUrl: mock.url,
  // Prism checks only the shape of the Authorization header, so any bearer token is accepted.
  auth: accessTokenAuth({ accessToken: 'demo-access-token' }),
  userAgent: 'atlas-ai-keys-demo',
});
const groupId = seededGroupId;
// note: Prism picks the response by `Prefer`; its errors are application/json, so Accept must allow it.
const AS_MISSING_KEY = {
  headers: {
    prefer: 'code=404',
    accept: `application/vnd.atlas.${client.apiVersion}+json, application/json`,
  },
};

try {
  console.log(`Prism mock of spec/atlas-ai-model-api-keys.yaml listening on ${mock.url}`);
  console.log(`API version ${client.apiVersion}; the mock answers with the spec's examples.\n`);

  console.log('List the project’s keys (every page) →');
  for await (const key of client.listGroupAiModelApiKeys({ groupId })) {
    console.log(`  ${key.name}  ${key.apiKeyId}  ${key.status}  ${key.maskedSecret}`);
  }

  console.log('\nCreate a key (cloud and geography default to "ANY") →');
  const created = await client.createGroupAiModelApiKey({ groupId, name: 'demo-embeddings' });
  console.log(`  secret, shown once: ${created.secret}`);
  console.log('  Atlas never shows it again; store it now. In JSON and logs it is left out:');
  console.log(`  ${JSON.stringify(created)}`);

  const apiKeyId = created.apiKeyId as string;
  console.log('\nGet it →');
  const { data: key, response } = await client
    .getGroupAiModelApiKey({ groupId, apiKeyId })
    .withResponse();
  console.log(`  ${response.status} ${response.headers.get('content-type')}`);
  console.log(describeKey(key));

  console.log('\nRename it →');
  const renamed = await client.updateGroupAiModelApiKey({ groupId, apiKeyId, name: 'renamed' });
  console.log(`  ${renamed.apiKeyId} is now "${renamed.name}"`);

  console.log('\nDelete it →');
  await client.deleteGroupAiModelApiKey({ groupId, apiKeyId });
  console.log('  deleted (204 No Content)');

  console.log('\nGet a key that does not exist →');
  try {
    await client.getGroupAiModelApiKey({ groupId, apiKeyId: 'no-such-key' }, AS_MISSING_KEY);
    throw new Error('expected the missing key to be reported as not found');
  } catch (error) {
    if (!(error instanceof AtlasNotFoundError)) throw error;
    console.log(`  ${error.name}: status ${error.status}, errorCode ${error.errorCode}`);
    console.log(`  ${error.detail}`);
  }

  console.log('\nA name of 251 characters is refused before any request →');
  try {
    await client.createGroupAiModelApiKey({ groupId, name: 'x'.repeat(251) });
    throw new Error('expected the long name to be refused');
  } catch (error) {
    if (!(error instanceof AtlasValidationError)) throw error;
    console.log(`  ${error.name}: ${error.message}`);
  }
} finally {
  await client.close();
  await mock.close();
}
