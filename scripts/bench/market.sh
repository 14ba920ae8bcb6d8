#!/usr/bin/env bash
# A purchase against a plain balance transfer, in one run:
#  1. the FRAME benchmarks of pallet-market, regenerating its weights (purchase(d): a
#     lineage of d steps, every step attested, every share its own account);
#  2. pallet-balances' transfer_allow_death and transfer_keep_alive, same machine, same run
#     (their weights are not rewritten);
#  3. a table: weight (measured time + the runtime's ParityDb read/write weights) of a
#     purchase at each depth beside a transfer, and the ratio (target at depth 4: <= 3).
#
#   scripts/bench/market.sh            (SKIP_WEIGHTS=1 reuses the last benchmark runs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
cd "$LOAM_ROOT"

if [ "${SKIP_WEIGHTS:-0}" != 1 ]; then
  bash scripts/bench/weights.sh market
  wasm="$CARGO_TARGET_DIR/$LOAM_PROFILE/wbuild/loam-runtime/loam_runtime.compact.compressed.wasm"
  echo "[bench] pallet_balances transfers (for comparison)"
  "$LOAM_NODE_BIN" benchmark pallet \
    --runtime "$wasm" --genesis-builder runtime --genesis-builder-preset development \
    --pallet pallet_balances --extrinsic 'transfer_allow_death,transfer_keep_alive' \
    --steps "${STEPS:-20}" --repeat "${REPEAT:-10}" --wasm-execution compiled \
    --json-file "$CARGO_TARGET_DIR/bench/balances.json" > /dev/null
fi
python3 - "$CARGO_TARGET_DIR/bench/market.json" "$CARGO_TARGET_DIR/bench/balances.json" <<'PY'
import json, sys, statistics
# frame_support::weights::constants::ParityDbWeight, what the Loam runtime charges.
READ_NS, WRITE_NS = 8_000, 50_000

def results(path, name):
    for b in json.load(open(path)):
        if b["benchmark"] == name:
            return b
    raise SystemExit(f"no results for {name} in {path}")

def weight(b, **component):
    """Median measured time (ns), storage reads and writes, and the weight they make."""
    match = lambda r: all(dict(r["components"]).get(k) == v for k, v in component.items())
    t = statistics.median(r["extrinsic_time"] for r in b["time_results"] if match(r))
    db = [r for r in b["db_results"] if match(r)]
    reads, writes = max(r["reads"] for r in db), max(r["writes"] for r in db)
    return t, reads, writes, t + reads * READ_NS + writes * WRITE_NS

tt, tr, tw, transfer = weight(results(sys.argv[2], "transfer_allow_death"))
kt, kr, kw, keep = weight(results(sys.argv[2], "transfer_keep_alive"))
print(f"transfer_allow_death: {tt/1000:.1f} us measured, {tr} reads, {tw} writes -> weight {transfer/1000:.1f} us")
print(f"transfer_keep_alive:  {kt/1000:.1f} us measured, {kr} reads, {kw} writes -> weight {keep/1000:.1f} us")
purchase = results(sys.argv[1], "purchase")
print(f"{'depth':>5} {'measured us':>12} {'reads':>6} {'writes':>7} {'weight us':>10} {'x transfer':>11} {'x measured':>11}")
for d in sorted({dict(r['components'])['d'] for r in purchase["time_results"]}):
    t, r, w, total = weight(purchase, d=d)
    print(f"{d:>5} {t/1000:12.1f} {r:6} {w:7} {total/1000:10.1f} {total/transfer:11.2f} {t/tt:11.2f}")
t, r, w, total = weight(purchase, d=4)
print(f"purchase at depth 4 / transfer_allow_death: {total/transfer:.2f} (target <= 3); "
      f"measured time alone: {t/tt:.2f}")
PY
