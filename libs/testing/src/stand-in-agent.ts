import { join } from 'node:path';

/**
 * Path of the stand-in agent: a small script that records its instance identity, optionally
 * serves TCP on the instance's private address, and runs until stopped. Tests of providers and of
 * the provider activities start it where a real frontgate or drone is not under test.
 */
export function standInAgentEntry(): string {
  return join(__dirname, '..', 'assets', 'stand-in-agent.js');
}
