import { DescribeInstancesCommand, DescribeNetworkInterfacesCommand, DescribeVolumesCommand, type Filter, type Instance as Ec2Instance, type NetworkInterface, type Volume as Ec2Volume } from '@aws-sdk/client-ec2';
import type { Ec2Api } from './ec2-api.js';

/** Every instance passing `filters`, following `NextToken` across pages. */
export async function describeAllInstances(ec2: Ec2Api, filters: readonly Filter[]): Promise<Ec2Instance[]> {
  const found: Ec2Instance[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.call('DescribeInstances', (c) => c.send(new DescribeInstancesCommand({ Filters: [...filters], NextToken, MaxResults: 1000 })));
    found.push(...(page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** Every volume passing `filters`, following `NextToken` across pages. */
export async function describeAllVolumes(ec2: Ec2Api, filters: readonly Filter[]): Promise<Ec2Volume[]> {
  const found: Ec2Volume[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.call('DescribeVolumes', (c) => c.send(new DescribeVolumesCommand({ Filters: [...filters], NextToken, MaxResults: 500 })));
    found.push(...(page.Volumes ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** Every network interface passing `filters`, following `NextToken` across pages. */
export async function describeAllInterfaces(ec2: Ec2Api, filters: readonly Filter[]): Promise<NetworkInterface[]> {
  const found: NetworkInterface[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.call('DescribeNetworkInterfaces', (c) => c.send(new DescribeNetworkInterfacesCommand({ Filters: [...filters], NextToken, MaxResults: 1000 })));
    found.push(...(page.NetworkInterfaces ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}
