export { RESET_PATH } from './control.js';
export { resetAtlasMock } from './reset-over-http.js';
export {
  resetCurl,
  seededApiKeyId,
  seededCurl,
  seededGroupId,
  seededKeyPath,
} from './seed.js';
export type {
  AtlasMock,
  AtlasMockMode,
  AtlasMockOptions,
  CommonMockOptions,
  StatefulMockOptions,
  StaticMockOptions,
} from './start-atlas-mock.js';
export { defaultSpecPath, startAtlasMock } from './start-atlas-mock.js';
