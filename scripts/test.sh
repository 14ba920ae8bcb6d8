#!/usr/bin/env bash
# Everything CI checks: formatting, then every test of the workspace — runtime unit tests,
# the dev-chain end-to-end test (subxt transfer), the 4-validator network test and the
# bad-input tests of loam-node, the data protocol and circuit tests (real Groth16 proofs), the
# loam CLI's tests and the whole loop through it (scripts/demo.sh --check), the web app's
# browser test (web/tests/e2e.mjs: purchase and verified download in headless Chromium), and
# a no_std wasm build of loam-data. Builds with the same profile and features as scripts/dev.sh,
# so the node is compiled once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$LOAM_ROOT"

start=$(date +%s)
bash scripts/setup.sh
echo "[test] cargo fmt --check"
cargo fmt --all -- --check
echo "[test] cargo test ($LOAM_PROFILE, features: $LOAM_FEATURES), target $CARGO_TARGET_DIR"
cargo test --locked --no-fail-fast --profile "$LOAM_PROFILE" --workspace --features "$LOAM_FEATURES" "$@"
echo "[test] the whole loop through the loam CLI on a fresh dev chain (scripts/demo.sh --check)"
LOAM_SKIP_BUILD=1 bash scripts/demo.sh --check
echo "[test] the web app: build (verifier to wasm, type check, bundle), then the browser test"
(cd web && npm run --silent build && npm test)
echo "[test] loam-data builds without std for wasm32-unknown-unknown (what the runtime links)"
cargo build --locked --profile "$LOAM_PROFILE" -p loam-data --no-default-features --target wasm32-unknown-unknown
echo "[test] all passed in $(( $(date +%s) - start )) s"
