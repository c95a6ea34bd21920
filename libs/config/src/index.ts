export { loadApiConfig, loadCliConfig, loadDevStackConfig, loadPackageConfig, loadWorkerConfig, allSettingGroups } from './load.js';
export type { ApiConfig, CliConfig, DevStackConfig, PackageConfig, WorkerConfig } from './load.js';
export { describeSettings, parseSettingGroups, setting, SettingParseError } from './setting.js';
export type { Setting, SettingDescription, SettingOptions, SettingValues } from './setting.js';
export { boolean, hostPort, integer, list, oneOf, port, text, url } from './parsers.js';
export {
  apiSettings,
  databaseSettings,
  devStackSettings,
  homeSettings,
  natsSettings,
  packageSettings,
  temporalSettings,
} from './settings.js';
export { redactUrl } from './redact.js';
export { providerSettings, secretSettings } from './runtime-settings.js';
