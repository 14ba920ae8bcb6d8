#!/usr/bin/env bash
# The whole Loam loop on a fresh dev chain, with the `loam` CLI:
#   1. Alice registers data/sensors.csv (600 rows with nulls, duplicates and outliers) and
#      uploads it to the node's gateway; she offers it for 10 dUSD.
#   2. Bob buys access, cleans it with two proved steps (filter-range on the temperature,
#      then dedup with a sampled attestation); the chain verifies the Groth16 proofs.
#   3. The validator's off-chain worker scores all three versions; the scores become final.
#   4. Bob offers the clean version for 100 dUSD; Charlie buys it, every payee's balance
#      moves by its share, and Charlie fetches it, every chunk checked against the chain.
#   5. The lineage and the balances are shown.
#
#   scripts/demo.sh           run it, showing each command and its output
#   scripts/demo.sh --check   the same, asserting every outcome (scripts/test.sh runs this)
#
# Builds loam-node and loam first (the same build as scripts/test.sh) unless
# LOAM_SKIP_BUILD=1. Proving keys of the dev chain are made once and cached in
# ~/.cache/loam/demo/keys (about a minute each the first time).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$LOAM_ROOT"

check=0
[ "${1:-}" = "--check" ] && check=1

if [ "${LOAM_SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/setup.sh >/dev/null
  build_node
fi
LOAM_BIN="$CARGO_TARGET_DIR/$LOAM_PROFILE/loam"
[ -x "$LOAM_BIN" ] || { echo "[demo] $LOAM_BIN missing: build first" >&2; exit 1; }

work="$(mktemp -d)"
node_pid=""
cleanup() {
  [ -n "$node_pid" ] && kill -INT "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rpc=$(free_port); p2p=$(free_port); gw=$(free_port)

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "[demo] FAILED: $*" >&2; echo "--- node log (tail) ---" >&2; tail -30 "$work/node.log" >&2; exit 1; }
# Runs loam with --json, prints the command (and, in the demo, its text on stderr),
# leaves the JSON in $out.
out=""
loam() {
  echo "\$ loam $*" >&2
  if ! out="$("$LOAM_BIN" --json "$@")"; then
    echo "$out" >&2
    fail "loam $*"
  fi
}
# Reads a Python expression of the last JSON output `d`.
j() { python3 -c 'import json,sys; d=json.loads(sys.argv[2]); print(eval(sys.argv[1]))' "$1" "$out"; }
expect() { # expect "<python condition on d>" "what"
  if [ "$(j "$1")" != "True" ]; then fail "$2 ($1) on: $out"; fi
  [ "$check" = 1 ] && echo "  ✓ $2" >&2 || true
}

say "Starting a fresh dev chain with the data gateway (RPC $rpc, gateway $gw)"
"$LOAM_NODE_BIN" --dev --tmp --rpc-port "$rpc" --port "$p2p" --gateway "127.0.0.1:$gw" \
  --gateway-store "$work/chunks" --no-prometheus --no-telemetry --no-mdns \
  --network-backend libp2p >"$work/node.log" 2>&1 &
node_pid=$!
export LOAM_URL="ws://127.0.0.1:$rpc" LOAM_GATEWAY="http://127.0.0.1:$gw"
[ "$check" = 1 ] || export LOAM_ECHO_TEXT=1
export LOAM_STATE_DIR="${LOAM_DEMO_STATE:-$HOME/.cache/loam/demo}"
rm -rf "$LOAM_STATE_DIR/clean"
for _ in $(seq 1 60); do
  if "$LOAM_BIN" --json chain status >/dev/null 2>&1; then break; fi
  kill -0 "$node_pid" 2>/dev/null || fail "the node exited"
  sleep 1
done
loam chain status
expect "d['chain'] == 'Loam Development'" "a dev chain answers"

say "1. Alice registers the raw data and offers it"
loam dataset inspect data/sensors.csv --type 'temp_c=decimal(2)'
raw_root="$(j "d['root']")"
expect "d['rows'] == 600 and d['chunks'] == 1" "600 rows in one chunk, committed offline"
loam --suri //Alice dataset register data/sensors.csv --type 'temp_c=decimal(2)' --name sensors \
  --description "600 sensor readings with nulls, duplicates and outliers" --tag sensors \
  --label sensor --license CC-BY-4.0 --royalty 5
raw="$(j "d['version']")"
expect "d['root'] == '$raw_root' and d['uploaded'] == 1" "registered as version $raw with the same root, chunk uploaded"
loam --suri //Alice offer create "$raw" --price 10 --asset dusd
expect "d['offer'] == 0" "offer #0 on version $raw"

say "2. Bob buys the raw data and cleans it with two proved steps"
loam --suri //Bob buy "$raw"
expect "d['access'] is True" "Bob has access to version $raw"
loam --suri //Bob clean "$raw" --step filter-range --column temp_c --lo -50 --hi 60 \
  --name "sensors, plausible temperatures"
mid="$(j "d['child']")"
expect "d['attestation']['status'] == 'attested' and d['clean_rows'] < d['raw_rows']" \
  "version $mid = filter-range(version $raw), attested on chain"
loam --suri //Bob clean "$mid" --step dedup --sample --name "sensors, clean"
clean="$(j "d['child']")"
expect "d['attestation']['status'] == 'attested' and d['attestation']['mode'] == 'sampled'" \
  "version $clean = dedup(version $mid), sampled attestation verified"
expect "d['clean_rows'] < d['raw_rows']" "dedup dropped the duplicate rows"

say "3. The validator scores every version"
for v in "$raw" "$mid" "$clean"; do
  for _ in $(seq 1 150); do
    loam score show "$v"
    [ "$(j "d['final']")" = "True" ] && break
    sleep 2
  done
  expect "d['final'] and d['score']['outcome'] == 'scored'" "version $v has a final score"
done
raw_score="$(loam score show "$raw"; j "d['score']['overall_percent']")"
loam score show "$clean"
expect "d['score']['overall_percent'] > $raw_score" "the clean version scores higher than the raw one ($raw_score %)"

say "4. Bob sells the clean version; Charlie buys and fetches it"
loam --suri //Bob offer create "$clean" --price 100 --asset dusd
if "$LOAM_BIN" --suri //Eve buy "$clean" --max-price 1 2>"$work/eve.err"; then
  fail "Eve bought below the price"
else
  code=$?
fi
[ "$code" = 5 ] && grep -q "Market::PriceTooHigh" "$work/eve.err" || fail "Eve's refusal: $(cat "$work/eve.err")"
[ "$check" = 1 ] && echo "  ✓ a max price below the price: $(cat "$work/eve.err")" >&2
loam --suri //Charlie buy "$clean" --dry-run
quote="$out"
payees="$(j "' '.join(p['to'] for p in d['payouts'])")"
charlie="$("$LOAM_BIN" --json --suri //Charlie keys inspect | python3 -c 'import json,sys; print(json.load(sys.stdin)["address"])')"
loam balance $payees "$charlie"
before="$out"
loam --suri //Charlie buy "$clean"
bought="$out"
expect "d['access'] is True and d['price'] == '100'" "Charlie bought access for 100 dUSD"
loam balance $payees "$charlie"
after="$out"
python3 - "$before" "$after" "$bought" "$charlie" <<'PY' || fail "balances do not move by the payouts"
import json, sys
from decimal import Decimal
before = {a["address"]: Decimal(a["dusd"]) for a in json.loads(sys.argv[1])}
after = {a["address"]: Decimal(a["dusd"]) for a in json.loads(sys.argv[2])}
bought, charlie = json.loads(sys.argv[3]), sys.argv[4]
paid = Decimal(0)
for p in bought["payouts"]:
    delta = after[p["to"]] - before[p["to"]]
    assert delta == Decimal(p["amount"]), (p, delta)
    paid += delta
assert after[charlie] - before[charlie] == -Decimal(bought["price"]), "Charlie pays the price"
assert paid == Decimal(bought["price"]), "the payouts add up to the price"
for s in bought["shares"]:
    print(f"  {s['amount']:>10} dUSD  {s['role']:<24} {s['to']}", file=sys.stderr)
PY
[ "$check" = 1 ] && echo "  ✓ every payee got its share, the shares add up to the price" >&2
loam --suri //Charlie fetch "$clean" -o "$work/clean.parquet"
expect "d['verified'] is True" "Charlie's download checked against the on-chain root"
loam dataset inspect "$work/clean.parquet"
rows="$(j "d['rows']")"
loam dataset show "$clean"
expect "d['rows'] == $rows" "the written file has the version's $rows rows"
if "$LOAM_BIN" --suri //Dave fetch "$clean" -o "$work/dave.csv" 2>"$work/dave.err"; then
  fail "Dave fetched without a grant"
fi
grep -q "no access" "$work/dave.err" || fail "Dave's refusal: $(cat "$work/dave.err")"
[ "$check" = 1 ] && echo "  ✓ Dave, without a grant, is refused" >&2

say "5. Lineage and balances"
loam dataset lineage "$clean"
expect "len(d['tree']) == 3 and d['root'] == $raw" "three versions from version $raw"
"$LOAM_BIN" dataset lineage "$clean"
"$LOAM_BIN" balance $payees "$charlie"
echo
echo "[demo] the whole loop ran: register → clean (2 attested steps) → score → buy → fetch"
