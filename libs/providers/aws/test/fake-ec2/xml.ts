/** The namespace of every EC2 response of API version 2016-11-15. */
export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/**
 * A response body as data: objects become elements, arrays become EC2's `<item>` lists, and
 * undefined members are left out, which is how EC2 omits absent optional fields.
 */
export type XmlValue = string | number | boolean | undefined | readonly XmlValue[] | { readonly [name: string]: XmlValue };

/** `<{Action}Response xmlns=...><requestId>..</requestId>...</{Action}Response>` as EC2 answers a call. */
export function renderResponse(action: string, requestId: string, body: Readonly<Record<string, XmlValue>>): string {
  const inner = element('requestId', requestId) + members(body);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NAMESPACE}">${inner}</${action}Response>`;
}

/** The EC2 error document: `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`. */
export function renderError(code: string, message: string, requestId: string): string {
  const error = element('Error', { Code: code, Message: message });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response>${element('Errors', error, true)}${element('RequestID', requestId)}</Response>`;
}

/** EC2's tag list (`tagSet` of `{key, value}` items) from a record of tags. */
export function tagSet(tags: ReadonlyMap<string, string>): XmlValue[] {
  return [...tags].map(([key, value]) => ({ key, value }));
}

function members(body: Readonly<Record<string, XmlValue>>): string {
  return Object.entries(body)
    .map(([name, value]) => element(name, value))
    .join('');
}

function element(name: string, value: XmlValue | string, raw = false): string {
  if (value === undefined) return '';
  if (raw && typeof value === 'string') return `<${name}>${value}</${name}>`;
  if (Array.isArray(value)) return `<${name}>${value.map((item) => element('item', item)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${members(value as Record<string, XmlValue>)}</${name}>`;
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
