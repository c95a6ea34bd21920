import { PitrixError } from '@pitrix/errors';
import type { DataSource, EntityManager } from 'typeorm';
import { GroupEntity } from './entities.js';
import { notifyAccountChanged } from './notify.js';
import { pgCode, toGroupRecord } from './records.js';
import type { GroupRecord, Role } from './types.js';
import type { Users } from './users.js';
import { assertValid, checkGroupName, checkRole, checkText } from './validation.js';

/** The id of the group named `name`: readable, because it becomes part of owner paths. */
export function groupIdOf(name: string): string {
  return `grp-${name}`;
}

/** Groups and their memberships; adding or removing a member is notified. */
export class Groups {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: Users,
    private readonly now: () => Date,
  ) {}

  async create(input: { name: string; displayName?: string }): Promise<GroupRecord> {
    assertValid('group', [checkGroupName(input.name), checkText(input.displayName, 'displayName')]);
    const group = Object.assign(new GroupEntity(), { id: groupIdOf(input.name), name: input.name, displayName: input.displayName ?? input.name, createdAt: this.now() });
    try {
      await this.dataSource.manager.insert(GroupEntity, group);
    } catch (err) {
      if (pgCode(err) !== '23505') throw err;
      throw new PitrixError('ACCOUNT.GROUP_TAKEN', `A group named ${JSON.stringify(input.name)} exists`, [{ path: 'name', message: 'already used by another group', found: input.name }]);
    }
    return toGroupRecord(group);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<GroupRecord> {
    const found = await manager.findOneBy(GroupEntity, { id });
    if (!found) throw new PitrixError('ACCOUNT.GROUP_NOT_FOUND', `Group ${id} does not exist`);
    return toGroupRecord(found);
  }

  async list(): Promise<GroupRecord[]> {
    return (await this.dataSource.manager.find(GroupEntity, { order: { name: 'ASC' } })).map(toGroupRecord);
  }

  /** Deletes a group with its memberships; users whose primary group it was get none. */
  async delete(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const affected = (await manager.query(
        `SELECT user_id FROM account.memberships WHERE group_id = $1 UNION SELECT id FROM account.users WHERE primary_group_id = $1`,
        [id],
      )) as Array<{ user_id: string }>;
      const [, deleted] = (await manager.query(`DELETE FROM account.groups WHERE id = $1`, [id])) as [unknown, number];
      if (deleted === 0) throw new PitrixError('ACCOUNT.GROUP_NOT_FOUND', `Group ${id} does not exist`);
      for (const { user_id: userId } of affected) await notifyAccountChanged(manager, { kind: 'membership_changed', userId });
    });
  }

  /** Adds `userId` to the group with `role`, or changes the role it holds there. */
  async setMember(groupId: string, userId: string, role: Role): Promise<void> {
    assertValid('membership', [checkRole(role)]);
    await this.dataSource.transaction(async (manager) => {
      await this.get(groupId, manager);
      await this.users.row(userId, manager);
      await manager.query(
        `INSERT INTO account.memberships (group_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (group_id, user_id) DO UPDATE SET role = excluded.role`,
        [groupId, userId, role],
      );
      await notifyAccountChanged(manager, { kind: 'membership_changed', userId });
    });
  }

  /** Removes `userId` from the group; removing a non-member is not an error. */
  async removeMember(groupId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, deleted] = (await manager.query(`DELETE FROM account.memberships WHERE group_id = $1 AND user_id = $2`, [groupId, userId])) as [unknown, number];
      if (deleted > 0) await notifyAccountChanged(manager, { kind: 'membership_changed', userId });
    });
  }

  /** The members of a group ordered by login, or `ACCOUNT.GROUP_NOT_FOUND`. */
  async members(groupId: string): Promise<Array<{ userId: string; login: string; role: Role }>> {
    await this.get(groupId);
    const rows = (await this.dataSource.query(
      `SELECT m.user_id, u.login, m.role FROM account.memberships m JOIN account.users u ON u.id = m.user_id WHERE m.group_id = $1 ORDER BY u.login`,
      [groupId],
    )) as Array<{ user_id: string; login: string; role: Role }>;
    return rows.map((row) => ({ userId: row.user_id, login: row.login, role: row.role }));
  }
}
