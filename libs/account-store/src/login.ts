import { PitrixError } from '@pitrix/errors';
import type { DataSource } from 'typeorm';
import { UserEntity } from './entities.js';
import type { SecurityEvents } from './events.js';
import { DUMMY_HASH, hashNeedsUpgrade, hashPassword, verifyPasswordHash } from './password.js';
import { loadPrincipal } from './records.js';
import { LoginThrottle } from './throttle.js';
import type { Principal } from './types.js';

// Longest login or address kept in a throttle key or an event (real logins have at most 40 characters).
const MAX_KEY_LOGIN = 64;

/**
 * Password logins. An unknown login, a wrong password, a user without a password and a disabled
 * user all give the same `AUTH.UNAUTHENTICATED` after the same work (one scrypt check); repeated
 * failures per login and per source address are throttled (`AUTH.THROTTLED`).
 */
export class PasswordLogin {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: SecurityEvents,
    private readonly now: () => Date,
    freeAttempts: number,
  ) {
    this.throttle = new LoginThrottle(dataSource, freeAttempts);
  }

  async verify(login: string, password: string, sourceAddress: string): Promise<Principal> {
    const actorLogin = login.trim().toLowerCase().slice(0, MAX_KEY_LOGIN);
    const keys = [`login:${actorLogin}`, `ip:${sourceAddress.slice(0, MAX_KEY_LOGIN)}`];
    const attempt = { action: 'login', actorLogin, sourceAddress };
    const wait = await this.throttle.charge(keys, this.now());
    if (wait !== undefined) {
      await this.events.record({ ...attempt, outcome: 'failure', details: { reason: 'throttled' } });
      throw new PitrixError('AUTH.THROTTLED', `Too many failed logins; try again in ${wait} second${wait === 1 ? '' : 's'}`, [], { details: { retryAfterSeconds: wait } });
    }
    const user = await this.dataSource.manager.findOneBy(UserEntity, { login: actorLogin });
    const hash = user?.passwordHash ?? null;
    const matches = await verifyPasswordHash(password, hash ?? DUMMY_HASH);
    const principal = user && hash && matches && user.status === 'active' ? await loadPrincipal(this.dataSource.manager, user.id, { activeOnly: true }) : undefined;
    if (!user || !hash || !principal) {
      await this.throttle.failed(keys, this.now());
      await this.events.record({ ...attempt, actorId: user?.id, outcome: 'failure', details: { reason: 'invalid credentials' } });
      throw new PitrixError('AUTH.UNAUTHENTICATED', 'Invalid login or password');
    }
    await this.throttle.reset(keys);
    if (hashNeedsUpgrade(hash)) {
      // The cost of new hashes was raised since this one was made: store the password at the new cost.
      await this.dataSource.manager.update(UserEntity, { id: user.id, passwordHash: hash }, { passwordHash: await hashPassword(password) });
    }
    await this.events.record({ ...attempt, actorId: user.id, outcome: 'success' });
    return principal;
  }
}
