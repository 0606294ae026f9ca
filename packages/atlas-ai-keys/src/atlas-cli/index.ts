// The entry `@org/atlas-ai-keys/atlas-cli`: credentials and settings from the Atlas CLI's
// profiles. It is apart from the main entry so that applications that never read a profile
// never load a TOML parser or a keyring binding (the binding is loaded only when a credential
// has to come from the keyring).
export { AtlasConfigError } from './config-error.js';
export { atlasCliConfigFile } from './config-file.js';
export { decodeGoKeyring } from './keyring.js';
export {
  type AtlasCliCredentials,
  type AtlasCliProfile,
  type AtlasCliProfileOptions,
  type AtlasCliSetting,
  type AtlasCliSource,
  authFromAtlasCli,
  loadAtlasCliProfile,
} from './profile.js';
