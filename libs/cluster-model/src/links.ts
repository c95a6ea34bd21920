import { isReleaseBlueprint } from './release.js';

/**
 * The links of a rendered blueprint, alias → cluster id, without the empty ones: an optional
 * `service` parameter left empty renders `""`, which means "no link", not a link to nothing.
 * A chart's blueprint has no links.
 */
export function blueprintLinks(blueprint: unknown): Record<string, string> {
  if (typeof blueprint !== 'object' || blueprint === null || isReleaseBlueprint(blueprint)) return {};
  const links = (blueprint as { links?: unknown }).links;
  if (typeof links !== 'object' || links === null) return {};
  const kept: Record<string, string> = {};
  for (const [alias, target] of Object.entries(links as Record<string, unknown>)) {
    if (typeof target === 'string' && target.trim() !== '') kept[alias] = target.trim();
  }
  return kept;
}
