import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The program that opens a URL in the user's browser here, if there is one. */
export function browserOpener(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'darwin') return onPath('open', env);
  // Without a display, xdg-open would start a text browser in a terminal nobody sees.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return onPath('xdg-open', env);
}

/** Opens the URL in a browser, detached; false when there is no opener to run. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv): boolean {
  const opener = browserOpener(env);
  if (!opener) return false;
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore', env });
  child.on('error', () => undefined);
  child.unref();
  return true;
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
