import type { AgentBootstrap } from '@pitrix/provider-contract';
import { PitrixError } from '@pitrix/errors';
import { renderEnvFile } from './env-file.js';

/** EC2 accepts at most 16 KiB of user-data before base64 encoding. */
export const USER_DATA_LIMIT = 16 * 1024;

/** The Node.js release the agents run on (docs/contracts.md: agents are Node programs). */
export const NODE_VERSION = 'v20.20.2';

/** Where the agent bundle is unpacked on an instance; entries are `apps/<kind>/dist/main.js` inside. */
export const AGENT_DIR = '/opt/pitrix/agent';

/**
 * The first-boot script (cloud-init runs it once, as root) that turns an `AgentBootstrap` into a
 * running agent: it writes the environment to `/etc/pitrix/<kind>.env` with mode 0600 before
 * anything else, adds the instance's identity from the instance metadata service, installs Node.js
 * (checked against the release's SHA-256 sums) unless the image has it, unpacks the agent bundle
 * from `agentPackageUrl` (without one the image must hold it), and starts `pitrix-<kind>` under
 * systemd, which restarts the agent if it dies and starts it again after a reboot.
 */
export function renderUserData(agent: AgentBootstrap, options: { readonly agentPackageUrl?: string }): string {
  const envFile = `/etc/pitrix/${agent.kind}.env`;
  const unit = `pitrix-${agent.kind}`;
  const entry = `${AGENT_DIR}/apps/${agent.kind}/dist/main.js`;
  const env = Buffer.from(renderEnvFile(agent.env), 'utf8').toString('base64').replace(/.{76}/g, '$&\n');
  const script = [
    '#!/bin/bash',
    `# Pitrix ${agent.kind} agent: first-boot setup rendered by the aws provider.`,
    'set -euo pipefail',
    '',
    '# The environment may hold the agent\'s credential: root-only from the first byte.',
    'install -d -m 0700 -o root -g root /etc/pitrix',
    `install -m 0600 -o root -g root /dev/null ${envFile}`,
    `base64 -d > ${envFile} <<'PITRIX_ENV'`,
    env,
    'PITRIX_ENV',
    ...identity(envFile),
    ...installNode(),
    ...installAgent(options.agentPackageUrl, entry),
    ...systemdUnit(agent.kind, unit, envFile, entry),
  ].join('\n');
  return `${script}\n`;
}

/** The user-data EC2 expects: base64 of the script, refused with `INPUT.INVALID` above EC2's size limit. */
export function encodeUserData(script: string): string {
  const size = Buffer.byteLength(script, 'utf8');
  if (size > USER_DATA_LIMIT) {
    throw new PitrixError('INPUT.INVALID', `The agent bootstrap makes ${size} bytes of user-data; EC2 accepts at most ${USER_DATA_LIMIT}`, [
      { path: 'agent.env', message: 'too large for EC2 user-data', expected: `<= ${USER_DATA_LIMIT} bytes in all`, found: size },
    ]);
  }
  return Buffer.from(script, 'utf8').toString('base64');
}

function identity(envFile: string): string[] {
  return [
    '',
    '# The instance\'s own identity, from the instance metadata service (IMDSv2).',
    "IMDS_TOKEN=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')",
    'meta() { curl -fsS -H "X-aws-ec2-metadata-token: $IMDS_TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }',
    `printf 'PITRIX_INSTANCE_ID=%s\\nPITRIX_PRIVATE_IP=%s\\nPITRIX_DATA_DIR=/var/lib/pitrix\\n' "$(meta instance-id)" "$(meta local-ipv4)" >> ${envFile}`,
    'install -d -m 0700 -o root -g root /var/lib/pitrix',
  ];
}

function installNode(): string[] {
  return [
    '',
    `# Node.js ${NODE_VERSION}, unless the image already has a Node.js 20.`,
    `NODE_VERSION=${NODE_VERSION}`,
    'if ! command -v node >/dev/null 2>&1 || [[ "$(node --version)" != v20.* ]]; then',
    '  case "$(uname -m)" in x86_64) NODE_ARCH=x64 ;; aarch64) NODE_ARCH=arm64 ;; *) echo "pitrix: unsupported architecture $(uname -m)" >&2; exit 1 ;; esac',
    '  NODE_TARBALL="node-$NODE_VERSION-linux-$NODE_ARCH.tar.xz"',
    '  cd /tmp',
    '  curl -fsSLO "https://nodejs.org/dist/$NODE_VERSION/$NODE_TARBALL"',
    '  curl -fsSL "https://nodejs.org/dist/$NODE_VERSION/SHASUMS256.txt" | grep " $NODE_TARBALL\\$" | sha256sum -c -',
    '  tar -xJf "$NODE_TARBALL" -C /usr/local --strip-components=1',
    'fi',
  ];
}

function installAgent(url: string | undefined, entry: string): string[] {
  const fetch = url
    ? [`install -d -m 0755 ${AGENT_DIR}`, `curl -fsSL ${shellQuote(url)} | tar -xz -C ${AGENT_DIR}`]
    : ['# No agent bundle URL: the image holds the agent.'];
  return ['', '# The Pitrix agent bundle.', ...fetch, `test -f ${entry} || { echo "pitrix: ${entry} is missing" >&2; exit 1; }`];
}

function systemdUnit(kind: string, unit: string, envFile: string, entry: string): string[] {
  return [
    '',
    `# The agent runs as the systemd service ${unit}: restarted when it dies, started at every boot.`,
    `cat > /etc/systemd/system/${unit}.service <<'PITRIX_UNIT'`,
    '[Unit]',
    `Description=Pitrix ${kind} agent`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    `EnvironmentFile=${envFile}`,
    `Environment=PATH=${AGENT_DIR}/bin:/usr/local/bin:/usr/bin:/bin`,
    'WorkingDirectory=/var/lib/pitrix',
    `ExecStart=/usr/bin/env node ${entry}`,
    'Restart=always',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    'PITRIX_UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now ${unit}.service`,
  ];
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
