//! Unit tests of the runtime: genesis presets, a balance transfer, the metadata.

use crate::{
	genesis, AccountId, Balances, BuildStorage, Runtime, RuntimeEvent, RuntimeGenesisConfig,
	RuntimeOrigin, System, UNIT,
};
use codec::Decode;
use frame_support::{__private::metadata as fm, assert_noop, assert_ok};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;

/// Applies a genesis patch onto the default configuration, as the node's chain-spec
/// builder does: objects merge key by key, everything else is replaced.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The full genesis configuration of a named preset.
fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let patch = genesis::get_preset(&name.into()).unwrap_or_else(|| panic!("preset {name}"));
	let patch: Value = serde_json::from_slice(&patch).expect("preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("default");
	merge(&mut config, patch);
	serde_json::from_value(config).expect("preset patch fits RuntimeGenesisConfig")
}

fn ext(name: &str) -> sp_io::TestExternalities {
	let storage = preset_config(name).build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

#[test]
fn preset_names_are_the_documented_ones() {
	assert_eq!(genesis::preset_names(), ["development", "local_testnet"]);
	assert!(genesis::get_preset(&"no_such_preset".into()).is_none());
}

#[test]
fn development_preset_builds_with_alice_as_sole_validator() {
	ext("development").execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(aura.len(), 1);
		assert_eq!(aura[0], Sr25519Keyring::Alice.public().into());
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(account(Sr25519Keyring::Alice)));
		assert_eq!(Balances::free_balance(account(Sr25519Keyring::Bob)), genesis::ENDOWMENT);
	});
}

#[test]
fn local_testnet_preset_builds_with_four_validators() {
	ext("local_testnet").execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let expected: Vec<_> = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]
		.iter()
		.map(|k| k.public().into())
		.collect();
		assert_eq!(aura.into_inner(), expected);
		let grandpa = pallet_grandpa::Pallet::<Runtime>::grandpa_authorities();
		assert_eq!(grandpa.len(), 4);
		assert!(grandpa.iter().all(|(_, weight)| *weight == 1));
		assert_eq!(Balances::free_balance(account(Sr25519Keyring::Ferdie)), genesis::ENDOWMENT);
	});
}

#[test]
fn a_transfer_moves_funds_and_emits_an_event() {
	ext("development").execute_with(|| {
		let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
		let issuance = Balances::total_issuance();
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(alice.clone()),
			bob.clone().into(),
			5 * UNIT
		));
		assert_eq!(Balances::free_balance(&alice), genesis::ENDOWMENT - 5 * UNIT);
		assert_eq!(Balances::free_balance(&bob), genesis::ENDOWMENT + 5 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance);
		System::assert_has_event(RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: alice.clone(),
			to: bob.clone(),
			amount: 5 * UNIT,
		}));
		// More than Alice has: rejected, nothing moves.
		assert_noop!(
			Balances::transfer_allow_death(
				RuntimeOrigin::signed(alice),
				bob.into(),
				genesis::ENDOWMENT
			),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

fn metadata(version: u32) -> fm::RuntimeMetadata {
	let bytes = Runtime::metadata_at_version(version)
		.unwrap_or_else(|| panic!("metadata V{version} is served"));
	let prefixed = fm::RuntimeMetadataPrefixed::decode(&mut &bytes[..]).expect("decodes");
	prefixed.1
}

#[test]
fn metadata_v14_to_v16_are_served_with_check_metadata_hash() {
	let versions = Runtime::metadata_versions();
	for v in [14, 15, 16] {
		assert!(versions.contains(&v), "metadata V{v} missing from {versions:?}");
	}
	let v14: Vec<String> = match metadata(14) {
		fm::RuntimeMetadata::V14(m) => {
			m.extrinsic.signed_extensions.into_iter().map(|e| e.identifier).collect()
		}
		other => panic!("expected V14, got V{}", other.version()),
	};
	let v15: Vec<String> = match metadata(15) {
		fm::RuntimeMetadata::V15(m) => {
			m.extrinsic.signed_extensions.into_iter().map(|e| e.identifier).collect()
		}
		other => panic!("expected V15, got V{}", other.version()),
	};
	let v16: Vec<String> = match metadata(16) {
		fm::RuntimeMetadata::V16(m) => {
			m.extrinsic.transaction_extensions.into_iter().map(|e| e.identifier).collect()
		}
		other => panic!("expected V16, got V{}", other.version()),
	};
	for ids in [&v14, &v15, &v16] {
		assert_eq!(ids.last().map(String::as_str), Some("CheckMetadataHash"), "{ids:?}");
		assert!(ids.iter().any(|i| i == "ChargeTransactionPayment"));
	}
}

#[test]
fn chain_constants_are_the_documented_ones() {
	assert_eq!(crate::TOKEN_SYMBOL, "LOAM");
	assert_eq!(crate::TOKEN_DECIMALS, 12);
	assert_eq!(UNIT, 10u128.pow(crate::TOKEN_DECIMALS as u32));
	assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), crate::SS58_PREFIX);
}

#[test]
fn both_presets_register_a_verifying_key_for_every_step() {
	let keys = genesis::dev_circuit_keys();
	for step in loam_data::StepKind::ALL {
		assert!(keys.iter().any(|(id, _)| id.step == step && id.width == 8), "{step:?}");
	}
	for preset in ["development", "local_testnet"] {
		ext(preset).execute_with(|| {
			for (id, _) in &keys {
				let stored = pallet_attestations::Circuits::<Runtime>::get(id)
					.unwrap_or_else(|| panic!("{preset}: no key for {id:?}"));
				assert!(
					loam_proof::parse_prepared_key::<pallet_attestations::Curve>(&stored).is_ok()
				);
			}
		});
	}
}

#[test]
fn presets_create_the_dev_stablecoin_and_the_market_accounts() {
	use crate::configs::{MarketPalletId, TreasuryAccount, DEV_STABLECOIN};
	use frame_support::traits::fungibles::{metadata::Inspect as _, Inspect};
	use sp_runtime::traits::AccountIdConversion;
	for preset in ["development", "local_testnet"] {
		ext(preset).execute_with(|| {
			assert!(crate::Assets::asset_exists(DEV_STABLECOIN));
			assert_eq!(crate::Assets::symbol(DEV_STABLECOIN), b"dUSD".to_vec());
			assert_eq!(crate::Assets::decimals(DEV_STABLECOIN), genesis::STABLECOIN_DECIMALS);
			for k in Sr25519Keyring::well_known() {
				assert_eq!(
					crate::Assets::balance(DEV_STABLECOIN, account(k)),
					genesis::STABLECOIN_ENDOWMENT
				);
			}
			// The treasury and the scorers' pool exist, so small shares can be paid to them.
			let pool: AccountId = MarketPalletId::get().into_account_truncating();
			assert!(System::account_exists(&TreasuryAccount::get()));
			assert!(System::account_exists(&pool));
			assert_eq!(pool, crate::Market::scorers_pool());
		});
	}
}

#[test]
fn a_sale_in_the_runtime_pays_the_configured_shares() {
	use crate::Datasets;
	use crate::{configs::TreasuryAccount, Market};
	use pallet_market::Access;
	use sp_runtime::Permill;
	ext("development").execute_with(|| {
		let (alice, bob, charlie) = (
			account(Sr25519Keyring::Alice),
			account(Sr25519Keyring::Bob),
			account(Sr25519Keyring::Charlie),
		);
		// Alice's raw version (10 % royalty) and Bob's child of it, written directly: the
		// registry's checks have their own tests.
		let raw = Datasets::insert_unchecked(alice.clone(), None, Permill::from_percent(10));
		let child = Datasets::insert_unchecked(bob.clone(), Some(raw), Permill::zero());
		let price = 1_000 * UNIT;
		assert_ok!(Market::create_offer(
			RuntimeOrigin::signed(bob.clone()),
			child,
			pallet_market::AssetKindOf::<crate::Runtime>::Native,
			price,
			Access::Forever,
			None,
			None
		));
		let before = |a: &AccountId| Balances::free_balance(a);
		let (a0, b0, c0, t0, p0) = (
			before(&alice),
			before(&bob),
			before(&charlie),
			before(&TreasuryAccount::get()),
			before(&Market::scorers_pool()),
		);
		assert_ok!(Market::purchase(RuntimeOrigin::signed(charlie.clone()), child, 0, price));
		// The first purchase also holds the grant deposit.
		assert_eq!(
			c0 - Balances::free_balance(&charlie),
			price + crate::configs::GrantDeposit::get()
		);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()) - t0, price / 100);
		assert_eq!(Balances::free_balance(Market::scorers_pool()) - p0, price * 4 / 100);
		assert_eq!(Balances::free_balance(&alice) - a0, price / 10);
		assert_eq!(Balances::free_balance(&bob) - b0, price * 85 / 100);
		assert!(Market::has_access(&charlie, child));
	});
}
