//! Genesis presets: `development` (Alice alone validates) and `local_testnet` (Alice, Bob,
//! Charlie and Dave validate). In both, the well-known dev accounts are endowed with LOAM
//! and with the dev stablecoin dUSD (asset 1984, 6 decimals), Alice is sudo and owns
//! dUSD, and the verifying keys of every cleaning step (width class 8) are registered:
//! **insecure** dev keys from a public seed (`loam_circuits::keys::DEV_CHAIN_SEED`), so
//! anyone can forge proofs on these chains. These presets use publicly known keys: never
//! use them for a real network.

use crate::{
	configs::{MarketPalletId, TreasuryAccount, DEV_STABLECOIN},
	AccountId, AssetsConfig, AttestationsConfig, BalancesConfig, RuntimeGenesisConfig, SudoConfig,
	EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use codec::Decode;
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Balance of every endowed dev account: one million LOAM.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// Decimals of the dev stablecoin.
pub const STABLECOIN_DECIMALS: u8 = 6;
/// Dev stablecoin of every endowed dev account: one million dUSD.
pub const STABLECOIN_ENDOWMENT: u128 = 1_000_000 * 10u128.pow(STABLECOIN_DECIMALS as u32);
/// The dev stablecoin's minimum balance: 0.01 dUSD.
pub const STABLECOIN_MIN_BALANCE: u128 = 10u128.pow(STABLECOIN_DECIMALS as u32) / 100;

/// Accounts that must exist from genesis to receive small shares of sales: the treasury
/// and the scorers' pool.
fn system_accounts() -> Vec<(AccountId, u128)> {
	use sp_runtime::traits::AccountIdConversion;
	vec![
		(TreasuryAccount::get(), EXISTENTIAL_DEPOSIT),
		(MarketPalletId::get().into_account_truncating(), EXISTENTIAL_DEPOSIT),
	]
}

/// Genesis state for a set of validators, endowed accounts and a sudo key.
fn loam_genesis(
	authorities: Vec<(AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed
				.iter()
				.cloned()
				.map(|k| (k, ENDOWMENT))
				.chain(system_accounts())
				.collect::<Vec<_>>(),
		},
		assets: AssetsConfig {
			// A sufficient asset: accounts may hold dUSD without LOAM.
			assets: vec![(DEV_STABLECOIN, root.clone(), true, STABLECOIN_MIN_BALANCE)],
			metadata: vec![(
				DEV_STABLECOIN,
				b"Loam Dev USD".to_vec(),
				b"dUSD".to_vec(),
				STABLECOIN_DECIMALS
			)],
			accounts: endowed
				.iter()
				.cloned()
				.map(|k| (DEV_STABLECOIN, k, STABLECOIN_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		attestations: AttestationsConfig { circuits: dev_circuit_keys() },
	})
}

/// The insecure dev verifying keys, made by `loam-circuits`' `dev_keys` example.
const DEV_CIRCUIT_KEYS: &[u8] = include_bytes!("../dev-keys/steps.scale");

/// The dev verifying keys, by circuit.
pub fn dev_circuit_keys() -> Vec<(loam_data::CircuitId, Vec<u8>)> {
	// The file is generated and committed with the runtime; tests check that it decodes.
	Vec::<(loam_data::CircuitId, Vec<u8>)>::decode(&mut &DEV_CIRCUIT_KEYS[..]).unwrap_or_default()
}

/// Aura (sr25519) and GRANDPA (ed25519) keys of a well-known dev validator.
fn authority(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(AuraId::from(sr.public()), GrandpaId::from(ed.public()))
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// The `development` preset: Alice is the only validator.
pub fn development_config_genesis() -> Value {
	loam_genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave validate.
pub fn local_config_genesis() -> Value {
	loam_genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			authority(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON of a named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// Names of the presets this runtime ships.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
