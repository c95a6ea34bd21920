export {
  agentSettingGroups,
  allSettingGroups,
  loadApiConfig,
  loadCliConfig,
  loadDevStackConfig,
  loadDroneConfig,
  loadFrontgateConfig,
  loadPackageConfig,
  loadWorkerConfig,
} from './load.js';
export type { ApiConfig, CliConfig, DevStackConfig, DroneConfig, FetchConfig, FrontgateConfig, NatsConfig, PackageConfig, S3Config, WorkerConfig } from './load.js';
export { agentCommonSettings, droneSettings, frontgateSettings } from './agent-settings.js';
export { describeSettings, parseSettingGroups, setting, SettingParseError } from './setting.js';
export type { Setting, SettingDescription, SettingOptions, SettingValues } from './setting.js';
export { absolutePath, boolean, hostPort, integer, list, oneOf, port, text, url } from './parsers.js';
export {
  apiSettings,
  databaseSettings,
  devStackSettings,
  fetchSettings,
  homeSettings,
  natsSettings,
  packageSettings,
  s3Settings,
  temporalSettings,
} from './settings.js';
export { authSettings, oidcGroupMap } from './auth-settings.js';
export type { OidcGroupMapping } from './auth-settings.js';
export { redactUrl } from './redact.js';
export { healingSettings, monitoringSettings, providerSettings, refuseDevelopmentSecretKey, secretSettings } from './runtime-settings.js';
