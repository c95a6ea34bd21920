import { STACK_ENV } from './stack-info.js';
import { startStack } from './start-stack.js';

/** Starts the whole stack once for every journey and returns its teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  process.env[STACK_ENV] = JSON.stringify(stack.info);
  console.log(`dashboard e2e stack: ${stack.info.baseUrl}`);
  return () => stack.stop();
}
