//! Built-in chain specifications of Loam, made from the runtime's genesis presets.

use loam_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// A Loam chain specification. Building its genesis runs the runtime, whose attestation
/// pallet validates verifying keys with the BLS12-381 host calls: they are provided.
pub type ChainSpec = sc_service::GenericChainSpec<
	sc_chain_spec::NoExtension,
	(
		sp_crypto_ec_utils::bls12_381::host_calls::HostFunctions,
		loam_host::loam_data_host::HostFunctions,
	),
>;

/// Chain names accepted by `--chain` besides a path to a JSON file.
pub const KNOWN_CHAINS: &str = "dev (or development), local (or local_testnet)";

fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the runtime's wasm blob is missing: this loam-node was built with SKIP_WASM_BUILD; \
		 rebuild it without"
			.to_string()
	})
}

fn spec(name: &str, id: &str, chain_type: ChainType, preset: &str) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("loam")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// The `development` chain: Alice alone produces and finalizes blocks.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	spec(
		"Loam Development",
		"loam_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// The `local_testnet` chain: Alice, Bob, Charlie and Dave validate.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	spec(
		"Loam Local Testnet",
		"loam_local_testnet",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Resolves `--chain`: a built-in name, or a path to a chain-spec JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "development" => Box::new(development_chain_spec()?),
		"" | "local" | "local_testnet" => Box::new(local_chain_spec()?),
		path => {
			let path = std::path::PathBuf::from(path);
			if !path.is_file() {
				return Err(format!(
					"unknown chain '{}': use {KNOWN_CHAINS}, or the path of a chain-spec JSON file",
					path.display()
				));
			}
			let spec = ChainSpec::from_json_file(path.clone()).map_err(|e| {
				format!("cannot read chain spec {}: {}", path.display(), first_line(&e))
			})?;
			Box::new(spec)
		}
	})
}

fn first_line(s: &str) -> &str {
	s.lines().next().unwrap_or(s)
}
