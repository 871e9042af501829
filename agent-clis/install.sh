#!/usr/bin/env bash
# Installs the pinned agent CLIs (package-lock.json) into target/agent-clis with `npm ci`, from the
# npm cache when it has them. Without npm it says so and installs nothing: the real-CLI tests then
# skip with that message (and fail under CI=true).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/agent-clis"
if ! command -v npm >/dev/null 2>&1; then
  echo "agent-clis: npm not found on PATH; the agent CLIs are NOT installed (real-CLI tests skip)"
  exit 0
fi
stamp="$out/.installed-lock"
if [[ -f "$stamp" ]] && cmp -s "$stamp" "$here/package-lock.json" && [[ -x "$out/node_modules/.bin/claude" ]]; then
  echo "agent-clis: pinned CLIs already installed in $out"
  exit 0
fi
mkdir -p "$out"
cp "$here/package.json" "$here/package-lock.json" "$out/"
start=$(date +%s)
(cd "$out" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
cp "$here/package-lock.json" "$stamp"
echo "agent-clis: installed $(cd "$out" && ls node_modules/.bin | tr '\n' ' ')in $(( $(date +%s) - start ))s"
