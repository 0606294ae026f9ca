// The main job: start the Prism mock of the spec, use the published client against it, print
// what comes back, and leave nothing running.
import {
  type AiModelApiKey,
  AtlasNotFoundError,
  AtlasValidationError,
  accessTokenAuth,
  createAtlasAiKeysClient,
} from '@org/atlas-ai-keys';
import { seededApiKeyId, seededGroupId, startMock } from '@org/atlas-mock';
import { describeKey } from './describe-key.js';

// note: Prism picks the response by `Prefer`; the 404 is application/json, so Accept must allow it.
const AS_MISSING_KEY = {
  headers: { prefer: 'code=404', accept: 'application/vnd.atlas.preview+json, application/json' },
};

const mock = await startMock();
const client = createAtlasAiKeysClient({
  baseUrl: mock.url,
  // Prism checks only the shape of the Authorization header, so any bearer token is accepted.
  auth: accessTokenAuth({ accessToken: 'demo-access-token' }),
  userAgent: 'atlas-ai-keys-demo',
});

try {
  console.log(`Prism mock of spec/atlas-ai-model-api-keys.yaml listening on ${mock.url}\n`);

  const { data: key, response } = await client
    .getGroupAiModelApiKey({ groupId: seededGroupId, apiKeyId: seededApiKeyId })
    .withResponse();
  console.log(
    `GET one AI model API key → ${response.status} ${response.headers.get('content-type')}`,
  );
  console.log(describeKey(key satisfies AiModelApiKey));

  console.log('\nGET a key that does not exist →');
  try {
    await client.getGroupAiModelApiKey(
      { groupId: seededGroupId, apiKeyId: 'no-such-key' },
      AS_MISSING_KEY,
    );
    throw new Error('expected the missing key to be reported as not found');
  } catch (error) {
    if (!(error instanceof AtlasNotFoundError)) throw error;
    console.log(`  ${error.name}: status ${error.status}, errorCode ${error.errorCode}`);
    console.log(`  ${error.detail}`);
  }

  console.log('\nAn invalid group id is refused before any request →');
  try {
    await client.getGroupAiModelApiKey({ groupId: 'not-a-group', apiKeyId: seededApiKeyId });
  } catch (error) {
    if (!(error instanceof AtlasValidationError)) throw error;
    console.log(`  ${error.name}: ${error.message}`);
  }
} finally {
  await client.close();
  await mock.close();
}
