#!/usr/bin/env bash
# On-chain proof verification against native arkworks, in one run:
#  1. the FRAME benchmarks of pallet-attestations (real proof from
#     pallets/attestations/fixtures/clamp.scale), regenerating its weights;
#  2. native verification of the same proof (loam-circuits' verify_fixture example);
#  3. a table: on-chain weight per proof over native time (target <= 1.3), and a batch
#     of 16 over 16 single verifications (target <= 0.5).
#
#   scripts/bench/attestations.sh            (SKIP_WEIGHTS=1 reuses the last benchmark run)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
cd "$LOAM_ROOT"

[ "${SKIP_WEIGHTS:-0}" = 1 ] || bash scripts/bench/weights.sh attestations
fixture=pallets/attestations/fixtures/clamp.scale
native=$(cargo run --locked --quiet --profile "$LOAM_PROFILE" -p loam-circuits \
  --example verify_fixture -- "$fixture" 200)
python3 - "$CARGO_TARGET_DIR/bench/attestations.json" "$native" <<'PY'
import json, sys, statistics
runs = json.load(open(sys.argv[1]))
native = json.loads(sys.argv[2])

def by_n(name):
    """Median extrinsic time (µs) per value of component n, from the raw results."""
    for b in runs:
        if b["benchmark"] == name:
            out = {}
            for r in b["time_results"]:
                n = dict(r["components"]).get("n")
                out.setdefault(n, []).append(r["extrinsic_time"] / 1000)
            return {n: statistics.median(v) for n, v in out.items()}
    raise SystemExit(f"no results for {name}")

verify = by_n("batch_verify")
attest = by_n("attest_chunks")
single_native = native["single_us"]
print(f"native arkworks, one proof (parse + verify): {single_native:9.1f} us uncompressed, "
      f"{native['single_compressed_us']:.1f} us compressed")
print(f"{'n':>3} {'on-chain verify us':>19} {'per proof us':>13} {'native batch us':>16} {'ratio':>6} {'attest_chunks us':>17}")
for n in sorted(verify):
    nat = native["batch_us"][str(n)]
    print(f"{n:>3} {verify[n]:19.1f} {verify[n]/n:13.1f} {nat:16.1f} {verify[n]/nat:6.2f} {attest.get(n, float('nan')):17.1f}")
one, sixteen = verify[min(verify)], verify[max(verify)]
print(f"on-chain single proof / native single proof: {one / single_native:.2f}  (target <= 1.3)")
print(f"on-chain batch of {max(verify)} / {max(verify)} single on-chain verifications: "
      f"{sixteen / (max(verify) * one):.2f}  (target <= 0.5)")
PY
