import { apiSettings, devStackSettings, natsSettings, s3Settings, temporalSettings, type DevStackConfig } from '@pitrix/config';
import { checkPortsFree, type PortNeed } from '@pitrix/devstack';
import { stackAddresses } from './stack-addresses.js';
import type { StackPlan } from './stack-plan.js';

/**
 * Every port `npm start` is about to bind, with what binds it and the variable that moves it:
 * the API's always, a server's only when the plan starts it (one already running, or elsewhere,
 * binds nothing of ours). Variable names come from the settings themselves, so they cannot drift.
 */
export function stackPorts(config: DevStackConfig, plan: StackPlan): PortNeed[] {
  const { temporal, hub, s3 } = stackAddresses(config);
  const ports: PortNeed[] = [{ host: config.api.host, port: config.api.port, what: 'the GraphQL API', setting: apiSettings.port.env, hostSetting: apiSettings.host.env }];
  if (plan.temporal === 'start') {
    ports.push(
      { ...temporal, what: 'Temporal gRPC', setting: temporalSettings.address.env },
      { host: temporal.host, port: config.devStack.temporalUiPort, what: 'the Temporal web UI', setting: devStackSettings.temporalUiPort.env, alsoSetting: temporalSettings.uiUrl.env },
    );
  }
  if (plan.hub === 'start') {
    ports.push(
      { ...hub, what: 'the NATS hub for clients', setting: natsSettings.url.env },
      { host: hub.host, port: config.devStack.natsLeafPort, what: 'the NATS hub for leaf nodes', setting: devStackSettings.natsLeafPort.env, alsoSetting: natsSettings.leafUrl.env },
      { host: hub.host, port: config.devStack.natsMonitorPort, what: 'the NATS hub monitoring', setting: devStackSettings.natsMonitorPort.env },
    );
  }
  if (plan.s3 === 'start') ports.push({ host: s3.host, port: s3.port, what: 'the S3 server', setting: s3Settings.endpoint.env });
  return ports;
}

/**
 * Stops start-up before anything starts when a port in `ports` cannot be bound, naming every such
 * port, what wanted it and the variable to change; better than a server dying after the banner.
 */
export async function refuseTakenPorts(ports: readonly PortNeed[]): Promise<void> {
  const problems = await checkPortsFree(ports);
  if (problems.length === 1) throw new Error(problems[0]!.message);
  if (problems.length > 1) throw new Error(`${problems.length} ports cannot be bound:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
}
