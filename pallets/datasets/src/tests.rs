//! Tests of the registry: every call, its events, its errors (which change nothing), the
//! deposit's life and the lineage.

use crate::{
	mock::*, pallet::Datasets as DatasetsStore, validate, Commitment, DatasetId, Error, Event,
	HoldReason, Metadata, Metadatas, NextDatasetId, Pallet, SchemaBytes, Schemas, Status,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};
use loam_data::{commitment, field, Column, ColumnType, Fr, Schema};
use sp_runtime::Permill;

fn schema() -> Schema {
	Schema::new(vec![
		Column::new("x", ColumnType::Int64, true),
		Column::new("label", ColumnType::Category, false),
	])
	.unwrap()
}

/// A consistent commitment for `schema` with a Merkle root made from `seed`.
fn commitment_for(schema: &Schema, seed: u64, rows: u64, chunks: u32) -> Commitment {
	let merkle_root = Fr::from(seed);
	let schema_hash = schema.hash();
	Commitment {
		root: field::to_bytes(&commitment::dataset_root(merkle_root, chunks, rows, schema_hash)),
		merkle_root: field::to_bytes(&merkle_root),
		schema_hash: field::to_bytes(&schema_hash),
		rows,
		chunks,
		bytes: 1234,
	}
}

fn bounded<S: frame_support::traits::Get<u32>>(b: &[u8]) -> BoundedVec<u8, S> {
	b.to_vec().try_into().unwrap()
}

fn metadata(name: &str) -> Metadata<Test> {
	Metadata {
		name: bounded(name.as_bytes()),
		description: bounded(b"sensor readings with nulls"),
		tags: vec![bounded(b"sensors")].try_into().unwrap(),
		license: bounded(b"CC-BY-4.0"),
		endpoint: bounded(b"http://127.0.0.1:8700"),
	}
}

fn register(who: AccountId, parent: Option<DatasetId>, seed: u64) -> DatasetId {
	let s = schema();
	let c = commitment_for(&s, seed, 2000, 2);
	let id = NextDatasetId::<Test>::get();
	let origin = RuntimeOrigin::signed(who);
	let result = match parent {
		None => Datasets::register(
			origin,
			c,
			bounded(&s.encode()),
			metadata("sensors"),
			Permill::from_percent(5),
		),
		Some(p) => Datasets::register_version(
			origin,
			p,
			c,
			bounded(&s.encode()),
			metadata("sensors, clean"),
			Permill::from_percent(5),
		),
	};
	assert_ok!(result);
	id
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DatasetDeposit.into(), &who)
}

#[test]
fn register_stores_the_version_and_holds_its_deposit() {
	new_test_ext().execute_with(|| {
		let id = register(ALICE, None, 7);
		let d = DatasetsStore::<Test>::get(id).unwrap();
		assert_eq!((d.owner, d.parent, d.depth, d.status), (ALICE, None, 0, Status::Active));
		let expected = Pallet::<Test>::deposit_for(schema().encode().len(), &metadata("sensors"));
		assert_eq!(d.deposit, expected);
		assert!(expected > 100);
		assert_eq!(held(ALICE), expected);
		assert_eq!(Schemas::<Test>::get(id).unwrap().to_vec(), schema().encode());
		System::assert_last_event(
			Event::Registered {
				id,
				owner: ALICE,
				root: d.commitment.root,
				parent: None,
				deposit: expected,
			}
			.into(),
		);
	});
}

#[test]
fn bad_registrations_get_specific_errors_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let s = schema();
		let good = commitment_for(&s, 7, 2000, 2);
		let sb = || -> SchemaBytes<Test> { bounded(&s.encode()) };
		let reg = |c: Commitment, schema: SchemaBytes<Test>, m: Metadata<Test>, r: u32| {
			Datasets::register(RuntimeOrigin::signed(ALICE), c, schema, m, Permill::from_percent(r))
		};
		let mut trailing = s.encode();
		trailing.push(0);
		assert_noop!(reg(good, bounded(&trailing), metadata("a"), 1), Error::<Test>::InvalidSchema);
		assert_noop!(
			reg(good, bounded(&[1, 2, 3]), metadata("a"), 1),
			Error::<Test>::InvalidSchema
		);
		let other = Schema::new(vec![Column::new("y", ColumnType::Int64, true)]).unwrap();
		assert_noop!(
			reg(good, bounded(&other.encode()), metadata("a"), 1),
			Error::<Test>::SchemaHashMismatch
		);
		let wrong_root = Commitment { root: field::to_bytes(&Fr::from(1u64)), ..good };
		assert_noop!(reg(wrong_root, sb(), metadata("a"), 1), Error::<Test>::RootMismatch);
		let lying_rows = Commitment { rows: 2001, ..good };
		assert_noop!(reg(lying_rows, sb(), metadata("a"), 1), Error::<Test>::RootMismatch);
		let non_canonical = Commitment { merkle_root: [0xff; 32], ..good };
		assert_noop!(reg(non_canonical, sb(), metadata("a"), 1), Error::<Test>::NonCanonicalRoot);
		let too_many_rows = commitment_for(&s, 7, 3000, 2);
		assert_noop!(reg(too_many_rows, sb(), metadata("a"), 1), Error::<Test>::InvalidCounts);
		let no_chunks = commitment_for(&s, 7, 0, 0);
		assert_noop!(reg(no_chunks, sb(), metadata("a"), 1), Error::<Test>::InvalidCounts);
		let too_many_chunks = commitment_for(&s, 7, 0, 1025);
		assert_noop!(reg(too_many_chunks, sb(), metadata("a"), 1), Error::<Test>::InvalidCounts);
		assert_noop!(reg(good, sb(), metadata("a"), 51), Error::<Test>::RoyaltyTooHigh);
		assert_noop!(reg(good, sb(), metadata(""), 1), Error::<Test>::InvalidText);
		let mut m = metadata("a");
		m.license = bounded(b"not a license");
		assert_noop!(reg(good, sb(), m, 1), Error::<Test>::InvalidLicense);
		let mut m = metadata("a");
		m.endpoint = bounded(b"ftp://x");
		assert_noop!(reg(good, sb(), m, 1), Error::<Test>::InvalidEndpoint);
		let mut m = metadata("a");
		m.description = bounded(&[0xff, 0xfe]);
		assert_noop!(reg(good, sb(), m, 1), Error::<Test>::InvalidText);
		assert_noop!(
			Datasets::register(
				RuntimeOrigin::signed(POOR),
				good,
				sb(),
				metadata("a"),
				Permill::zero()
			),
			Error::<Test>::CannotHoldDeposit
		);
		assert_noop!(
			Datasets::register_version(
				RuntimeOrigin::signed(ALICE),
				99,
				good,
				sb(),
				metadata("a"),
				Permill::zero()
			),
			Error::<Test>::UnknownDataset
		);
		assert_eq!(NextDatasetId::<Test>::get(), 0);
	});
}

#[test]
fn lineage_is_queryable_both_ways_and_bounded() {
	new_test_ext().execute_with(|| {
		let root = register(ALICE, None, 1);
		let a = register(BOB, Some(root), 2);
		let b = register(BOB, Some(root), 3);
		let a1 = register(ALICE, Some(a), 4);
		assert_eq!(Pallet::<Test>::ancestors(a1), vec![a, root]);
		assert_eq!(Pallet::<Test>::children(root, 10), vec![a, b]);
		assert_eq!(Pallet::<Test>::children(root, 1).len(), 1);
		assert_eq!(Pallet::<Test>::children(a, 10), vec![a1]);
		assert!(Pallet::<Test>::descends_from(a1, root));
		assert!(!Pallet::<Test>::descends_from(b, a));
		assert_eq!(DatasetsStore::<Test>::get(a1).unwrap().depth, 2);
		// MaxLineageDepth = 4: depth 3 and 4 are allowed, depth 5 is not.
		let d3 = register(ALICE, Some(a1), 5);
		let d4 = register(ALICE, Some(d3), 6);
		assert_eq!(DatasetsStore::<Test>::get(d4).unwrap().depth, 4);
		let s = schema();
		assert_noop!(
			Datasets::register_version(
				RuntimeOrigin::signed(ALICE),
				d4,
				commitment_for(&s, 9, 10, 1),
				bounded(&s.encode()),
				metadata("too deep"),
				Permill::zero()
			),
			Error::<Test>::LineageTooDeep
		);
		assert_eq!(Pallet::<Test>::ancestors(d4), vec![d3, a1, a, root]);
	});
}

#[test]
fn owner_calls_and_their_errors() {
	new_test_ext().execute_with(|| {
		let id = register(ALICE, None, 1);
		let other = register(ALICE, None, 2);
		let deposit = held(ALICE);
		assert_noop!(
			Datasets::transfer_ownership(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Datasets::transfer_ownership(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::SameOwner
		);
		assert_ok!(Datasets::transfer_ownership(RuntimeOrigin::signed(ALICE), id, BOB));
		System::assert_last_event(Event::OwnershipTransferred { id, from: ALICE, to: BOB }.into());
		assert_eq!(DatasetsStore::<Test>::get(id).unwrap().owner, BOB);
		// The deposit stays with Alice until Bob changes the metadata.
		assert_eq!(held(ALICE), deposit);
		let id_deposit = DatasetsStore::<Test>::get(id).unwrap().deposit;
		let mut longer = metadata("sensors, now owned by Bob");
		longer.tags.try_push(bounded(b"more")).unwrap();
		assert_ok!(Datasets::update_metadata(RuntimeOrigin::signed(BOB), id, longer.clone()));
		let new_deposit = Pallet::<Test>::deposit_for(schema().encode().len(), &longer);
		assert_eq!(held(BOB), new_deposit);
		assert_eq!(held(ALICE), deposit - id_deposit);
		assert_ok!(Datasets::set_endpoint(
			RuntimeOrigin::signed(BOB),
			id,
			bounded(b"https://bob.example")
		));
		assert_eq!(Metadatas::<Test>::get(id).unwrap().endpoint.to_vec(), b"https://bob.example");
		assert_noop!(
			Datasets::set_endpoint(RuntimeOrigin::signed(BOB), id, bounded(b"bob.example")),
			Error::<Test>::InvalidEndpoint
		);
		assert_noop!(
			Datasets::deprecate(RuntimeOrigin::signed(BOB), id, Some(id)),
			Error::<Test>::InvalidReplacement
		);
		assert_noop!(
			Datasets::deprecate(RuntimeOrigin::signed(BOB), id, Some(77)),
			Error::<Test>::InvalidReplacement
		);
		assert_ok!(Datasets::deprecate(RuntimeOrigin::signed(BOB), id, Some(other)));
		assert_eq!(
			DatasetsStore::<Test>::get(id).unwrap().status,
			Status::Deprecated { by: Some(other) }
		);
		// Retiring releases the deposit and removes schema and metadata, once.
		// The shorter endpoint lowered the deposit; Bob holds exactly the current one.
		let current = DatasetsStore::<Test>::get(id).unwrap().deposit;
		assert!(current < new_deposit);
		assert_eq!(held(BOB), current);
		let before = Balances::free_balance(BOB);
		assert_ok!(Datasets::retire(RuntimeOrigin::signed(BOB), id));
		assert_eq!(held(BOB), 0);
		assert_eq!(Balances::free_balance(BOB), before + current);
		assert_eq!(Balances::free_balance(BOB), 1_000_000);
		assert!(Schemas::<Test>::get(id).is_none() && Metadatas::<Test>::get(id).is_none());
		System::assert_last_event(Event::Retired { id, released: current }.into());
		assert_noop!(Datasets::retire(RuntimeOrigin::signed(BOB), id), Error::<Test>::Retired);
		assert_noop!(
			Datasets::deprecate(RuntimeOrigin::signed(ALICE), other, Some(id)),
			Error::<Test>::InvalidReplacement
		);
		let s = schema();
		assert_noop!(
			Datasets::register_version(
				RuntimeOrigin::signed(ALICE),
				id,
				commitment_for(&s, 9, 10, 1),
				bounded(&s.encode()),
				metadata("child of retired"),
				Permill::zero()
			),
			Error::<Test>::Retired
		);
		// The record stays for lineage.
		assert_eq!(Pallet::<Test>::details(id).unwrap().dataset.status, Status::Retired);
	});
}

#[test]
fn validate_commitment_matches_loam_data() {
	let s = schema();
	let c = commitment_for(&s, 42, 1024, 1);
	assert_eq!(validate::commitment(&c, &s.encode(), 10), Ok(s.clone()));
	assert_eq!(
		validate::commitment(&c, &s.encode(), 0),
		Err(validate::CommitmentError::InvalidCounts)
	);
}
