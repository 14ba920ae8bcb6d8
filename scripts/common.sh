# Shared settings of Loam's scripts; sourced, not run.
# One target directory outside the clone keeps builds warm across clones and CI runs.
LOAM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/loam/target}"
# The one cargo profile for the node and the tests, and the features both build with.
LOAM_PROFILE=release
LOAM_FEATURES="loam-node/metadata-hash"
LOAM_NODE_BIN="$CARGO_TARGET_DIR/$LOAM_PROFILE/loam-node"

build_node() {
  echo "[loam] building loam-node ($LOAM_PROFILE, features: $LOAM_FEATURES) into $CARGO_TARGET_DIR"
  (cd "$LOAM_ROOT" && cargo build --locked --profile "$LOAM_PROFILE" -p loam-node --features "$LOAM_FEATURES")
}
