import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ROLES, type AccountStore, type Role } from '@pitrix/account-store';
import { PitrixError } from '@pitrix/errors';
import { isAdmin, type Caller } from '../access/index.js';
import { ACCOUNT_STORE } from '../auth/account-store.provider.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import type { RequestContext } from '../auth/request-context.js';
import { decodeCursor } from '../graphql/pagination.js';
import { PageInput } from '../runtime/dto/runtime.input.js';
import { CreateGroupInput, CreateTokenInput, CreateUserInput, SecurityEventFilter, UpdateUserInput } from './dto/account.input.js';
import { pageOf, toAccessToken, toSecurityEvent, toUser } from './account.mapper.js';
import { AccessToken, CreatedToken, Group, Me, SecurityEventConnection, User, UserConnection } from './models/account.model.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The caller's own account and tokens; users, groups and the audit log for admins. */
@Resolver()
export class AccountResolver {
  constructor(@Inject(ACCOUNT_STORE) private readonly accounts: AccountStore) {}

  @Query(() => Me, { description: 'The signed-in caller.' })
  async me(@CurrentCaller() caller: Caller): Promise<Me> {
    const [user, principal, groups] = await Promise.all([this.accounts.user(caller.userId), this.accounts.principal(caller.userId), this.accounts.listGroups()]);
    const mine = groups.filter((group) => principal.groupIds.includes(group.id));
    const memberships = await Promise.all(mine.map(async (group) => ({ group, member: (await this.accounts.members(group.id)).find((m) => m.userId === caller.userId) })));
    return {
      user: toUser(user),
      groups: memberships.map(({ group, member }) => ({ id: group.id, displayName: group.displayName, role: member?.role ?? 'user' })),
      roles: [...caller.roles],
      ownerPath: caller.ownerPath,
      authenticatedBy: caller.authenticatedBy,
      tokenScope: caller.authenticatedBy === 'token' ? caller.scope : null,
    };
  }

  @Query(() => [AccessToken], { description: 'The caller’s personal access tokens (never their secrets).' })
  async tokens(@CurrentCaller() caller: Caller): Promise<AccessToken[]> {
    return (await this.accounts.listTokens(caller.userId)).map(toAccessToken);
  }

  @Mutation(() => CreatedToken, { description: 'Creates a personal access token; its secret is returned this once.' })
  async createToken(@CurrentCaller() caller: Caller, @Context() context: RequestContext, @Args('input') input: CreateTokenInput): Promise<CreatedToken> {
    if (caller.scope === 'read') throw new PitrixError('AUTH.FORBIDDEN', 'A read-only token cannot create tokens');
    const expiresAt = input.expiresInDays === undefined || input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * DAY_MS);
    const { token, record } = await this.accounts.createToken(caller.userId, { name: input.name, scope: input.scope, expiresAt });
    await this.accounts.recordEvent({ action: 'token.create', outcome: 'success', actorId: caller.userId, actorLogin: caller.login, target: record.id, sourceAddress: context.sourceAddress, details: { name: record.name, scope: record.scope } });
    return { token, accessToken: toAccessToken(record) };
  }

  @Mutation(() => AccessToken, { description: 'Revokes one of the caller’s tokens (an admin: anyone’s); it fails from its next request on.' })
  async revokeToken(@CurrentCaller() caller: Caller, @Context() context: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<AccessToken> {
    const record = await this.accounts.revokeToken(id, isAdmin(caller) ? undefined : caller.userId);
    await this.accounts.recordEvent({ action: 'token.revoke', outcome: 'success', actorId: caller.userId, actorLogin: caller.login, target: record.id, sourceAddress: context.sourceAddress });
    return toAccessToken(record);
  }

  @Query(() => UserConnection, { description: 'Every account (admin).' })
  async users(@Args('page', { defaultValue: { first: 20 } }) page: PageInput): Promise<UserConnection> {
    const after = decodeCursor(page.after)?.id;
    const found = await this.accounts.listUsers({ first: page.first + 1, after });
    return pageOf(found, page.first, toUser, found.items.length > page.first);
  }

  @Query(() => User, { description: 'One account (admin).' })
  async user(@Args('id', { type: () => ID }) id: string): Promise<User> {
    return toUser(await this.accounts.user(id));
  }

  @Mutation(() => User, { description: 'Creates an account (admin).' })
  async createUser(@Args('input') input: CreateUserInput): Promise<User> {
    return toUser(await this.accounts.createUser(input));
  }

  @Mutation(() => User, { description: 'Changes an account’s name, email, roles, status or primary group (admin).' })
  async updateUser(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateUserInput): Promise<User> {
    return toUser(await this.accounts.updateUser(id, input));
  }

  @Mutation(() => Boolean, { description: 'Sets an account’s password (admin).' })
  async setUserPassword(@Args('id', { type: () => ID }) id: string, @Args('password') password: string): Promise<boolean> {
    await this.accounts.setPassword(id, password);
    return true;
  }

  @Query(() => [Group], { description: 'Every group with its members (admin).' })
  async groups(): Promise<Group[]> {
    const groups = await this.accounts.listGroups();
    return Promise.all(groups.map(async (group) => ({ ...group, members: await this.accounts.members(group.id) })));
  }

  @Mutation(() => Group, { description: 'Creates a group (admin).' })
  async createGroup(@Args('input') input: CreateGroupInput): Promise<Group> {
    const group = await this.accounts.createGroup(input);
    return { ...group, members: [] };
  }

  @Mutation(() => Boolean, { description: 'Deletes a group (admin).' })
  async deleteGroup(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.accounts.deleteGroup(id);
    return true;
  }

  @Mutation(() => Group, { description: 'Adds a member to a group, or changes the member’s role (admin).' })
  async setGroupMember(@Args('groupId', { type: () => ID }) groupId: string, @Args('userId', { type: () => ID }) userId: string, @Args('role') role: string): Promise<Group> {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new PitrixError('INPUT.INVALID', `Unknown role ${role}`, [{ path: 'role', message: `expected ${ROLES.join(', ')}`, found: role }]);
    }
    await this.accounts.setMember(groupId, userId, role as Role);
    return this.groupWithMembers(groupId);
  }

  @Mutation(() => Group, { description: 'Removes a member from a group (admin).' })
  async removeGroupMember(@Args('groupId', { type: () => ID }) groupId: string, @Args('userId', { type: () => ID }) userId: string): Promise<Group> {
    await this.accounts.removeMember(groupId, userId);
    return this.groupWithMembers(groupId);
  }

  @Query(() => SecurityEventConnection, { description: 'The security audit log, newest first (admin).' })
  async securityEvents(
    @Args('filter', { defaultValue: {} }) filter: SecurityEventFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
  ): Promise<SecurityEventConnection> {
    const after = decodeCursor(page.after)?.id;
    const found = await this.accounts.events({ action: filter.action, actorId: filter.actorId, since: filter.since ? new Date(filter.since) : undefined, first: page.first + 1, after });
    return pageOf(found, page.first, toSecurityEvent, found.items.length > page.first);
  }

  private async groupWithMembers(groupId: string): Promise<Group> {
    return { ...(await this.accounts.group(groupId)), members: await this.accounts.members(groupId) };
  }
}
