import { encodeText, type PackageFile } from './files.js';

const EXECUTABLE = 0o755;
const REGULAR = 0o644;

/**
 * The files of a new package named `name`: a small static web site served by `python3` on each
 * node, with every part a package usually has (typed parameters, a rendered config file, hooks in
 * `files/`, a health check). It passes lint as it is and runs on the `local` runtime.
 */
export function createSkeleton(name: string): PackageFile[] {
  const file = (path: string, text: string, mode = REGULAR): PackageFile => ({ path, bytes: encodeText(text), mode });
  return [
    file('package.json', `${JSON.stringify({ name, version: '0.1.0', appVersion: '1.0', description: `${name}: a static web site on every node` }, null, 2)}\n`),
    file('config.json', `${JSON.stringify(config(), null, 2)}\n`),
    file('cluster.json.tmpl', TEMPLATE),
    file('templates/index.html.hbs', PAGE),
    file('files/bin/web.sh', SCRIPT, EXECUTABLE),
    file('README.md', readme(name)),
  ];
}

function config() {
  const leaf = (key: string, type: string, extra: Record<string, unknown>) => ({ key, label: key, type, ...extra });
  return {
    type: 'array',
    properties: [
      {
        key: 'cluster',
        type: 'array',
        properties: [
          leaf('name', 'string', { default: 'web', required: true }),
          leaf('description', 'string', { default: '' }),
          { key: 'web', type: 'array', properties: [leaf('count', 'integer', { default: 1, min: 1, max: 5, required: true }), leaf('cpu', 'integer', { default: 1, range: [1, 2] }), leaf('memory', 'integer', { default: 256, range: [256, 512] })] },
        ],
      },
      {
        key: 'env',
        type: 'array',
        properties: [leaf('port', 'integer', { default: 8080, min: 1024, max: 65535, changeable: false }), leaf('greeting', 'string', { default: 'Hello from Pitrix', changeable: true })],
      },
    ],
  };
}

const TEMPLATE = `{
  "name": {{cluster.name}},
  "description": {{cluster.description}},
  "nodes": [
    {
      "role": "web",
      "count": {{cluster.web.count}},
      "cpu": {{cluster.web.cpu}},
      "memory": {{cluster.web.memory}},
      "configTemplates": [
        { "name": "index", "source": "templates/index.html.hbs", "destination": "www/index.html", "mode": "0644" }
      ],
      "services": {
        "init": { "cmd": "$PITRIX_DATA_DIR/app/bin/web.sh init" },
        "start": { "cmd": "$PITRIX_DATA_DIR/app/bin/web.sh start", "timeout": 60 },
        "stop": { "cmd": "$PITRIX_DATA_DIR/app/bin/web.sh stop", "timeout": 60 },
        "restart": { "cmd": "$PITRIX_DATA_DIR/app/bin/web.sh restart", "timeout": 120 }
      },
      "healthCheck": { "enable": true, "intervalSec": 60, "timeoutSec": 5, "checkCmd": "$PITRIX_DATA_DIR/app/bin/web.sh check", "actionCmd": "$PITRIX_DATA_DIR/app/bin/web.sh restart" }
    }
  ],
  "env": { "port": {{env.port}}, "greeting": {{env.greeting}} },
  "endpoints": { "http": { "port": "env.port", "protocol": "http" } }
}
`;

const PAGE = `<!doctype html>
<title>{{cluster.name}}</title>
<h1>{{env.greeting}}</h1>
<p>Node {{host.sid}} of role {{host.role}} at {{host.ip}}.</p>
<ul>{{#each hosts.web}}<li>{{ip}}</li>{{/each}}</ul>
`;

const SCRIPT = `#!/bin/sh
# Lifecycle of the web role: serves $PITRIX_DATA_DIR/www (rendered by the drone from
# templates/index.html.hbs) with python3 on this node's private address. Every action is
# idempotent: starting a running server or stopping a stopped one does nothing.
set -eu
: "\${PITRIX_DATA_DIR:?}" "\${PITRIX_PRIVATE_IP:?}" "\${PITRIX_METADATA_URL:?}"
RUN="$PITRIX_DATA_DIR/run"
PIDFILE="$RUN/web.pid"
LOG="$PITRIX_DATA_DIR/log/web.log"

fail() { echo "web.sh: $*" >&2; exit 1; }
port() { curl -fsS "$PITRIX_METADATA_URL/self/env/port" | tr -d '"' || fail "cannot read env.port from the metadata service"; }
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

case "\${1:-}" in
  init)
    mkdir -p "$RUN" "$PITRIX_DATA_DIR/www" "$(dirname "$LOG")"
    ;;
  start)
    running && exit 0
    mkdir -p "$RUN" "$PITRIX_DATA_DIR/www" "$(dirname "$LOG")"
    PORT="$(port)"
    nohup python3 -m http.server --bind "$PITRIX_PRIVATE_IP" --directory "$PITRIX_DATA_DIR/www" "$PORT" >>"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      curl -fsS -o /dev/null "http://$PITRIX_PRIVATE_IP:$PORT/" && exit 0
      sleep 1
    done
    fail "the server did not answer on $PITRIX_PRIVATE_IP:$PORT within 10 s (see $LOG)"
    ;;
  stop)
    if running; then kill "$(cat "$PIDFILE")"; fi
    rm -f "$PIDFILE"
    ;;
  restart)
    "$0" stop
    "$0" start
    ;;
  check)
    curl -fsS -o /dev/null --max-time 3 "http://$PITRIX_PRIVATE_IP:$(port)/"
    ;;
  *)
    fail "usage: web.sh init|start|stop|restart|check"
    ;;
esac
`;

function readme(name: string): string {
  return `# ${name}

A static web site served on every node of the \`web\` role.

- \`config.json\`: the parameters users set (node count and size, the port, the greeting).
- \`cluster.json.tmpl\`: the blueprint, rendered with those values.
- \`templates/index.html.hbs\`: the page, re-rendered by each node's drone when the cluster changes.
- \`files/bin/web.sh\`: the lifecycle hooks, delivered to \`$PITRIX_DATA_DIR/app/bin/web.sh\`.

Check it with \`pitrix package lint .\` and build it with \`pitrix package build .\`.
`;
}
