import { DescribeImagesCommand, type Image as Ec2Image } from '@aws-sdk/client-ec2';
import type { Image } from '@pitrix/provider-contract';
import type { Ec2Api } from './ec2-api.js';

/**
 * The images a runtime can boot: the account's own AMIs and the configured `imageId` (which may be
 * public or shared). Two calls, because EC2 applies `Owners` and `ImageIds` together.
 */
export async function describeImages(ec2: Ec2Api, imageId: string | undefined): Promise<Image[]> {
  const [own, configured] = await Promise.all([
    ec2.call('DescribeImages', (c) => c.send(new DescribeImagesCommand({ Owners: ['self'] }))),
    imageId ? ec2.call('DescribeImages', (c) => c.send(new DescribeImagesCommand({ ImageIds: [imageId] }))) : { Images: [] },
  ]);
  const byId = new Map<string, Ec2Image>();
  for (const image of [...(configured.Images ?? []), ...(own.Images ?? [])]) if (image.ImageId) byId.set(image.ImageId, image);
  return [...byId.values()].map((image) => ({ id: image.ImageId as string, name: image.Name ?? (image.ImageId as string) }));
}
