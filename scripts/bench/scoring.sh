#!/usr/bin/env bash
# Scoring benchmark: ROWS (default 1M) x 8 columns scored through the off-chain path on
# a dev node (gateway in the node, Alice's off-chain worker fetching every chunk over
# HTTP, checking it against the root, computing the metrics in wasm), and, in the same
# run, Polars describe() on the same Parquet file. Prints both and their ratio.
#
#   scripts/bench/scoring.sh            # 1M rows
#   ROWS=100000 scripts/bench/scoring.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/common.sh

ROWS="${ROWS:-1000000}"
DIR="${LOAM_BENCH_DIR:-$HOME/.cache/loam/bench}"
FILE="$DIR/scoring-$ROWS.parquet"
mkdir -p "$DIR"
python3 -c 'import polars' 2>/dev/null || pip install --quiet polars

python3 scripts/bench/scoring_polars.py generate "$FILE" "$ROWS"
echo "== Polars describe() on $FILE"
polars_out="$(python3 scripts/bench/scoring_polars.py describe "$FILE")"
echo "$polars_out"

echo "== Loam: register, upload, score through the off-chain worker"
loam_out="$(LOAM_BENCH_PARQUET="$FILE" cargo test --profile release --workspace \
	--features loam-node/metadata-hash --test scoring_bench -- --ignored --nocapture 2>&1)" || {
	echo "$loam_out" | tail -40
	exit 1
}
echo "$loam_out" | grep -E "commit|upload|final|OCW|off-chain path"

polars_ms="$(echo "$polars_out" | sed -n 's/^POLARS_MS=//p')"
ocw_ms="$(echo "$loam_out" | sed -n 's/.*OCW_MS=\([0-9.]*\).*/\1/p')"
python3 - "$ROWS" "$ocw_ms" "$polars_ms" <<'PY'
import sys
rows, ocw, polars = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"== {rows} rows x 8 columns")
print(f"off-chain path (fetch, check, metrics): {ocw/1000:.1f} s, {rows/(ocw/1000):,.0f} rows/s (target < 120 s)")
print(f"Polars describe():                     {polars/1000:.2f} s, {rows/(polars/1000):,.0f} rows/s")
print(f"ratio off-chain path / Polars:          {ocw/polars:.1f}x")
PY
