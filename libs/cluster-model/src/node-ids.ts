// Node ids must be derived, not random: the planner is pure (it runs inside activities whose
// results are replayed), and a re-planned job must name its new nodes exactly as before.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A node id derived from a seed (job id + role + index): `cln-` and 10 characters, like random ids. */
export function nodeIdFromSeed(seed: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619) >>> 0;
    b = Math.imul(b ^ (c + i), 2246822519) >>> 0;
  }
  let suffix = '';
  for (let i = 0; i < 10; i++) {
    const source = i < 5 ? a : b;
    suffix += ALPHABET[(source >>> ((i % 5) * 6)) % ALPHABET.length];
    if (i === 4) a = Math.imul(a ^ b, 16777619) >>> 0;
  }
  return `cln-${suffix}`;
}
