import { loadDroneConfig } from '@pitrix/config';
import { isPitrixError } from '@pitrix/errors';
import { startDrone } from './drone.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config = loadDroneConfig(process.env);
  const log = createLogger(`drone[${config.drone.nodeId}]`, config.agent.logLevel);
  const drone = await startDrone(config, { log, path: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin' });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void drone.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(isPitrixError(err) ? `pitrix drone: ${err.message}` : err);
  process.exit(1);
});
