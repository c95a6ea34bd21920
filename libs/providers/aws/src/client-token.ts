import { createHash } from 'node:crypto';

const EC2_TOKEN = /^[\x20-\x7e]{1,64}$/;

/**
 * The `ClientToken` sent to EC2 for one of our client tokens. EC2 accepts up to 64 printable ASCII
 * characters; a longer or non-ASCII token is replaced by a digest of it, which is just as stable.
 * The full token is always kept in the `pitrix:client-token` tag.
 */
export function ec2ClientToken(token: string): string {
  if (EC2_TOKEN.test(token)) return token;
  return `px-${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 61)}`;
}
