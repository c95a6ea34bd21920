import { DescribeInstancesCommand, DescribeNetworkInterfacesCommand, DescribeVolumesCommand, type Filter, type Instance as Ec2Instance, type NetworkInterface, type Volume as Ec2Volume } from '@aws-sdk/client-ec2';
import type { Ec2Api } from './ec2-api.js';

/** Every instance passing `filters`, following `NextToken` across pages. */
export function describeAllInstances(ec2: Ec2Api, filters: readonly Filter[]): Promise<Ec2Instance[]> {
  return allPages(async (NextToken) => {
    const page = await ec2.call('DescribeInstances', (c) => c.send(new DescribeInstancesCommand({ Filters: [...filters], NextToken, MaxResults: 1000 })));
    return { items: (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []), next: page.NextToken };
  });
}

/** Every volume passing `filters`, following `NextToken` across pages. */
export function describeAllVolumes(ec2: Ec2Api, filters: readonly Filter[]): Promise<Ec2Volume[]> {
  return allPages(async (NextToken) => {
    const page = await ec2.call('DescribeVolumes', (c) => c.send(new DescribeVolumesCommand({ Filters: [...filters], NextToken, MaxResults: 500 })));
    return { items: page.Volumes ?? [], next: page.NextToken };
  });
}

/** Every network interface passing `filters`, following `NextToken` across pages. */
export function describeAllInterfaces(ec2: Ec2Api, filters: readonly Filter[]): Promise<NetworkInterface[]> {
  return allPages(async (NextToken) => {
    const page = await ec2.call('DescribeNetworkInterfaces', (c) => c.send(new DescribeNetworkInterfacesCommand({ Filters: [...filters], NextToken, MaxResults: 1000 })));
    return { items: page.NetworkInterfaces ?? [], next: page.NextToken };
  });
}

/** Collects the items of every page of a Describe call, each page asked for with the previous one's token. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: readonly T[]; next?: string }>): Promise<T[]> {
  const found: T[] = [];
  let token: string | undefined;
  do {
    const { items, next } = await page(token);
    found.push(...items);
    token = next;
  } while (token);
  return found;
}
