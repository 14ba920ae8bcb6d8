#!/usr/bin/env bash
# Builds loam-node (and the loam CLI) and starts a single-validator development chain
# (Alice), RPC on 9944, the data gateway on 9955 serving the web app at /.
#
#   scripts/dev.sh            persistent chain under $LOAM_DEV_BASE (default ~/.local/share/loam/dev)
#   scripts/dev.sh --tmp      throw-away chain, deleted when the node stops
#   scripts/dev.sh --purge    delete the persistent dev chain first
# Other arguments go to loam-node (try `--help`). Stop with Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

base="${LOAM_DEV_BASE:-$HOME/.local/share/loam/dev}"
args=()
tmp=0
for arg in "$@"; do
  case "$arg" in
    --tmp) tmp=1 ;;
    --purge) echo "[loam] deleting $base"; rm -rf "$base" ;;
    *) args+=("$arg") ;;
  esac
done

bash "$LOAM_ROOT/scripts/setup.sh"
build_node
echo "[loam] building the web app (web/dist)"
(cd "$LOAM_ROOT/web" && npm run --silent build >/dev/null)

if [ "$tmp" = 1 ]; then
  base_args=(--tmp)
  echo "[loam] starting a throw-away dev chain"
else
  mkdir -p "$base"
  base_args=(--base-path "$base")
  echo "[loam] starting the dev chain in $base (scripts/dev.sh --purge to start over)"
fi
echo "[loam] data gateway: http://127.0.0.1:9955 (chunks in <base path>/chunks)"
echo "[loam] web app: http://127.0.0.1:9955/ (connect a wallet extension to buy)"
echo "[loam] CLI: $CARGO_TARGET_DIR/$LOAM_PROFILE/loam --help (try scripts/demo.sh for the whole loop)"
echo "[loam] RPC: ws://127.0.0.1:9944 — polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
exec "$LOAM_NODE_BIN" --dev "${base_args[@]}" --rpc-port 9944 --rpc-cors all \
  --gateway 127.0.0.1:9955 --gateway-web "$LOAM_ROOT/web/dist" --network-backend libp2p "${args[@]}"
