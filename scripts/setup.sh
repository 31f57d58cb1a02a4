#!/usr/bin/env bash
# A fresh Debian machine's first command (also .ci/run's install step): Debian packages, Firebird 3 running,
# the test data folder, npm dependencies. Idempotent: what is already there is left as it is, and a running
# Firebird is never stopped or restarted.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 # Electron's binary is only needed by the desktop app, not by the tests.

step() { printf '\n==> %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node 20 (>= 20.19) and npm are needed first: https://nodejs.org or Debian's nodejs/npm packages" >&2
  exit 1
fi

# Firebird 3 server (SYSDBA/masterkey on a fresh install), Chromium and a font for the e2e tests,
# systemd for systemd-analyze (checks the service unit).
PACKAGES=(firebird3.0-server firebird3.0-utils chromium fonts-dejavu-core systemd)
missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$pkg"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  step "Debian packages: ${missing[*]}"
  echo "firebird3.0-server shared/firebird/sysdba_password/first_install password masterkey" \
    | $SUDO debconf-set-selections
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
else
  step "Debian packages: already installed"
fi

step "Firebird"
$SUDO bash scripts/ci/start-firebird.sh

data_dir="${WOPEN_FB_DATA_DIR:-/var/lib/firebird/3.0/data/wopen-tests}"
step "Test data folder: $data_dir"
# World-writable with the sticky bit: the tests (any user) create databases the firebird user must open.
$SUDO install -d -m 1777 "$data_dir"

step "npm dependencies"
# npm ci wipes node_modules; skip it when node_modules already holds every package of package-lock.json
# at its locked version (npm's own record of what it installed is node_modules/.package-lock.json).
if node -e '
  const fs = require("fs");
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
  let installed;
  try { installed = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages; }
  catch { process.exit(1); }
  const stale = Object.entries(lock).filter(([path, p]) =>
    path !== "" && !p.optional && !p.link && installed[path]?.version !== p.version);
  process.exit(stale.length === 0 ? 0 : 1);
'; then
  echo "node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund
fi
