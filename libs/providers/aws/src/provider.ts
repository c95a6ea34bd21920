import type { CredentialCheck, CredentialContent, ProviderContext, ProviderSession, RuntimeProvider, Zone } from '@pitrix/provider-contract';
import { zoneNotFound } from '@pitrix/provider-contract';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { createEc2Client } from './client.js';
import { readCredential, requireCredential, type AwsCredential } from './credential.js';
import { Ec2Api } from './ec2-api.js';
import { ec2Answer, isAuthFailure } from './ec2-errors.js';
import { consoleLog } from './log.js';
import { AWS_OPTION_FIELDS, parseAwsOptions } from './options.js';
import type { AwsProviderConfig } from './provider-config.js';
import { AwsSession } from './session.js';
import { enabledRegions, regionOfZone, zonesOfRegion } from './zones.js';

/** The region a credential is checked in, and zones are listed from, when the options name none. */
const HOME_REGION = 'us-east-1';

/**
 * The `aws` provider: instances are EC2 instances in one availability zone that boot the Pitrix
 * agents from user-data. Every call acts as the runtime's own access key; nothing else is used.
 */
export class AwsProvider implements RuntimeProvider {
  readonly kind = 'machines';
  /** A container image boots the AMI the runtime's `images` option maps it to (its agent AMI when unmapped). */
  readonly containerImages = 'mapped';
  readonly name = 'aws';
  readonly requiresCredential = true;
  readonly optionFields = AWS_OPTION_FIELDS;

  constructor(private readonly config: AwsProviderConfig = {}) {}

  /** A harmless live call (DescribeRegions): refused keys are `AUTH_FAILED`, no answer is `UNREACHABLE`. */
  async validateCredential(content: CredentialContent | undefined, options: Readonly<Record<string, unknown>>): Promise<CredentialCheck> {
    const parsed = parseAwsOptions(options, { imageRequired: false });
    const { credential, problems } = readCredential(content);
    if (!credential) return { valid: false, reason: 'MALFORMED', message: problems.join('; ') };
    const ec2 = this.api(credential, parsed.region ?? HOME_REGION);
    try {
      await ec2.client.send(new DescribeRegionsCommand({}));
      return { valid: true };
    } catch (err) {
      const answer = ec2Answer(err);
      if (isAuthFailure(err)) return { valid: false, reason: 'AUTH_FAILED', message: `EC2 refused the credential: ${answer?.code}: ${answer?.message}` };
      return { valid: false, reason: 'UNREACHABLE', message: answer ? `EC2 answered ${answer.code}: ${answer.message}` : `EC2 did not answer: ${(err as Error).message}` };
    } finally {
      ec2.close();
    }
  }

  /** The zones of the `region` option, or of every region enabled for the account. */
  async listZones(content: CredentialContent | undefined, options: Readonly<Record<string, unknown>>): Promise<Zone[]> {
    const parsed = parseAwsOptions(options, { imageRequired: false });
    const credential = requireCredential(content);
    const regions = parsed.region ? [parsed.region] : await this.withApi(credential, HOME_REGION, enabledRegions);
    const zones = await Promise.all(regions.map((region) => this.withApi(credential, region, zonesOfRegion)));
    return zones.flat();
  }

  /** Opens a session in the zone, which must be one of its region's availability zones. */
  async connect(context: ProviderContext): Promise<ProviderSession> {
    const options = parseAwsOptions(context.options);
    const credential = requireCredential(context.credential);
    const region = options.region ?? regionOfZone(context.zone);
    if (!region) throw zoneNotFound(this.name, context.zone, []);
    const ec2 = this.api(credential, region);
    try {
      const zones = await zonesOfRegion(ec2);
      if (!zones.some((zone) => zone.id === context.zone)) throw zoneNotFound(this.name, context.zone, zones.map((zone) => zone.id));
    } catch (err) {
      ec2.close();
      throw err;
    }
    const timing = { intervalMs: this.config.pollIntervalMs ?? 2000, timeoutMs: this.config.waitTimeoutMs ?? 10 * 60 * 1000 };
    return new AwsSession(ec2, { runtimeId: context.runtimeId, zone: context.zone }, options, timing, this.config.log ?? consoleLog);
  }

  private api(credential: AwsCredential, region: string): Ec2Api {
    return new Ec2Api(createEc2Client(credential, region, this.config));
  }

  private async withApi<T>(credential: AwsCredential, region: string, use: (ec2: Ec2Api) => Promise<T>): Promise<T> {
    const ec2 = this.api(credential, region);
    try {
      return await use(ec2);
    } finally {
      ec2.close();
    }
  }
}
