#!/usr/bin/env bash
# Installs code-server (a real VS Code 1.100 served to a browser) into a cache folder outside the
# clone, once; later runs find it there and return at once. VS Code's own test downloads cannot
# reach their servers on this machine, so the end-to-end tests and `npm start` use this instead.
#
#   scripts/install-code-server.sh            prints the path of the code-server launcher
#
# The cache folder is $QDA_CACHE (default ~/.cache/qda-workbench). Debian packages needed to
# build code-server's native modules and to drive it (chromium) are installed with apt-get when
# missing and when running as root.
set -euo pipefail

version=4.100.3
cache="${QDA_CACHE:-$HOME/.cache/qda-workbench}"
root="$cache/code-server-$version"
launcher="$root/node_modules/code-server/out/node/entry.js"
marker="$root/.installed"

if [ -f "$marker" ] && [ -f "$launcher" ]; then
  echo "$launcher"
  exit 0
fi

log() { echo "install-code-server: $*" >&2; }

packages=(chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "apt-get install ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    log "missing Debian packages: ${missing[*]} (install them as root)"
    exit 1
  fi
fi

rm -rf "$root"
mkdir -p "$root"
cd "$root"
log "npm install code-server@$version into $root"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "code-server@$version" >&2

vscode="$root/node_modules/code-server/lib/vscode"
cd "$vscode"
log "installing VS Code's own modules"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2
npm_config_yes=true npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog >&2
# @vscode/ripgrep downloads its binary, which cannot work here: use Debian's.
mkdir -p node_modules/@vscode/ripgrep/bin
cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)

# argon2 is hoisted to the install root: rebuild it there.
cd "$root"
npm_config_yes=true npm rebuild argon2 >&2

touch "$marker"
log "done"
echo "$launcher"
