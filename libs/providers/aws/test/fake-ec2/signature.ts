import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Ec2Fault } from './faults.js';

/** An access key the fake accepts, with its secret (and session token, for temporary keys). */
export interface FakeAccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Who signed a request and for which region (the region of the credential scope). */
export interface SignedBy {
  readonly accessKeyId: string;
  readonly region: string;
}

/** One HTTP request as the signature covers it. */
export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 5 * 60 * 1000;

/**
 * Checks a Signature Version 4 `Authorization` header the way EC2 does: an unknown access key is
 * `AuthFailure`, a signature that does not match the key's secret is `SignatureDoesNotMatch`, a
 * missing header is `MissingAuthenticationToken`, a stale `X-Amz-Date` is `RequestExpired`. The
 * signature itself is recomputed here (canonical request, string to sign, derived key), so a
 * wrong secret is caught, not only a wrong key id.
 */
export function verifySignature(request: SignedRequest, keys: ReadonlyMap<string, FakeAccessKey>, now: number): SignedBy {
  const header = request.headers.authorization;
  if (!header) throw new Ec2Fault('MissingAuthenticationToken', 'No Authorization header: the request is not signed', 401);
  const match = AUTH.exec(header);
  if (!match) throw new Ec2Fault('IncompleteSignature', 'Authorization header is not a complete SigV4 signature', 400);
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  const key = keys.get(accessKeyId as string);
  if (!key) throw new Ec2Fault('AuthFailure', 'Unknown access key id', 401);
  if (key.sessionToken !== undefined && request.headers['x-amz-security-token'] !== key.sessionToken) {
    throw new Ec2Fault('AuthFailure', 'Session token missing or wrong for this temporary key', 401);
  }
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  if (!(Math.abs(parseAmzDate(amzDate) - now) <= MAX_SKEW_MS)) throw new Ec2Fault('RequestExpired', 'X-Amz-Date is more than five minutes away from the server clock', 400);
  const scope = `${date}/${region}/${service}/aws4_request`;
  const canonical = canonicalRequest(request, (signedHeaders as string).split(';'));
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const expected = hmac(signingKey(key.secretAccessKey, date as string, region as string, service as string), toSign).toString('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature as string))) {
    throw new Ec2Fault('SignatureDoesNotMatch', 'Signature mismatch: the request was not signed with the secret of this access key', 403);
  }
  return { accessKeyId: accessKeyId as string, region: region as string };
}

function canonicalRequest(request: SignedRequest, signedHeaders: string[]): string {
  const headers = signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}\n`).join('');
  const query = [...new URLSearchParams(request.query)]
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
  return [request.method, request.path, query, headers, signedHeaders.join(';'), sha256(request.body)].join('\n');
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return [date, region, service, 'aws4_request'].reduce<Buffer>((key, part) => hmac(key, part), Buffer.from(`AWS4${secret}`));
}

function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}
