import type { CredentialCheck, ProviderContext, ProviderSession, RuntimeProvider, Zone } from '@pitrix/provider-contract';
import { zoneNotFound } from '@pitrix/provider-contract';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { LOCAL_OPTION_FIELDS, parseLocalOptions, type LocalProviderConfig } from './options.js';
import { LocalSession } from './session.js';
import { requireNamespaces } from './networks.js';

/**
 * The `local` provider: instances are processes on the machine running the worker, so the whole
 * platform can run end to end without a cloud. It needs no credential; "validating" one checks
 * that the machine's state folder is usable.
 */
export class LocalProvider implements RuntimeProvider {
  readonly kind = 'machines';
  /** Its instances run the role's software already on this machine: a container image is not pulled. */
  readonly containerImages = 'ignored';
  readonly name = 'local';
  readonly requiresCredential = false;
  readonly optionFields = LOCAL_OPTION_FIELDS;

  constructor(private readonly config: LocalProviderConfig) {}

  async validateCredential(_credential: unknown, options: Readonly<Record<string, unknown>>): Promise<CredentialCheck> {
    parseLocalOptions(options);
    try {
      mkdirSync(this.config.root, { recursive: true });
      accessSync(this.config.root, constants.W_OK);
      return { valid: true, identity: `local:${this.config.root}` };
    } catch (err) {
      return { valid: false, reason: 'UNREACHABLE', message: `state folder not writable: ${(err as Error).message}` };
    }
  }

  async listZones(_credential: unknown, options: Readonly<Record<string, unknown>>): Promise<Zone[]> {
    return parseLocalOptions(options).zones.map((id) => ({ id, name: id, available: true }));
  }

  async connect(context: ProviderContext): Promise<ProviderSession> {
    const options = parseLocalOptions(context.options);
    if (!options.zones.includes(context.zone)) throw zoneNotFound(this.name, context.zone, options.zones);
    if (options.isolateNetworks === true) await requireNamespaces();
    return new LocalSession(this.config, options, context.zone, context.runtimeId);
  }
}
