//! The CLI's calls are generated from `client/metadata.scale`; this fails when that file is
//! not the current runtime's metadata (a pallet's calls, storage or types changed), and
//! with `LOAM_UPDATE_METADATA=1` rewrites it.

#[test]
fn the_committed_metadata_is_the_runtimes() {
	let current = loam_runtime::Runtime::metadata_at_version(15).expect("metadata V15").to_vec();
	let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("metadata.scale");
	let committed = std::fs::read(&path).unwrap_or_default();
	if committed != current {
		if std::env::var_os("LOAM_UPDATE_METADATA").is_some() {
			std::fs::write(&path, &current).expect("write metadata.scale");
			eprintln!("rewrote {}; rebuild loam-client", path.display());
			return;
		}
		panic!(
			"client/metadata.scale is not the runtime's metadata: regenerate it with\n  \
			 LOAM_UPDATE_METADATA=1 cargo test --profile release -p loam-client --test metadata"
		);
	}
}
