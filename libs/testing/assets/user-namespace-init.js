// First process (pid 1) of a fresh user + network + mount + pid namespace, started by
// runInUserNamespace (src/user-namespace.ts) through `unshare`. Here the process is root over its
// own namespaces: it brings up loopback, gives `ip netns` a writable /run, relays chosen host TCP
// ports into the namespace, then runs the command. When it exits, the kernel ends every process
// left in the pid namespace, so nothing the command started outlives the run.
//
// Argument: JSON { command, args, cwd, relays: [{ port, socket }] }. Each relay listens on
// 127.0.0.1:<port> inside the namespace and joins each connection to the unix socket `socket`,
// where the runner (outside, on the host's network) connects it to the host's TCP port.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { mkdirSync } = require('node:fs');
const { constants } = require('node:os');
const { connect, createServer } = require('node:net');

function fail(message) {
  process.stderr.write(`[user namespace] ${message}\n`);
  process.exit(97);
}

let spec;
try {
  spec = JSON.parse(process.argv[2]);
} catch (err) {
  fail(`bad argument: ${err.message}`);
}

try {
  execFileSync('ip', ['link', 'set', 'lo', 'up'], { stdio: ['ignore', 'ignore', 'pipe'] });
  // /run/netns belongs to the real root; a private tmpfs on /run is ours (the mount namespace keeps it here).
  execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', '/run'], { stdio: ['ignore', 'ignore', 'pipe'] });
  mkdirSync('/run/netns', { recursive: true });
} catch (err) {
  fail(`setting up the namespace failed: ${(err.stderr || '').toString().trim() || err.message}`);
}

// Plain JavaScript run by node alone inside the namespace, so it keeps its own copy of the
// relay (joinSockets in src/join-sockets.ts) rather than loading the TypeScript sources.
function relay(port, socketPath) {
  const server = createServer((client) => {
    const upstream = connect(socketPath);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('error', close).once('close', close);
    upstream.once('error', close).once('close', close);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

Promise.all((spec.relays || []).map((r) => relay(r.port, r.socket)))
  .then(() => {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: 'inherit' });
    child.once('error', (err) => fail(`cannot start ${spec.command}: ${err.message}`));
    child.once('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] || 0)));
  })
  .catch((err) => fail(`relay listen failed: ${err.message}`));
