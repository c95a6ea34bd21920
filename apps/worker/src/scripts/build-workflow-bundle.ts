import { writeFileSync } from 'node:fs';
import { bundleWorkflows, prebuiltBundlePath } from '../workflow-bundle.js';

/** Build step: bundles the compiled workflows once so the worker starts without webpack. */
async function main(): Promise<void> {
  const { code } = await bundleWorkflows('compiled');
  const path = prebuiltBundlePath();
  writeFileSync(path, code);
  console.log(`workflow bundle: ${path} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
