#!/usr/bin/env bash
# Installs what building Loam needs. Idempotent: anything already present is skipped.
#   - rustup: targets wasm32-unknown-unknown and wasm32v1-none, components rust-src and rustfmt
#     (with wasm32v1-none present, the runtime's wasm build needs no build-std)
#   - apt-get: protobuf-compiler (protoc, for libp2p) and clang (for C dependencies), and
#     chromium for the web app's browser test
#   - npm: the web app's packages (web/node_modules, from web/package-lock.json)
set -euo pipefail

log() { printf '[setup] %s\n' "$*"; }

if ! command -v rustup >/dev/null 2>&1; then
  echo "[setup] rustup not found: install Rust from https://rustup.rs first" >&2
  exit 1
fi

installed_targets=$(rustup target list --installed)
for target in wasm32-unknown-unknown wasm32v1-none; do
  if grep -qx "$target" <<<"$installed_targets"; then
    log "rust target $target: present"
  else
    log "rust target $target: installing"
    rustup target add "$target"
  fi
done

# rust-src for the runtime's wasm build; rustfmt for the format check in scripts/test.sh.
installed_components=$(rustup component list --installed)
for component in rust-src rustfmt; do
  if grep -q "^$component" <<<"$installed_components"; then
    log "$component: present"
  else
    log "$component: installing"
    rustup component add "$component"
  fi
done

missing=()
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "apt-get: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "protoc, clang and chromium: present"
fi

# The web app (web/): Node.js and npm come with the machine; the packages are pinned by
# web/package-lock.json and installed once (again when the lock file changes).
web="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/web"
if ! command -v npm >/dev/null 2>&1; then
  log "npm not found: the web app (web/) needs Node.js 20 or later"
  exit 1
elif [ -f "$web/node_modules/.package-lock.json" ] && [ "$web/node_modules/.package-lock.json" -nt "$web/package-lock.json" ]; then
  log "web/node_modules: present"
else
  log "web/node_modules: npm ci"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi
log "done"
