import { buildSelfView, filesFor, templatesFor, type MetadataEntries, type PackageFile, type SelfView } from '@pitrix/agent-protocol';
import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { commandEnvironment, type NodeIdentity } from '../identity.js';
import type { Logger } from '../log.js';
import { runProbe } from '../probe.js';
import { currentUser } from '../commands/users.js';
import { parseMode, writeIfChanged } from './atomic-file.js';
import { renderTemplate } from './templates.js';

const RELOAD_TIMEOUT_MS = 120_000;

/**
 * Keeps the node's files in step with its metadata: on every change it delivers the package files
 * to `$PITRIX_DATA_DIR/app/`, renders the role's config templates, and runs a template's reload
 * command when an existing file's bytes changed. Changes are applied one at a time, in order; the
 * revision applied so far is what commands wait for before they start.
 */
export class MetadataApplier {
  private view: SelfView;
  private applied = 0;
  private lastError = '';
  private pending?: { entries: MetadataEntries; revision: number };
  private running?: Promise<void>;
  private readonly waiters: Array<{ revision: number; resolve: () => void }> = [];
  private readonly manifestFile: string;

  constructor(
    private readonly identity: NodeIdentity,
    private readonly stateDir: string,
    private readonly path: string,
    private readonly log: Logger,
  ) {
    this.view = buildSelfView(new Map(), identity);
    this.manifestFile = join(stateDir, 'files.json');
  }

  /** The view as of the last applied change. */
  get current(): SelfView {
    return this.view;
  }

  /** The highest metadata revision applied (files written, templates rendered, reloads run). */
  get revision(): number {
    return this.applied;
  }

  /** The last render or reload failure ("" when the last apply succeeded). */
  get renderError(): string {
    return this.lastError;
  }

  /** Queues a snapshot of the bucket; only the newest queued snapshot is applied. */
  submit(entries: MetadataEntries, revision: number): void {
    this.pending = { entries: new Map(entries), revision };
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves true once `revision` is applied, false if that takes longer than `waitMs`. */
  waitFor(revision: number, waitMs: number): Promise<boolean> {
    if (this.applied >= revision) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      this.waiters.push({ revision, resolve: () => (clearTimeout(timer), resolve(true)) });
    });
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const { entries, revision } = this.pending;
      this.pending = undefined;
      await this.apply(entries, revision);
    }
  }

  private async apply(entries: MetadataEntries, revision: number): Promise<void> {
    const view = buildSelfView(entries, this.identity);
    const errors: string[] = [];
    this.deliverFiles(filesFor(entries, this.identity.clusterId), errors);
    for (const template of templatesFor(entries, this.identity.clusterId, this.identity.role)) {
      try {
        const target = isAbsolute(template.destination) ? template.destination : join(this.identity.dataDir, template.destination);
        const outcome = writeIfChanged(target, Buffer.from(renderTemplate(template, view)), parseMode(template.mode, 0o644));
        if (outcome === 'changed' && template.reloadCmd) await this.reload(template.name, template.reloadCmd, errors);
      } catch (err) {
        errors.push(`template ${template.name}: ${(err as Error).message}`);
      }
    }
    this.view = view;
    this.applied = Math.max(this.applied, revision);
    this.lastError = errors.join('; ');
    if (errors.length > 0) this.log.warn(`metadata revision ${revision} applied with errors: ${this.lastError}`);
    for (const waiter of this.waiters.filter((w) => w.revision <= this.applied)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private async reload(name: string, cmd: string, errors: string[]): Promise<void> {
    const user = currentUser();
    const env = commandEnvironment(this.identity, user, { env: {}, service: 'reload', serviceParamsJson: '{}' }, this.path);
    const result = await runProbe(cmd, { env, cwd: this.identity.dataDir, user, timeoutMs: RELOAD_TIMEOUT_MS });
    if (result.exitCode !== 0) errors.push(`reload of ${name} failed with exit code ${result.exitCode}: ${result.output.trim().slice(-300)}`);
    else this.log.info(`reloaded ${name}`);
  }

  /**
   * Writes the package files below `app/` and removes those no longer in the package, with the
   * folders that held only them: after a rollback to an older version `app/` holds that version's
   * files and nothing its successor added.
   */
  private deliverFiles(files: readonly PackageFile[], errors: string[]): void {
    const appDir = join(this.identity.dataDir, 'app');
    const before = this.deliveredBefore();
    for (const file of files) {
      try {
        writeIfChanged(join(appDir, file.path), Buffer.from(file.contentBase64, 'base64'), file.mode & 0o7777);
      } catch (err) {
        errors.push(`file ${file.path}: ${(err as Error).message}`);
      }
    }
    const now = files.map((file) => file.path);
    for (const gone of before.filter((path) => !now.includes(path))) {
      rmSync(join(appDir, gone), { force: true });
      removeEmptyFolders(appDir, dirname(gone));
    }
    writeIfChanged(this.manifestFile, Buffer.from(JSON.stringify(now)), 0o600);
  }

  /**
   * The package files delivered last time. The record is written atomically, but one left empty or
   * torn (a drone killed while writing it) must not stop the drone: it counts as none, so a file
   * dropped from the package in that same change stays behind.
   */
  private deliveredBefore(): string[] {
    let text: string;
    try {
      text = readFileSync(this.manifestFile, 'utf8');
    } catch {
      return [];
    }
    try {
      const paths: unknown = JSON.parse(text);
      if (Array.isArray(paths)) return paths.filter((path): path is string => typeof path === 'string');
    } catch {
      // reported below
    }
    this.log.warn(`the record of delivered package files (${this.manifestFile}) is unreadable; starting from none`);
    return [];
  }
}

/** Removes `folder` (relative to `appDir`) and its parents below `appDir` while they are empty. */
function removeEmptyFolders(appDir: string, folder: string): void {
  for (let current = folder; current !== '.' && current !== '/' && current !== ''; current = dirname(current)) {
    const path = join(appDir, current);
    try {
      if (readdirSync(path).length > 0) return;
      rmdirSync(path);
    } catch (err) {
      // Gone already (a drone stopped half-way through an earlier apply): its parent may still be empty.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
  }
}
