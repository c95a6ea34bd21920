import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The files of a development TLS set-up: a CA and one server certificate it signed. */
export interface DevTlsFiles {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** Options of `ensureDevTls`. */
export interface DevTlsOptions {
  /** Names and addresses the server certificate is valid for (default 127.0.0.1, ::1, localhost). */
  readonly hosts?: readonly string[];
  /** Common name of the server certificate. */
  readonly serverName?: string;
}

/**
 * Creates, once, a development CA (`ca.pem`, `ca-key.pem`) and a server certificate signed by it
 * (`server.pem`, `server-key.pem`) in `dir` with the openssl CLI; an existing set is reused. Keys
 * are readable by the owner only. For development and tests: production uses real certificates.
 */
export async function ensureDevTls(dir: string, options: DevTlsOptions = {}): Promise<DevTlsFiles> {
  const files = { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem') };
  if (existsSync(files.caFile) && existsSync(files.certFile) && existsSync(files.keyFile)) return files;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caKey = join(dir, 'ca-key.pem');
  const csr = join(dir, 'server.csr');
  const extensions = join(dir, 'server.ext');
  const hosts = options.hosts ?? ['127.0.0.1', '::1', 'localhost'];
  const altNames = hosts.map((host) => (/^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`)).join(',');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await openssl(['req', '-x509', ...ec, '-keyout', caKey, '-out', files.caFile, '-days', '3650', '-subj', '/CN=Pitrix development CA']);
    await openssl(['req', ...ec, '-keyout', files.keyFile, '-out', csr, '-subj', `/CN=${options.serverName ?? 'pitrix-hub'}`]);
    writeFileSync(extensions, `subjectAltName=${altNames}\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\nbasicConstraints=CA:FALSE\n`);
    await openssl(['x509', '-req', '-in', csr, '-CA', files.caFile, '-CAkey', caKey, '-CAcreateserial', '-out', files.certFile, '-days', '825', '-extfile', extensions]);
  } finally {
    rmSync(csr, { force: true });
    rmSync(extensions, { force: true });
    rmSync(join(dir, 'ca.srl'), { force: true });
  }
  return files;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { env: { ...process.env, OPENSSL_CONF: '/dev/null' } });
  } catch (err) {
    throw new Error(`openssl ${args[0]} failed (is the openssl CLI installed?): ${(err as { stderr?: string }).stderr ?? (err as Error).message}`);
  }
}
