import { createAccount, createUser } from '@nats-io/nkeys';
import { AGENTS_BUCKET, assertToken, droneRegistrationKey, type DroneRegistration } from '@pitrix/agent-protocol';
import { PitrixError } from '@pitrix/errors';
import { droneBootstrapFor, frontgateBootstrapFor, type AgentBootstrap, type NodeIdentity } from '../bootstrap/agent-bootstrap.js';
import { encodeFrontgateAccount, issueLeafUser } from '../trust/claims.js';
import type { IssuerKeys } from '../trust/trust-folder.js';
import { withFrontgateBucket } from './frontgate-buckets.js';
import type { FrontgateConnections } from './frontgate-connections.js';
import type { FrontgateRecord, FrontgateRegistry } from './frontgate-registry.js';
import type { HubAccounts } from './hub-accounts.js';

/** What the credential issuer works with. */
export interface AgentCredentialsDeps {
  readonly registry: FrontgateRegistry;
  readonly accounts: HubAccounts;
  readonly connections: FrontgateConnections;
  readonly keys: IssuerKeys;
  /** The hub's leaf URL and CA, as frontgates are told them. */
  readonly hubLeafUrl: string;
  readonly hubCaCertPem: string;
}

/**
 * Issues and revokes the agents' credentials. A frontgate gets its own hub account (pushed to the
 * hub's resolver, no restart) and a leaf user in it; a drone gets an nkey registered with its
 * frontgate, which admits it with permissions on its own subjects only. Revoking one credential
 * leaves every other working.
 */
export class AgentCredentials {
  constructor(private readonly deps: AgentCredentialsDeps) {}

  /**
   * The bootstrap of frontgate `frontgateId` listening on `listen`: creates its account on first
   * use and issues a new leaf credential each call (earlier ones stay valid until revoked).
   */
  async frontgateBootstrap(input: { frontgateId: string; listen: string }): Promise<AgentBootstrap> {
    const frontgateId = assertToken('frontgateId', input.frontgateId);
    const existing = await this.deps.registry.find(frontgateId);
    if (existing?.revokedAt) throw new PitrixError('AGENT.FRONTGATE_NOT_FOUND', `frontgate ${frontgateId} was revoked; use a new id`);
    const account = existing?.account ?? createAccount().getPublicKey();
    // A new account reaches the hub before its record is visible: whoever follows the registry
    // (the agent monitor) connects to the frontgate's account as soon as it sees the record.
    if (!existing) await this.pushAccount({ frontgateId, account, revocations: {} });
    const leaf = await issueLeafUser({ frontgateId, account, agentsSigner: this.deps.keys.agentsSigner });
    const record = await this.deps.registry.update(frontgateId, (current) => ({
      frontgateId,
      account: current?.account ?? account,
      createdAt: current?.createdAt ?? new Date().toISOString(),
      leafUsers: [...(current?.leafUsers ?? []), leaf.publicKey],
      revocations: current?.revocations ?? {},
    }));
    if (record.account !== account) throw new PitrixError('SYSTEM.INTERNAL', `frontgate ${frontgateId} was created concurrently; retry`);
    await this.pushAccount(record);
    return frontgateBootstrapFor({ frontgateId, hubLeafUrl: this.deps.hubLeafUrl, hubCaCertPem: this.deps.hubCaCertPem, credentials: leaf.creds, listen: input.listen });
  }

  /**
   * The bootstrap of the drone of `node`: a new nkey, registered with frontgate `frontgateId`
   * (which must be running) in place of any earlier key of that node.
   */
  async droneBootstrap(input: { frontgateId: string; frontgateUrl: string; node: NodeIdentity }): Promise<AgentBootstrap> {
    const seed = await this.registerDrone(input.frontgateId, input.node);
    return droneBootstrapFor({ frontgateId: input.frontgateId, frontgateUrl: input.frontgateUrl, seed, node: input.node });
  }

  /** Registers a new key for the drone of `node` with its frontgate; returns the seed (secret). */
  async registerDrone(frontgateId: string, node: Pick<NodeIdentity, 'clusterId' | 'nodeId'>): Promise<string> {
    const user = createUser();
    const registration: DroneRegistration = { nodeId: node.nodeId, clusterId: node.clusterId, publicKey: user.getPublicKey() };
    await withFrontgateBucket(this.deps.connections, frontgateId, AGENTS_BUCKET, (kv) => kv.put(droneRegistrationKey(node.nodeId), JSON.stringify(registration)));
    return new TextDecoder().decode(user.getSeed());
  }

  /** Revokes the drone of `nodeId`: its frontgate stops admitting its key and closes its connection. */
  async revokeDrone(frontgateId: string, nodeId: string): Promise<void> {
    await withFrontgateBucket(this.deps.connections, frontgateId, AGENTS_BUCKET, (kv) => kv.delete(droneRegistrationKey(nodeId)));
  }

  /** Revokes every leaf credential of frontgate `frontgateId`: the hub drops its leaf connection and refuses it from now on. */
  async revokeFrontgate(frontgateId: string): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const record = await this.deps.registry.update(frontgateId, (current) => {
      if (!current) throw new PitrixError('AGENT.FRONTGATE_NOT_FOUND', `no frontgate ${frontgateId} was issued by this platform`);
      const revocations = { ...current.revocations };
      for (const key of current.leafUsers) revocations[key] ??= now;
      return { ...current, revocations, revokedAt: current.revokedAt ?? new Date().toISOString() };
    });
    await this.pushAccount(record);
    await this.deps.connections.drop(frontgateId);
  }

  private async pushAccount(record: Pick<FrontgateRecord, 'frontgateId' | 'account' | 'revocations'>): Promise<void> {
    const jwt = await encodeFrontgateAccount({
      frontgateId: record.frontgateId,
      account: record.account,
      operatorSigner: this.deps.keys.operatorSigner,
      agentsSigningKey: this.deps.keys.agentsSigner.getPublicKey(),
      revocations: record.revocations,
    });
    await this.deps.accounts.push(jwt);
  }
}
