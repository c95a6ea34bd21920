import { loadFrontgateConfig } from '@pitrix/config';
import { isPitrixError } from '@pitrix/errors';
import { startFrontgate } from './frontgate.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config = loadFrontgateConfig(process.env);
  const log = createLogger(`frontgate[${config.agent.frontgateId}]`, config.agent.logLevel);
  const frontgate = await startFrontgate(config, log);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void frontgate.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(isPitrixError(err) ? `pitrix frontgate: ${err.message}` : err);
  process.exit(1);
});
