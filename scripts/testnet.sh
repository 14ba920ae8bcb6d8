#!/usr/bin/env bash
# A local 4-validator Loam network (Alice, Bob, Charlie, Dave) on loopback, libp2p backend.
#
#   scripts/testnet.sh [start]   build, start all four, follow their logs; Ctrl-C stops them
#   scripts/testnet.sh stop      stop a network started in another terminal
#   scripts/testnet.sh purge     stop, then delete the four databases and logs
#
# Each validator has its own base path under $LOAM_TESTNET_DIR (default
# ~/.local/share/loam/testnet) and its own ports: p2p 30333+i, RPC 9944+i (Alice 9944,
# Bob 9945, Charlie 9946, Dave 9947). Logs: $LOAM_TESTNET_DIR/logs/<name>.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dir="${LOAM_TESTNET_DIR:-$HOME/.local/share/loam/testnet}"
logs="$dir/logs"
names=(alice bob charlie dave)
# Fixed libp2p keys (a validator will not start without one), so the others can find
# Alice. Insecure: local networks only.
node_key() { printf '%064x' "$1"; }

stop_all() {
  local stopped=0
  for name in "${names[@]}"; do
    local pidfile="$dir/$name.pid"
    if [ -f "$pidfile" ]; then
      local pid; pid=$(cat "$pidfile")
      if kill -0 "$pid" 2>/dev/null; then kill -INT "$pid" 2>/dev/null || true; stopped=1; fi
      rm -f "$pidfile"
    fi
  done
  # Give the nodes time to close their databases.
  for _ in $(seq 1 100); do
    pgrep -f -- "--base-path $dir/" >/dev/null 2>&1 || break
    sleep 0.1
  done
  [ "$stopped" = 1 ] && echo "[testnet] stopped" || echo "[testnet] nothing was running"
}

start_all() {
  bash "$LOAM_ROOT/scripts/setup.sh" >/dev/null
  build_node
  mkdir -p "$logs"
  for name in "${names[@]}"; do
    if [ -f "$dir/$name.pid" ] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
      echo "[testnet] already running: scripts/testnet.sh stop first" >&2; exit 1
    fi
  done
  node_key 1 > "$dir/alice.node-key"
  local peer; peer=$("$LOAM_NODE_BIN" key inspect-node-key --file "$dir/alice.node-key")
  local i=0
  for name in "${names[@]}"; do
    local extra=(--node-key "$(node_key $((i + 1)))")
    if [ "$name" != alice ]; then
      extra+=(--bootnodes "/ip4/127.0.0.1/tcp/30333/p2p/$peer")
    fi
    "$LOAM_NODE_BIN" --chain local "--$name" --name "$name" \
      --base-path "$dir/$name" --rpc-port $((9944 + i)) \
      --listen-addr "/ip4/127.0.0.1/tcp/$((30333 + i))" --network-backend libp2p \
      --no-mdns --no-prometheus --no-telemetry --rpc-cors all "${extra[@]}" \
      >"$logs/$name.log" 2>&1 &
    echo $! > "$dir/$name.pid"
    echo "[testnet] $name: pid $!, p2p $((30333 + i)), rpc ws://127.0.0.1:$((9944 + i)), log $logs/$name.log"
    i=$((i + 1))
  done
  echo "[testnet] running; Ctrl-C (or scripts/testnet.sh stop) stops all four"
  tail -n 0 -F "$logs/alice.log" &
  local tail_pid=$!
  trap 'echo; kill $tail_pid 2>/dev/null; stop_all; exit 0' INT TERM
  # Follow until every validator has exited (e.g. `scripts/testnet.sh stop` elsewhere).
  while :; do
    local alive=0
    for name in "${names[@]}"; do
      [ -f "$dir/$name.pid" ] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null && alive=1
    done
    [ "$alive" = 1 ] || break
    sleep 1
  done
  kill "$tail_pid" 2>/dev/null || true
  echo "[testnet] all validators have exited"
}

case "${1:-start}" in
  start) start_all ;;
  stop) stop_all ;;
  purge) stop_all; rm -rf "$dir"; echo "[testnet] deleted $dir" ;;
  -h|--help|help) sed -n '2,12p' "$0" ;;
  *) echo "usage: scripts/testnet.sh [start|stop|purge]" >&2; exit 2 ;;
esac
