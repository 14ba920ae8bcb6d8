# Shared settings of Loam's scripts; sourced, not run.
# One target directory outside the clone keeps builds warm across clones and CI runs.
LOAM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/loam/target}"
# The one cargo profile for the node and the tests, and the features both build with.
LOAM_PROFILE=release
LOAM_FEATURES="loam-node/metadata-hash"
LOAM_NODE_BIN="$CARGO_TARGET_DIR/$LOAM_PROFILE/loam-node"

# Builds loam-node through the same cargo invocation as scripts/test.sh (`cargo test
# --no-run` over the workspace): cargo unifies features across the test dependencies too,
# so a plain `cargo build -p loam-node` would produce a differently-featured node and
# recompile hundreds of crates. This way the node and the tests are compiled once.
build_node() {
  echo "[loam] building loam-node ($LOAM_PROFILE, features: $LOAM_FEATURES) into $CARGO_TARGET_DIR"
  (cd "$LOAM_ROOT" && cargo test --locked --no-run --profile "$LOAM_PROFILE" --workspace \
    --features "$LOAM_FEATURES" 2>&1 | grep -v '^  Executable ' >&2)
  [ -x "$LOAM_NODE_BIN" ] || { echo "[loam] build failed: $LOAM_NODE_BIN missing" >&2; exit 1; }
}
