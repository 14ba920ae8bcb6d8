//! The pallets `loam-node benchmark pallet` measures (with `--features runtime-benchmarks`).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_datasets, Datasets]
	[pallet_attestations, Attestations]
	[pallet_market, Market]
	[pallet_scoring, Scoring]
);

impl frame_system_benchmarking::Config for crate::Runtime {}
impl frame_benchmarking::baseline::Config for crate::Runtime {}
