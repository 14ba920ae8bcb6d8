#!/usr/bin/env bash
# Builds web/verifier (loam-data for the browser) for wasm32-unknown-unknown and puts the
# module where the web app imports it (web/src/wasm/). `npm run build` in web/ calls this.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$LOAM_ROOT"
cargo build --locked --profile "$LOAM_PROFILE" -p loam-web-verifier --target wasm32-unknown-unknown
mkdir -p web/src/wasm
cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$LOAM_PROFILE/loam_web_verifier.wasm" web/src/wasm/
echo "[web] web/src/wasm/loam_web_verifier.wasm: $(wc -c <web/src/wasm/loam_web_verifier.wasm) bytes"
