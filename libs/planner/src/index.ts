export { layersOf } from './dag.js';
