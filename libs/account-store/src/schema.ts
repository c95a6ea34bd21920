import type { SchemaModule } from '@pitrix/db';
import { AccountInit1734000000000 } from './1734000000000-account-init.js';
import { GroupEntity, LoginThrottleEntity, MembershipEntity, SecurityEventEntity, SessionEntity, TokenEntity, UserEntity } from './entities.js';

/** The `account` schema: users, groups, memberships, sessions, tokens, login throttle and security events. */
export const accountSchema: SchemaModule = {
  schema: 'account',
  entities: [UserEntity, GroupEntity, MembershipEntity, SessionEntity, TokenEntity, LoginThrottleEntity, SecurityEventEntity],
  migrations: [AccountInit1734000000000],
};
