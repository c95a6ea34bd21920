import type { Call } from './call.js';
import { malformed, missingParameter } from './faults.js';
import { requireInstance, requireInterface, requireVolume } from './lookup.js';
import type { XmlValue } from './xml.js';

/** CreateTags: adds or overwrites tags on instances, volumes and network interfaces (each must exist). */
export function createTags(call: Call): Record<string, XmlValue> {
  const ids = call.params.list('ResourceId');
  const tags = call.params.tags();
  if (ids.length === 0) throw missingParameter('ResourceId');
  if (tags.length === 0) throw missingParameter('Tag');
  // Every resource is checked before any is tagged, so a bad id changes nothing.
  const targets = ids.map((id) => tagsOf(call, id));
  for (const target of targets) for (const tag of tags) target.set(tag.key, tag.value);
  return { return: true };
}

function tagsOf(call: Call, id: string): Map<string, string> {
  if (id.startsWith('i-')) return requireInstance(call.world, call.region, id).tags;
  if (id.startsWith('vol-')) return requireVolume(call.world, call.region, id).tags;
  if (id.startsWith('eni-')) return requireInterface(call.world, call.region, id).tags;
  throw malformed('InvalidID', id);
}
