import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The browser the dashboard's Playwright tests drive: Debian's Chromium (Playwright's own download is not reachable here). */
export const CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-liberation'];

function aptGet(args: string[]): number {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status ?? 1;
}

/**
 * Installs Debian's Chromium when it is missing (as root, with apt-get; once, about a minute), or
 * fails naming the packages to install: the dashboard's tests never skip for want of a browser.
 */
export function ensureChromium(log: (line: string) => void): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(`the dashboard tests need Chromium at ${CHROMIUM}: install the Debian packages ${PACKAGES.join(' ')} (apt-get install -y ${PACKAGES.join(' ')}) and run npm test again`);
  }
  log(`installing ${PACKAGES.join(' ')} with apt-get (first run only)`);
  // A fresh machine's package lists may be missing or stale: refresh them once if the install fails.
  if (aptGet(['install', '-y', ...PACKAGES]) !== 0 && (aptGet(['update']) !== 0 || aptGet(['install', '-y', ...PACKAGES]) !== 0)) {
    throw new Error(`apt-get could not install ${PACKAGES.join(' ')}; install them and run npm test again`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed ${PACKAGES.join(' ')} but ${CHROMIUM} is missing`);
  return CHROMIUM;
}
