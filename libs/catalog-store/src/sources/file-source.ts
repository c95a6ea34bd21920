import { PitrixError } from '@pitrix/errors';
import { mkdir, open, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RepoFile, RepoSource } from './repo-source.js';

/** A repo in a local folder (`file:///srv/repo`): readable and writable. */
export class FileRepoSource implements RepoSource {
  readonly writable = true;
  readonly root: string;

  constructor(url: URL) {
    if (url.host !== '' && url.host !== 'localhost') {
      throw new PitrixError('REPO.URL_INVALID', `file URLs name a local folder, not a host (${url.host})`, [{ path: 'url', message: 'use file:///absolute/path', found: url.toString() }]);
    }
    this.root = fileURLToPath(url);
  }

  async check(): Promise<void> {
    const info = await stat(this.root).catch(() => undefined);
    if (!info?.isDirectory()) throw new PitrixError('REPO.NOT_FOUND', `no folder at ${this.root}`, [{ path: 'url', message: 'the folder does not exist', found: this.root }]);
  }

  async list(): Promise<RepoFile[]> {
    await this.check();
    const out: RepoFile[] = [];
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) out.push({ path: relative(this.root, path).split(sep).join('/'), size: (await stat(path)).size });
      }
    };
    await walk(this.root);
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const full = this.resolve(path);
    const handle = await open(full, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'EISDIR') throw new PitrixError('REPO.FILE_NOT_FOUND', `${path} is not in the repo`, [{ path: 'path', message: 'no such file', found: path }]);
      throw new PitrixError('REPO.UNREACHABLE', `cannot read ${path}: ${err.code ?? err.message}`);
    });
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw new PitrixError('PACKAGE.TOO_LARGE', `${path} is larger than ${maxBytes} bytes`, [{ path, message: 'file too large', expected: `<= ${maxBytes}`, found: size }]);
      const bytes = new Uint8Array(size);
      const { bytesRead } = await handle.read(bytes, 0, size, 0);
      return bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    const full = this.resolve(path);
    await mkdir(dirname(full), { recursive: true });
    // Write then rename: a reader (or a concurrent index run) never sees half a file.
    const temporary = join(dirname(full), `.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temporary, bytes);
    await rename(temporary, full);
  }

  private resolve(path: string): string {
    if (path.split('/').some((segment) => segment === '..' || segment === '') || path.startsWith('/')) {
      throw new PitrixError('INPUT.INVALID', `${path} is not a path inside the repo`, [{ path: 'path', message: 'relative path without .. expected', found: path }]);
    }
    return join(this.root, path);
  }
}
