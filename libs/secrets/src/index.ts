export { parseKeyRing } from './key-ring.js';
export type { KeyRing, MasterKey } from './key-ring.js';
export { SecretBox } from './secret-box.js';
export type { SealedSecret } from './secret-box.js';
