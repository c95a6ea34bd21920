import { authSettings } from './auth-settings.js';
import { agentCommonSettings, droneSettings, frontgateSettings } from './agent-settings.js';
import { parseSettingGroups } from './setting.js';
import { healingSettings, monitoringSettings, providerSettings, secretSettings, taskDeadlineSettings } from './runtime-settings.js';
import { apiSettings, databaseSettings, devStackSettings, fetchSettings, homeSettings, natsSettings, packageSettings, s3Settings, temporalSettings } from './settings.js';

type Env = Readonly<Record<string, string | undefined>>;

const platformGroups = { secrets: secretSettings, providers: providerSettings, healing: healingSettings };
const apiGroups = { home: homeSettings, api: apiSettings, auth: authSettings, database: databaseSettings, temporal: temporalSettings, nats: natsSettings, package: packageSettings, s3: s3Settings, fetch: fetchSettings, ...platformGroups };
// The worker has no auth group; it reads the same PITRIX_DEV_MODE setting to accept the development master key.
const workerInstallation = { devMode: authSettings.devMode };
const workerGroups = { home: homeSettings, database: databaseSettings, temporal: temporalSettings, nats: natsSettings, package: packageSettings, s3: s3Settings, fetch: fetchSettings, taskDeadlines: taskDeadlineSettings, monitoring: monitoringSettings, installation: workerInstallation, ...platformGroups };
const cliGroups = { api: apiSettings, auth: authSettings, temporal: temporalSettings, package: packageSettings };
const packageGroups = { package: packageSettings };
const frontgateGroups = { agent: agentCommonSettings, frontgate: frontgateSettings };
const droneGroups = { agent: agentCommonSettings, drone: droneSettings };
const devStackGroups = { ...apiGroups, taskDeadlines: taskDeadlineSettings, monitoring: monitoringSettings, devStack: devStackSettings };

/** Configuration of the GraphQL API process. */
export type ApiConfig = ReturnType<typeof loadApiConfig>;
/** Configuration of the Temporal worker process. */
export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;
/** Configuration of the `pitrix` CLI. */
export type CliConfig = ReturnType<typeof loadCliConfig>;
/** The platform's NATS hub settings (URL, trust folder, leaf URL, CA). */
export type NatsConfig = ApiConfig['nats'];
/** Configuration of the dev stack launcher (`npm start`, `npm test`). */
export type DevStackConfig = ReturnType<typeof loadDevStackConfig>;
/** Where s3:// repositories are reached (endpoint, region). */
export type S3Config = ApiConfig['s3'];
/** Where and how long repository fetches may go (PITRIX_FETCH_*). */
export type FetchConfig = ApiConfig['fetch'];
/** Limits of the package loaders, for any process that reads packages. */
export type PackageConfig = ReturnType<typeof loadPackageConfig>;

/** Parses the API's configuration; throws `CONFIG.INVALID` naming every bad variable. */
export function loadApiConfig(env: Env) {
  return parseSettingGroups(apiGroups, env);
}

/** Parses the worker's configuration; throws `CONFIG.INVALID` naming every bad variable. */
export function loadWorkerConfig(env: Env) {
  return parseSettingGroups(workerGroups, env);
}

/** Parses the CLI's configuration; throws `CONFIG.INVALID` naming every bad variable. */
export function loadCliConfig(env: Env) {
  return parseSettingGroups(cliGroups, env);
}

/** Parses everything the dev stack launcher needs; throws `CONFIG.INVALID` naming every bad variable. */
export function loadDevStackConfig(env: Env) {
  return parseSettingGroups(devStackGroups, env);
}

/** Parses the package loaders' limits; throws `CONFIG.INVALID` naming every bad variable. */
export function loadPackageConfig(env: Env) {
  return parseSettingGroups(packageGroups, env);
}

/** Configuration of a frontgate agent. */
export type FrontgateConfig = ReturnType<typeof loadFrontgateConfig>;
/** Configuration of a drone agent. */
export type DroneConfig = ReturnType<typeof loadDroneConfig>;

/** Parses a frontgate's configuration; throws `CONFIG.INVALID` naming every bad variable (never a secret's value). */
export function loadFrontgateConfig(env: Env) {
  return parseSettingGroups(frontgateGroups, env);
}

/** Parses a drone's configuration; throws `CONFIG.INVALID` naming every bad variable (never a secret's value). */
export function loadDroneConfig(env: Env) {
  return parseSettingGroups(droneGroups, env);
}

/** The agents' setting groups, for the agent plane's documentation. */
export const agentSettingGroups = { ...frontgateGroups, drone: droneSettings };

/** Every setting group, for the README's configuration table. */
export const allSettingGroups = { ...devStackGroups, ...packageGroups };
