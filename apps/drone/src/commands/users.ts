import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { PitrixError } from '@pitrix/errors';

/** A local user a command can run as. */
export interface RunAsUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/** The drone's own user. */
export function currentUser(): RunAsUser {
  const me = userInfo();
  return { name: me.username, uid: me.uid, gid: me.gid, home: me.homedir };
}

/**
 * Looks up `name` (or a numeric uid) in the system's user database; "" is the drone's own user.
 * An unknown user is `AGENT.COMMAND_INVALID`: the command is refused without running.
 */
export function resolveUser(name: string): RunAsUser {
  if (name === '') return currentUser();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new PitrixError('AGENT.COMMAND_INVALID', `user ${JSON.stringify(name)} is not a valid user name`);
  let line: string;
  try {
    line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
  } catch {
    throw new PitrixError('AGENT.COMMAND_INVALID', `user ${JSON.stringify(name)} does not exist on this node`);
  }
  const [user, , uid, gid, , home] = line.split(':');
  return { name: user ?? name, uid: Number(uid), gid: Number(gid), home: home || '/' };
}
