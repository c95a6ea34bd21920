import { DroneSimulatorHost } from './simulator.js';

const dronesDir = process.env.PITRIX_SIMULATOR_DRONES_DIR;
if (!dronesDir) {
  console.error('pitrix drone-simulator: PITRIX_SIMULATOR_DRONES_DIR is not set (the folder of drone specs the local provider writes)');
  process.exit(1);
}
const stamp = () => new Date().toISOString();
const host = new DroneSimulatorHost(dronesDir, {
  info: (message) => console.log(`${stamp()} INFO ${message}`),
  warn: (message) => console.log(`${stamp()} WARN ${message}`),
});
host.start();
const stop = () => void host.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
