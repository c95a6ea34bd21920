import { encodeAccount, encodeUser, fmtCreds, type KeyPair, type Permissions } from '@nats-io/jwt';
import { createUser } from '@nats-io/nkeys';
import { frontgateSubjects, jetStreamDomain } from '@pitrix/agent-protocol';

/** Account limits with nothing capped: the platform's accounts are its own. */
export const UNLIMITED_ACCOUNT = { subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 };

/** Account limits with JetStream enabled and uncapped (the platform account's registry lives there). */
export const UNLIMITED_JETSTREAM_ACCOUNT = { ...UNLIMITED_ACCOUNT, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 };

/** A user credential: its public key and the creds text (JWT + seed) a NATS client logs in with. */
export interface UserCredential {
  readonly publicKey: string;
  /** Secret: never log it, never put it in an error or a workflow history. */
  readonly creds: string;
}

/**
 * The JWT of frontgate `frontgateId`'s hub account: no JetStream on the hub (the network's
 * JetStream is in the frontgate's own domain), users signed by the agents signing key, and the
 * revocations so far (public key → revoked-before time in seconds).
 */
export function encodeFrontgateAccount(options: {
  frontgateId: string;
  account: string;
  operatorSigner: KeyPair;
  agentsSigningKey: string;
  revocations: Readonly<Record<string, number>>;
}): Promise<string> {
  return encodeAccount(
    `frontgate ${options.frontgateId}`,
    options.account,
    { limits: UNLIMITED_ACCOUNT, signing_keys: [options.agentsSigningKey], revocations: { ...options.revocations }, tags: [`frontgate:${options.frontgateId}`] },
    { signer: options.operatorSigner },
  );
}

/**
 * The leaf connection's permissions, from the leaf's point of view: it may publish into the hub
 * only its network's subjects and replies to the platform's inbox; the hub delivers to it only
 * its network's subjects and its own JetStream domain's API.
 */
export function leafPermissions(frontgateId: string): Partial<Permissions> {
  const network = frontgateSubjects(frontgateId).all;
  return {
    pub: { allow: [network, '_INBOX.>'], deny: [] },
    sub: { allow: [network, `$JS.${jetStreamDomain(frontgateId)}.API.>`, '$JS.FC.>'], deny: [] },
  };
}

/** Issues a new credential for the leaf connection of frontgate `frontgateId`. */
export async function issueLeafUser(options: { frontgateId: string; account: string; agentsSigner: KeyPair }): Promise<UserCredential> {
  const user = createUser();
  const jwt = await encodeUser(`frontgate ${options.frontgateId} leaf`, user, options.account, {
    ...leafPermissions(options.frontgateId),
    allowed_connection_types: ['LEAFNODE'],
  }, { signer: options.agentsSigner });
  return { publicKey: user.getPublicKey(), creds: new TextDecoder().decode(fmtCreds(jwt, user)) };
}

/** Issues a credential for the platform's own connection into frontgate `frontgateId`'s account. */
export async function issuePlatformUser(options: { frontgateId: string; account: string; agentsSigner: KeyPair }): Promise<UserCredential> {
  const user = createUser();
  const jwt = await encodeUser(`platform in ${options.frontgateId}`, user, options.account, { allowed_connection_types: ['STANDARD'] }, {
    signer: options.agentsSigner,
  });
  return { publicKey: user.getPublicKey(), creds: new TextDecoder().decode(fmtCreds(jwt, user)) };
}
