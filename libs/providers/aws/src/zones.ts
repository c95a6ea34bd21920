import { DescribeAvailabilityZonesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { Zone } from '@pitrix/provider-contract';
import type { Ec2Api } from './ec2-api.js';

const ZONE = /^([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+)(?:[a-z]|-[a-z0-9-]+)$/;

/**
 * The region of a zone: `us-east-1a` → `us-east-1`, and Local Zones such as `us-west-2-lax-1a` →
 * `us-west-2`. Undefined when the name is not an AWS zone name.
 */
export function regionOfZone(zone: string): string | undefined {
  return ZONE.exec(zone)?.[1];
}

/** The availability zones of the client's region (DescribeAvailabilityZones). */
export async function zonesOfRegion(ec2: Ec2Api): Promise<Zone[]> {
  const { AvailabilityZones = [] } = await ec2.call('DescribeAvailabilityZones', (c) => c.send(new DescribeAvailabilityZonesCommand({})));
  return AvailabilityZones.filter((zone) => zone.ZoneName).map((zone) => ({
    id: zone.ZoneName as string,
    name: zone.ZoneId ? `${zone.ZoneName} (${zone.ZoneId})` : (zone.ZoneName as string),
    available: zone.State === 'available',
  }));
}

/** The regions enabled for the account (DescribeRegions). */
export async function enabledRegions(ec2: Ec2Api): Promise<string[]> {
  const { Regions = [] } = await ec2.call('DescribeRegions', (c) => c.send(new DescribeRegionsCommand({})));
  return Regions.map((region) => region.RegionName).filter((name): name is string => name !== undefined);
}
