#!/usr/bin/env bash
# Regenerates the committed weights of Loam's pallets on this machine: builds loam-node
# with `runtime-benchmarks` (kept out of the default build) and runs the FRAME benchmarks
# of each named pallet (default: datasets attestations market) in the wasm runtime, writing
# pallets/<name>/src/weights.rs and the raw results to $CARGO_TARGET_DIR/bench/<name>.json.
#
#   scripts/bench/weights.sh [pallet...]      STEPS=20 REPEAT=10 by default
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
cd "$LOAM_ROOT"

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(datasets attestations market)
steps="${STEPS:-20}"
repeat="${REPEAT:-10}"

echo "[bench] building loam-node with runtime-benchmarks ($LOAM_PROFILE) into $CARGO_TARGET_DIR"
# frame-benchmarking-cli pulls in a storage-access test runtime whose wasm build cannot find
# itself in our workspace's metadata; `benchmark pallet` never uses it.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
cargo build --locked --profile "$LOAM_PROFILE" --workspace \
  --features "$LOAM_FEATURES,loam-node/runtime-benchmarks"
wasm="$CARGO_TARGET_DIR/$LOAM_PROFILE/wbuild/loam-runtime/loam_runtime.compact.compressed.wasm"
[ -f "$wasm" ] || { echo "[bench] runtime wasm missing: $wasm" >&2; exit 1; }
mkdir -p "$CARGO_TARGET_DIR/bench"

for p in "${pallets[@]}"; do
  echo "[bench] pallet_$p: $steps steps, $repeat repeats"
  "$LOAM_NODE_BIN" benchmark pallet \
    --runtime "$wasm" --genesis-builder runtime --genesis-builder-preset development \
    --pallet "pallet_$p" --extrinsic '*' --steps "$steps" --repeat "$repeat" \
    --wasm-execution compiled \
    --template scripts/bench/weight-template.hbs \
    --output "pallets/$p/src/weights.rs" \
    --json-file "$CARGO_TARGET_DIR/bench/$p.json"
done
# The normal node (without runtime-benchmarks) is relinked by the next scripts/dev.sh or
# scripts/test.sh; nothing is compiled twice.
