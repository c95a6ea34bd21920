#!/usr/bin/env bash
# Entry point of `npm start` and `npm test`: installs npm dependencies when they are missing or
# stale, then runs the TypeScript launcher (infra/dev/src/<command>.ts) from source.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v node >/dev/null || { echo "pitrix: Node.js >= 20.19 is required" >&2; exit 1; }
command -v go >/dev/null || { echo "pitrix: Go >= 1.26 is required (it builds the Temporal CLI, nats-server, helm and the Kubernetes dev control plane)" >&2; exit 1; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "pitrix: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE="${NX_SKIP_NX_CACHE:-false}"
command="$1"
shift
exec node --conditions=@pitrix/source --import tsx "infra/dev/src/${command}.ts" "$@"
