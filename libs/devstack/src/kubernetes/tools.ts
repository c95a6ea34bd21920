import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cachedBinaryPath, ensureGoBinary, type GoBinary } from '../go-binary.js';
import { KUBERNETES_MODULE_DIR } from './binaries.js';

/** The helm release built for the dev and test stack (PITRIX_HELM_BINARY's default names this version). */
export const HELM_VERSION = 'v4.3.2';
/** The kwok release whose controller plays the kubelet of the fake nodes. */
export const KWOK_VERSION = 'v0.8.0';

/** helm, which lints and renders charts and runs releases on kubernetes runtimes. */
export function helm(version: string = HELM_VERSION): GoBinary {
  return { name: 'helm', module: 'helm.sh/helm/v4/cmd/helm', version };
}

/** kwok, the controller that makes fake nodes and their pods look alive. */
export function kwok(version: string = KWOK_VERSION): GoBinary {
  return { name: 'kwok', module: 'sigs.k8s.io/kwok/cmd/kwok', version };
}

/** kwok and the Stage files it runs with. */
export interface KwokInstallation {
  readonly binary: string;
  /** kwok's own stages (from its module) and Pitrix's (infra/kubernetes/stages), one file each. */
  readonly stageFiles: readonly string[];
}

/** Pitrix's own stages, from this file in src/ or dist/. */
const PITRIX_STAGES_DIR = join(KUBERNETES_MODULE_DIR, 'stages');

/** kwok's fast stages, by their path in the kwok module. Run as a plain controller, kwok has no stages of its own. */
const KWOK_STAGES = [
  'kustomize/stage/node/fast/node-initialize.yaml',
  'kustomize/stage/node/heartbeat/node-heartbeat.yaml',
  'kustomize/stage/pod/fast/pod-ready.yaml',
  'kustomize/stage/pod/fast/pod-complete.yaml',
  'kustomize/stage/pod/fast/pod-delete.yaml',
];

/** The annotation that tells the stages a pod must not be (or must no longer be) Ready. */
export const TEST_READY_ANNOTATION = 'pitrix.dev/test-ready';

/**
 * kwok's pod-ready stage would make every pending pod Ready; this extra requirement leaves the
 * pods annotated `pitrix.dev/test-ready: "false"` to Pitrix's pod-start-not-ready stage.
 */
const POD_READY_EXCLUSION = [
  `    - key: '.metadata.annotations["${TEST_READY_ANNOTATION}"]'`,
  `      operator: 'NotIn'`,
  `      values:`,
  `      - 'false'`,
].join('\n');

/**
 * Returns kwok (built with go install on first use) and its stage files: kwok's fast stages are
 * copied from its module into `<cache>/kwok-<version>/stages/` (pod-ready with its selector
 * narrowed), Pitrix's come from infra/kubernetes/stages.
 */
export async function ensureKwok(binCache: string, log: (line: string) => void = () => {}, version: string = KWOK_VERSION): Promise<KwokInstallation> {
  const binary = await ensureGoBinary(binCache, kwok(version), log);
  const stagesDir = join(dirname(cachedBinaryPath(binCache, kwok(version))), 'stages');
  const moduleDir = await goModuleDir('sigs.k8s.io/kwok', version, binCache);
  mkdirSync(stagesDir, { recursive: true });
  const stageFiles = KWOK_STAGES.map((path) => {
    const source = join(moduleDir, path);
    if (!existsSync(source)) throw new Error(`kwok ${version} has no stage file ${path} (looked in ${moduleDir})`);
    const name = path.split('/').pop() as string;
    const text = readFileSync(source, 'utf8');
    return writeIfChanged(join(stagesDir, name), name === 'pod-ready.yaml' ? narrowPodReady(text, source) : text);
  });
  const pitrixStages = readdirSync(PITRIX_STAGES_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join(PITRIX_STAGES_DIR, file));
  return { binary, stageFiles: [...stageFiles, ...pitrixStages] };
}

function narrowPodReady(text: string, source: string): string {
  const anchor = '  selector:\n    matchExpressions:\n';
  if (!text.includes(anchor)) throw new Error(`cannot narrow kwok's pod-ready stage: ${source} has no "selector.matchExpressions" where expected`);
  return text.replace(anchor, `${anchor}${POD_READY_EXCLUSION}\n`);
}

/** Written through a temporary file and a rename, so a kwok starting meanwhile never reads half a file. */
function writeIfChanged(file: string, text: string): string {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return file;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
  return file;
}

/** The folder of a Go module in the module cache (downloaded when missing, as go install already did). */
function goModuleDir(module: string, version: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['mod', 'download', '-json', `${module}@${version}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', (error) => reject(new Error(`cannot run go to find ${module}@${version}: ${error.message}`)));
    child.once('exit', (code) => {
      const dir = code === 0 ? (JSON.parse(out) as { Dir?: string }).Dir : undefined;
      if (dir) resolve(dir);
      else reject(new Error(`go mod download ${module}@${version} failed (exit ${code}): ${err.trim() || out.trim()}`));
    });
  });
}
