import { checkEntryPath } from '../entry-path.js';
import { LimitCounter, loadError, tooLarge, unsafe, type PackageLimits } from '../limits.js';
import { BLOCK, decodeHeader, decodePax, isEndBlock, type TarHeader } from './header.js';

/** A file or folder read from an archive; folders have no bytes. */
export interface TarEntry {
  readonly path: string;
  readonly kind: 'file' | 'directory';
  readonly mode: number;
  readonly bytes: Uint8Array;
}

/** What the caller wants after an entry: more of them, or to stop reading here. */
export type EntryDecision = 'continue' | 'stop';

// Extended headers (pax, GNU long names) are metadata for the next entry; no real one is large.
const MAX_META_BYTES = 64 * 1024;
const REFUSED: Record<string, [code: string, message: string]> = {
  '1': ['entry.hard_link', 'hard links are not allowed in a package'],
  '2': ['entry.symlink', 'symbolic links are not allowed in a package'],
  '3': ['entry.device', 'device files are not allowed in a package'],
  '4': ['entry.device', 'device files are not allowed in a package'],
  '6': ['entry.fifo', 'named pipes are not allowed in a package'],
};

type State = { kind: 'header' } | { kind: 'data'; header: TarHeader; bytes: Uint8Array; filled: number } | { kind: 'skip'; remaining: number } | { kind: 'done' };

/**
 * A tar reader fed chunk by chunk (straight from gunzip), so a hostile archive is refused at the
 * entry that breaks a rule: a link, a device, a path leaving the package, a duplicate name, too
 * many entries or too many bytes. Sizes are checked from the header, before any data is kept.
 */
export class TarReader {
  private state: State = { kind: 'header' };
  private readonly header = new Uint8Array(BLOCK);
  private headerFill = 0;
  private pending: { path?: string; size?: number } = {};
  private readonly seen = new Set<string>();
  private readonly counter: LimitCounter;
  private metaEntries = 0;

  constructor(
    limits: PackageLimits,
    private readonly onEntry: (entry: TarEntry) => EntryDecision,
  ) {
    this.counter = new LimitCounter(limits);
  }

  /** Consumes decompressed bytes; false once the archive has ended or the caller stopped. */
  push(chunk: Uint8Array): boolean {
    let offset = 0;
    while (offset < chunk.length && this.state.kind !== 'done') offset = this.step(chunk, offset);
    return this.state.kind !== 'done';
  }

  /** Called at the end of the stream: an entry cut short is an error. */
  finish(): void {
    if (this.state.kind === 'data' || this.state.kind === 'skip' || this.headerFill > 0) {
      throw loadError('PACKAGE.INVALID', 'archive.truncated', '$', 'the archive ends in the middle of an entry');
    }
  }

  private step(chunk: Uint8Array, offset: number): number {
    const state = this.state;
    if (state.kind === 'header') {
      const take = Math.min(BLOCK - this.headerFill, chunk.length - offset);
      this.header.set(chunk.subarray(offset, offset + take), this.headerFill);
      this.headerFill += take;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.onHeader();
      }
      return offset + take;
    }
    if (state.kind === 'data') {
      const take = Math.min(state.bytes.length - state.filled, chunk.length - offset);
      state.bytes.set(chunk.subarray(offset, offset + take), state.filled);
      state.filled += take;
      if (state.filled === state.bytes.length) this.onData(state.header, state.bytes);
      return offset + take;
    }
    if (state.kind === 'skip') {
      const take = Math.min(state.remaining, chunk.length - offset);
      state.remaining -= take;
      if (state.remaining === 0) this.state = { kind: 'header' };
      return offset + take;
    }
    return chunk.length;
  }

  private onHeader(): void {
    if (isEndBlock(this.header)) {
      this.state = { kind: 'done' };
      return;
    }
    const header = decodeHeader(this.header);
    const meta = header.type === 'x' || header.type === 'g' || header.type === 'L' || header.type === 'K';
    // A pax `size` record replaces the size of the entry it precedes, never of another extended header.
    const size = meta ? header.size : (this.pending.size ?? header.size);
    if (meta) {
      if (++this.metaEntries > this.counter.limits.maxFiles) throw tooLarge('limit.files', header.name, 'the archive has too many extended headers', this.counter.limits.maxFiles, this.metaEntries);
      if (size > MAX_META_BYTES) throw tooLarge('limit.file_bytes', header.name, 'an extended header is too large', MAX_META_BYTES, size);
    } else {
      this.admit(header, size);
    }
    this.expectData({ ...header, size });
  }

  /** Applies every rule an entry must pass before its data is read. */
  private admit(header: TarHeader, size: number): void {
    const name = this.pending.path ?? header.name;
    const refused = REFUSED[header.type];
    if (refused) throw unsafe(refused[0], name, refused[1]);
    if (!['0', '\0', '7', '5'].includes(header.type)) throw unsafe('entry.unsupported', name, `entry type "${header.type}" is not a plain file or folder`);
    const path = checkEntryPath(name);
    if (this.seen.has(path)) throw unsafe('entry.duplicate', path, 'the archive contains this name twice');
    this.seen.add(path);
    this.counter.entry(path);
    if (header.type !== '5') this.counter.file(path, size);
    this.pending = { ...this.pending, path };
  }

  private expectData(header: TarHeader): void {
    if (header.type === '5' || header.size === 0) {
      this.onData(header, new Uint8Array(0));
      return;
    }
    this.state = { kind: 'data', header, bytes: new Uint8Array(header.size), filled: 0 };
  }

  private onData(header: TarHeader, bytes: Uint8Array): void {
    const padding = (BLOCK - (bytes.length % BLOCK)) % BLOCK;
    this.state = padding > 0 ? { kind: 'skip', remaining: padding } : { kind: 'header' };
    if (header.type === 'x') this.pending = decodePax(bytes);
    else if (header.type === 'L') this.pending = { ...this.pending, path: new TextDecoder().decode(bytes).replace(/\0+$/, '') };
    else if (header.type !== 'g' && header.type !== 'K') {
      const path = this.pending.path as string;
      this.pending = {};
      const decision = this.onEntry({ path, kind: header.type === '5' ? 'directory' : 'file', mode: header.mode, bytes });
      if (decision === 'stop') this.state = { kind: 'done' };
    }
  }
}
