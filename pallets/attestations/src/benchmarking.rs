//! FRAME benchmarks with a real proof (`fixtures/clamp.scale`, made by `loam-circuits`'
//! `attestation_fixture` example). `attest_chunks` is measured over `n` proofs on trees
//! of `2^MIN_DEPTH` identical chunks (one proof is valid at every index, and the trees
//! are built in a few hashes); `merkle_levels` weighs each level of the paths, and
//! `batch_verify` the verification alone.

use super::*;
use crate::pallet::Pallet as Attestations;
use alloc::{vec, vec::Vec};
use codec::{Decode, Encode};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use loam_data::{
	commitment::dataset_root,
	field,
	poseidon::{self, Domain, Tag},
	Column, ColumnType, Fr, Schema, Step,
};
use pallet_datasets::{BalanceOf, Commitment, DatasetId, Metadata};
use sp_runtime::{traits::Bounded, Permill};

/// `(schema, step, verifying_key, raw, clean, proof)`.
type Fixture = (Vec<u8>, Vec<u8>, Vec<u8>, [u8; 32], [u8; 32], Vec<u8>);

/// Depth of the trees in `attest_chunks`: 16 chunks, room for `MaxProofsPerCall` proofs.
const MIN_DEPTH: u32 = BENCHMARK_PATH_DEPTH;

fn fixture() -> Fixture {
	Fixture::decode(&mut &include_bytes!("../fixtures/clamp.scale")[..])
		.expect("the committed fixture decodes")
}

/// The fixture's compressed proof in the form calls carry.
fn uncompressed(compressed: &[u8]) -> Vec<u8> {
	let proof = loam_proof::parse_proof::<Curve>(compressed).expect("fixture proof");
	loam_proof::proof_bytes_uncompressed(&proof).to_vec()
}

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	<T as pallet_datasets::Config>::Currency::set_balance(
		&who,
		BalanceOf::<T>::max_value() / 4u32.into(),
	);
	who
}

fn metadata<T: Config>() -> Metadata<T> {
	Metadata {
		name: b"bench".to_vec().try_into().expect("short"),
		description: Default::default(),
		tags: Default::default(),
		license: b"MIT".to_vec().try_into().expect("short"),
		endpoint: b"http://127.0.0.1:1".to_vec().try_into().expect("short"),
	}
}

/// The root of `2^depth` copies of `leaf` and the (shared) path of any of them.
fn uniform_tree(leaf: Fr, depth: u32) -> (Fr, Vec<[u8; 32]>) {
	let mut acc = leaf;
	let mut path = Vec::new();
	for level in 1..=depth {
		path.push(field::to_bytes(&acc));
		acc = poseidon::hash(Tag::new(Domain::MerkleNode, level), &[acc, acc]);
	}
	(acc, path)
}

fn register<T: Config>(
	who: &T::AccountId,
	parent: Option<DatasetId>,
	schema: &Schema,
	leaf: [u8; 32],
	depth: u32,
) -> (DatasetId, Vec<[u8; 32]>) {
	let (root, path) = uniform_tree(field::from_bytes(&leaf).expect("canonical"), depth);
	let chunks = 1u32 << depth;
	let rows = u64::from(chunks);
	let h = schema.hash();
	let c = Commitment {
		root: field::to_bytes(&dataset_root(root, chunks, rows, h)),
		merkle_root: field::to_bytes(&root),
		schema_hash: field::to_bytes(&h),
		rows,
		chunks,
		bytes: rows * 64,
	};
	let id = pallet_datasets::Pallet::<T>::do_register(
		who.clone(),
		parent,
		c,
		schema.encode().try_into().expect("fits"),
		metadata::<T>(),
		Permill::zero(),
	)
	.expect("benchmark registration");
	(id, path)
}

/// A parent and a child of `2^depth` chunks, the key registered and a full attestation
/// begun: returns the cleaner, the child and one chunk proof for index 0's paths.
fn attesting<T: Config>(depth: u32) -> (T::AccountId, DatasetId, ChunkProof) {
	let (schema, step, vk, raw, clean, proof) = fixture();
	let schema = Schema::decode(&mut &schema[..]).expect("fixture schema");
	let step_v = Step::decode(&mut &step[..]).expect("fixture step");
	let (circuit, clean_schema) = step_v.circuit(&schema).expect("fixture step applies");
	Circuits::<T>::insert(circuit, Attestations::<T>::prepare_key(&vk).expect("fixture key"));
	let owner = funded::<T>("owner");
	let cleaner = funded::<T>("cleaner");
	let (parent, raw_path) = register::<T>(&owner, None, &schema, raw, depth);
	let (child, clean_path) = register::<T>(&cleaner, Some(parent), &clean_schema, clean, depth);
	Attestations::<T>::do_begin(
		cleaner.clone(),
		child,
		parent,
		step.try_into().expect("fits"),
		Mode::Full,
	)
	.expect("benchmark attestation begins");
	let p = ChunkProof {
		raw,
		raw_path: raw_path.try_into().expect("depth <= 20"),
		clean,
		clean_path: clean_path.try_into().expect("depth <= 20"),
		proof: uncompressed(&proof).try_into().expect("384 bytes"),
	};
	(cleaner, child, p)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_circuit() {
		let (_, step, vk, ..) = fixture();
		let step = Step::decode(&mut &step[..]).expect("fixture step");
		let circuit = CircuitId { step: step.kind(), width: 8, clean_width: 8 };
		let vk: BoundedVec<u8, _> = vk.try_into().expect("fits");
		#[extrinsic_call]
		_(RawOrigin::Root, circuit, vk);
		assert!(Circuits::<T>::contains_key(circuit));
	}

	/// The widest schema: 32 columns whose 64-byte names the clean schema hash covers.
	#[benchmark]
	fn begin_attestation() {
		let (.., vk, raw, clean, _) = fixture();
		let schema = Schema::new(
			(0..loam_data::MAX_COLUMNS)
				.map(|i| {
					let mut name = vec![b'c'; 64];
					name[0] = b'a' + (i % 26) as u8;
					name[1] = b'a' + (i / 26) as u8;
					Column { name, ty: ColumnType::Int64, nullable: true }
				})
				.collect(),
		)
		.expect("valid");
		let step = Step::Clamp { column: 31, lo: -5, hi: 5 };
		let (circuit, clean_schema) = step.circuit(&schema).expect("applies");
		Circuits::<T>::insert(circuit, Attestations::<T>::prepare_key(&vk).expect("fixture key"));
		let owner = funded::<T>("owner");
		let cleaner = funded::<T>("cleaner");
		let (parent, _) = register::<T>(&owner, None, &schema, raw, 4);
		let (child, _) = register::<T>(&cleaner, Some(parent), &clean_schema, clean, 4);
		let bytes: BoundedVec<u8, T::MaxStepBytes> = step.encode().try_into().expect("fits");
		#[extrinsic_call]
		_(RawOrigin::Signed(cleaner), child, parent, bytes, false);
		assert!(crate::Attestations::<T>::contains_key(child));
	}

	/// `n` proofs with the shortest paths; path levels are weighed by `merkle_levels`.
	#[benchmark]
	fn attest_chunks(n: Linear<1, { T::MaxProofsPerCall::get() }>) {
		let (cleaner, child, p) = attesting::<T>(MIN_DEPTH);
		let proofs: BoundedVec<ChunkProof, T::MaxProofsPerCall> =
			vec![p; n as usize].try_into().expect("n <= MaxProofsPerCall");
		#[extrinsic_call]
		_(RawOrigin::Signed(cleaner), child, 0, proofs);
		let total = 1u32 << MIN_DEPTH;
		let expected =
			if n == total { Status::Attested } else { Status::InProgress { done: n, total } };
		assert_eq!(crate::Attestations::<T>::get(child).map(|a| a.status), Some(expected));
	}

	/// One Merkle path of `l` levels checked: one Poseidon permutation a level.
	#[benchmark]
	fn merkle_levels(l: Linear<1, MAX_PATH_DEPTH>) {
		let (.., raw, _, _) = fixture();
		let leaf = field::from_bytes(&raw).expect("canonical");
		let (root, path) = uniform_tree(leaf, l);
		let path = loam_data::MerklePath { index: 0, siblings: path };
		let ok;
		#[block]
		{
			ok = path.verify(leaf, 1 << l, root);
		}
		assert_eq!(ok, Ok(true));
	}

	/// Batch verification alone, `n` real proofs: the figure to compare with native
	/// arkworks verification (`scripts/bench/attestations.sh`).
	#[benchmark]
	fn batch_verify(n: Linear<1, { T::MaxProofsPerCall::get() }>) {
		let (_, _, vk, raw, clean, proof) = fixture();
		let params_hash = {
			let (_, step, ..) = fixture();
			Step::decode(&mut &step[..]).expect("fixture step").params_hash()
		};
		let key_bytes = Attestations::<T>::prepare_key(&vk).expect("fixture key");
		let key = loam_proof::parse_prepared_key::<Curve>(&key_bytes).expect("prepared");
		let inputs = [
			field::from_bytes(&raw).expect("canonical"),
			field::from_bytes(&clean).expect("canonical"),
			params_hash,
		];
		let weights: Vec<u128> = (0..n).map(|i| (u128::from(i) << 64) | 0xdead_beef1).collect();
		let proof = uncompressed(&proof);
		let ok;
		#[block]
		{
			// Parsing is part of the cost: a call carries proofs as bytes.
			let batch: Vec<_> = (0..n)
				.map(|_| {
					let p = loam_proof::parse_proof_uncompressed::<Curve>(&proof);
					(p.expect("fixture proof"), inputs)
				})
				.collect();
			ok = loam_proof::batch_verify(&key, &batch, &weights);
		}
		assert_eq!(ok, Ok(true));
	}

	#[benchmark]
	fn cancel_attestation() {
		let (cleaner, child, _) = attesting::<T>(4);
		#[extrinsic_call]
		_(RawOrigin::Signed(cleaner), child);
		assert!(!crate::Attestations::<T>::contains_key(child));
	}

	impl_benchmark_test_suite!(Attestations, crate::mock::new_test_ext(), crate::mock::Test);
}
