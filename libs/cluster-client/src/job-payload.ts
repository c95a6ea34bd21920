import type { ClusterJobPayload } from '@pitrix/cluster-model';
import { parsePackage, renderBlueprint, type PackageFiles } from '@pitrix/package';

/** What a job must know about the cluster it creates, besides the package. */
export interface NewClusterSpec {
  readonly name: string;
  readonly description: string;
  readonly networkId?: string;
}

/**
 * The payload of a job from a package and the user's values: the values are checked against
 * config.json (every problem with its path; `changeable` against `previous` on updates), the
 * blueprint rendered and validated, and the files the nodes need picked out (config template
 * sources and `files/`). Throws `PACKAGE.VALUES_INVALID` or `PACKAGE.RENDER_FAILED`, changing nothing.
 */
export function jobPayloadFromPackage(
  files: PackageFiles,
  input: Readonly<Record<string, unknown>>,
  options: { cluster?: NewClusterSpec; previous?: Readonly<Record<string, unknown>> } = {},
): ClusterJobPayload {
  const model = parsePackage(files);
  const rendered = renderBlueprint(model, input, options.previous ? { previous: options.previous as Record<string, never> } : {});
  const sources = new Set(rendered.blueprint.nodes.flatMap((role) => (role.configTemplates ?? []).map((template) => template.source)));
  const packageFiles = files
    .filter((file) => sources.has(file.path) || file.path.startsWith('files/'))
    .map((file) => ({ path: file.path, contentBase64: Buffer.from(file.bytes).toString('base64'), mode: file.mode }));
  return {
    blueprint: rendered.blueprint,
    values: rendered.values,
    packageFiles,
    ...(options.cluster ? { cluster: options.cluster } : {}),
  };
}
