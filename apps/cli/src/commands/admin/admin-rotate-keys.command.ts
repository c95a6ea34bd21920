import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';

interface KeyRotation {
  keyId: string;
  kinds: Array<{ kind: string; resealed: number; alreadyCurrent: number; failed: number; failedIds: string[] }>;
}

/**
 * `pitrix admin rotate-keys`: re-seals every stored secret under the newest master key and prints
 * the counts per kind; exits 1 when some rows no key opens (named by id), so a script can stop
 * before the old key is dropped.
 */
export function adminRotateKeysCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('rotate-keys')
    .description('Re-seal runtime credentials, repo credentials and job specs under the newest key of PITRIX_SECRET_KEYS (safe to run again)')
    .action(async (_opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { rotateKeys } = await api.request<{ rotateKeys: KeyRotation }>('mutation { rotateKeys { keyId kinds { kind resealed alreadyCurrent failed failedIds } } }');
      out.result(rotateKeys, () => describeRotation(rotateKeys));
      if (rotateKeys.kinds.some((kind) => kind.failed > 0)) process.exitCode = 1;
    });
}

function describeRotation(rotation: KeyRotation): string {
  const rows = rotation.kinds.map((kind) => [kind.kind, kind.resealed, kind.alreadyCurrent, kind.failed]);
  const failures = rotation.kinds.filter((kind) => kind.failed > 0).map((kind) => `${kind.kind}: no key opens ${kind.failedIds.join(', ')}`);
  return [`re-sealed under key ${rotation.keyId}`, table(['KIND', 'RESEALED', 'ALREADY CURRENT', 'FAILED'], rows), ...failures].join('\n');
}
