export { DroneSimulatorHost } from './simulator.js';
export type { SimulatorLog } from './simulator.js';
