export {
  seededApiKeyId,
  seededCurl,
  seededGroupId,
  seededKeyPath,
} from './seed.js';
export type { AtlasMock, StartMockOptions } from './start-mock.js';
export { defaultSpecPath, startMock } from './start-mock.js';
