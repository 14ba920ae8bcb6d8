//! Tests with real Groth16 proofs: full and sampled attestations succeed; every bad input
//! gets its specific error and changes nothing.

use crate::{
	mock::*, pallet::Attestations as AttestationsStore, sampling, ChunkProof, Circuits, Curve,
	Error, Event, Mode, Status,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, BoundedVec};
use loam_data::{field, CircuitId, Step};
use sp_runtime::DispatchError;

fn step_bytes(step: &Step) -> BoundedVec<u8, frame_support::traits::ConstU32<256>> {
	step.encode().try_into().unwrap()
}

fn circuit(step: &Step) -> CircuitId {
	step.circuit(&schema()).unwrap().0
}

fn with_key(step: &Step) {
	assert_ok!(Attestations::register_circuit(
		RuntimeOrigin::root(),
		circuit(step),
		vk_bytes(step)
	));
}

fn proofs(v: &[ChunkProof]) -> BoundedVec<ChunkProof, frame_support::traits::ConstU32<4>> {
	v.to_vec().try_into().unwrap()
}

fn status(child: u64) -> Status {
	AttestationsStore::<Test>::get(child).unwrap().status
}

#[test]
fn register_circuit_validates_and_prepares_the_key() {
	new_test_ext().execute_with(|| {
		let s = step();
		let vk = vk_bytes(&s);
		assert_noop!(
			Attestations::register_circuit(RuntimeOrigin::signed(ALICE), circuit(&s), vk.clone()),
			DispatchError::BadOrigin
		);
		let mut trailing = vk.to_vec();
		trailing.push(0);
		assert_noop!(
			Attestations::register_circuit(
				RuntimeOrigin::root(),
				circuit(&s),
				trailing.try_into().unwrap()
			),
			Error::<Test>::MalformedKey
		);
		assert_noop!(
			Attestations::register_circuit(
				RuntimeOrigin::root(),
				circuit(&s),
				vk[..100].to_vec().try_into().unwrap()
			),
			Error::<Test>::MalformedKey
		);
		// alpha_g1's x coordinate replaced by one with no point on the curve.
		let mut off_curve = vk.to_vec();
		let flags = off_curve[0] & 0xe0;
		let mut x = [0u8; 48];
		x[47] = 4;
		x[0] |= flags;
		off_curve[..48].copy_from_slice(&x);
		assert_noop!(
			Attestations::register_circuit(
				RuntimeOrigin::root(),
				circuit(&s),
				off_curve.try_into().unwrap()
			),
			Error::<Test>::InvalidKeyPoint
		);
		assert_ok!(Attestations::register_circuit(RuntimeOrigin::root(), circuit(&s), vk));
		let stored = Circuits::<Test>::get(circuit(&s)).unwrap();
		assert!(loam_proof::parse_prepared_key::<Curve>(&stored).is_ok());
		System::assert_last_event(Event::CircuitRegistered { circuit: circuit(&s) }.into());
	});
}

#[test]
fn a_full_attestation_over_two_calls() {
	new_test_ext().execute_with(|| {
		let s = step();
		with_key(&s);
		let f = fixture(&s);
		assert_ok!(Attestations::begin_attestation(
			RuntimeOrigin::signed(BOB),
			f.child,
			f.parent,
			step_bytes(&s),
			false
		));
		assert_eq!(status(f.child), Status::InProgress { done: 0, total: 3 });
		assert_eq!(Attestations::attested_cleaner(f.child), None);
		assert_ok!(Attestations::attest_chunks(
			RuntimeOrigin::signed(BOB),
			f.child,
			0,
			proofs(&f.proofs[..2])
		));
		assert_eq!(status(f.child), Status::InProgress { done: 2, total: 3 });
		System::assert_last_event(
			Event::ChunksAttested { child: f.child, done: 2, total: 3 }.into(),
		);
		assert_noop!(
			Attestations::attest_chunks(
				RuntimeOrigin::signed(BOB),
				f.child,
				0,
				proofs(&f.proofs[2..])
			),
			Error::<Test>::WrongPosition
		);
		assert_ok!(Attestations::attest_chunks(
			RuntimeOrigin::signed(BOB),
			f.child,
			2,
			proofs(&f.proofs[2..])
		));
		assert_eq!(status(f.child), Status::Attested);
		assert_eq!(Attestations::attested_cleaner(f.child), Some(BOB));
		System::assert_last_event(
			Event::Attested { child: f.child, parent: f.parent, cleaner: BOB, mode: Mode::Full }
				.into(),
		);
		// A second attestation of the same version.
		assert_noop!(
			Attestations::begin_attestation(
				RuntimeOrigin::signed(BOB),
				f.child,
				f.parent,
				step_bytes(&s),
				false
			),
			Error::<Test>::AlreadyAttested
		);
		assert_noop!(
			Attestations::attest_chunks(
				RuntimeOrigin::signed(BOB),
				f.child,
				3,
				proofs(&f.proofs[..1])
			),
			Error::<Test>::AlreadyAttested
		);
	});
}

#[test]
fn bad_proofs_are_refused_with_specific_errors() {
	new_test_ext().execute_with(|| {
		let s = step();
		with_key(&s);
		let f = fixture(&s);
		assert_ok!(Attestations::begin_attestation(
			RuntimeOrigin::signed(BOB),
			f.child,
			f.parent,
			step_bytes(&s),
			false
		));
		let attest = |v: Vec<ChunkProof>| {
			Attestations::attest_chunks(RuntimeOrigin::signed(BOB), f.child, 0, proofs(&v))
		};
		let p0 = f.proofs[0].clone();
		// A real proof of chunk 1 offered for chunk 0 (inputs of chunk 0): does not verify.
		let swapped = ChunkProof { proof: f.proofs[1].proof.clone(), ..p0.clone() };
		assert_noop!(attest(vec![swapped]), Error::<Test>::InvalidProof);
		// Inside a batch, one bad proof spoils it.
		let mut bad_second = f.proofs[..2].to_vec();
		bad_second[1].proof = f.proofs[0].proof.clone();
		assert_noop!(attest(bad_second), Error::<Test>::InvalidProof);
		// Tampered bytes: a flipped bit in B (the point decodes or it does not).
		let mut tampered = p0.clone();
		tampered.proof[100] ^= 1;
		let e = attest(vec![tampered]).unwrap_err();
		assert!(
			e == Error::<Test>::InvalidProofPoint.into() || e == Error::<Test>::InvalidProof.into(),
			"{e:?}"
		);
		// Trailing and missing bytes.
		let mut long = p0.clone();
		long.proof.try_push(0).unwrap();
		assert_noop!(attest(vec![long]), Error::<Test>::MalformedProof);
		let mut short = p0.clone();
		short.proof.pop();
		assert_noop!(attest(vec![short]), Error::<Test>::MalformedProof);
		// An x coordinate above the field modulus in A.
		let mut non_canonical = p0.clone();
		let flags = non_canonical.proof[0] & 0xe0;
		for b in non_canonical.proof[..48].iter_mut() {
			*b = 0xff;
		}
		non_canonical.proof[0] = 0x1f | flags;
		assert_noop!(attest(vec![non_canonical]), Error::<Test>::InvalidProofPoint);
		// Commitments that are not the roots' leaves, or not field elements.
		let wrong_leaf = ChunkProof { raw: f.proofs[1].raw, ..p0.clone() };
		assert_noop!(attest(vec![wrong_leaf]), Error::<Test>::RootMismatch);
		let wrong_path = ChunkProof { clean_path: f.proofs[1].clean_path.clone(), ..p0.clone() };
		assert_noop!(attest(vec![wrong_path]), Error::<Test>::RootMismatch);
		let short_path = ChunkProof { raw_path: Default::default(), ..p0.clone() };
		assert_noop!(attest(vec![short_path]), Error::<Test>::RootMismatch);
		let not_field = ChunkProof { raw: [0xff; 32], ..p0.clone() };
		assert_noop!(attest(vec![not_field]), Error::<Test>::NonCanonicalInput);
		// Counts and callers.
		assert_noop!(attest(vec![]), Error::<Test>::WrongProofCount);
		assert_noop!(
			Attestations::attest_chunks(
				RuntimeOrigin::signed(ALICE),
				f.child,
				0,
				proofs(&f.proofs)
			),
			Error::<Test>::NotCleaner
		);
		let mut four = f.proofs.clone();
		four.push(f.proofs[0].clone());
		assert_noop!(attest(four), Error::<Test>::WrongProofCount);
		assert_noop!(
			Attestations::attest_chunks(RuntimeOrigin::signed(BOB), 99, 0, proofs(&f.proofs)),
			Error::<Test>::NoAttestation
		);
		// And the honest proofs still go through after all that.
		assert_ok!(attest(f.proofs.clone()));
		assert_eq!(status(f.child), Status::Attested);
	});
}

#[test]
fn begin_refuses_what_is_not_a_proved_step_of_the_parent() {
	new_test_ext().execute_with(|| {
		let s = step();
		let f = fixture(&s);
		let begin = |who, child, parent, bytes: Vec<u8>| {
			Attestations::begin_attestation(
				RuntimeOrigin::signed(who),
				child,
				parent,
				bytes.try_into().unwrap(),
				false,
			)
		};
		// No key registered yet: an unknown step.
		assert_noop!(begin(BOB, f.child, f.parent, s.encode()), Error::<Test>::UnknownStep);
		with_key(&s);
		assert_noop!(begin(BOB, f.child, f.child, s.encode()), Error::<Test>::WrongParent);
		assert_noop!(begin(ALICE, f.parent, f.parent, s.encode()), Error::<Test>::NotAChild);
		assert_noop!(begin(ALICE, f.child, f.parent, s.encode()), Error::<Test>::NotOwner);
		assert_noop!(begin(BOB, 42, f.parent, s.encode()), Error::<Test>::UnknownDataset);
		let mut trailing = s.encode();
		trailing.push(0);
		assert_noop!(begin(BOB, f.child, f.parent, trailing), Error::<Test>::MalformedStep);
		assert_noop!(begin(BOB, f.child, f.parent, vec![99]), Error::<Test>::MalformedStep);
		let out_of_range = Step::Clamp { column: 7, lo: 0, hi: 1 };
		assert_noop!(
			begin(BOB, f.child, f.parent, out_of_range.encode()),
			Error::<Test>::StepNotApplicable
		);
		// Other parameters than the child was made with: its schema still matches (clamp
		// keeps the schema), so begin succeeds, but the proofs cannot verify.
		let other = Step::Clamp { column: 0, lo: -10, hi: 99 };
		assert_ok!(begin(BOB, f.child, f.parent, other.encode()));
		assert_noop!(
			Attestations::attest_chunks(RuntimeOrigin::signed(BOB), f.child, 0, proofs(&f.proofs)),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			begin(BOB, f.child, f.parent, s.encode()),
			Error::<Test>::AttestationInProgress
		);
		assert_ok!(Attestations::cancel_attestation(RuntimeOrigin::signed(BOB), f.child));
		// A step whose clean schema is not the child's.
		let drop = Step::DropColumns { columns: vec![1] };
		let drop_id = circuit(&drop);
		Circuits::<Test>::insert(drop_id, Circuits::<Test>::get(circuit(&s)).unwrap());
		assert_noop!(begin(BOB, f.child, f.parent, drop.encode()), Error::<Test>::SchemaMismatch);
		assert_ok!(begin(BOB, f.child, f.parent, s.encode()));
	});
}

#[test]
fn a_sampled_attestation_proves_the_drawn_chunks() {
	new_test_ext().execute_with(|| {
		let s = step();
		with_key(&s);
		let f = fixture(&s);
		assert_ok!(Attestations::begin_attestation(
			RuntimeOrigin::signed(BOB),
			f.child,
			f.parent,
			step_bytes(&s),
			true
		));
		let a = AttestationsStore::<Test>::get(f.child).unwrap();
		let sample = a.sample.clone().unwrap();
		assert_eq!((sample.k, sample.seed_block), (2, 4));
		assert_eq!(a.status, Status::InProgress { done: 0, total: 2 });
		// 2 of 3 chunks: one bad chunk (any share of 3 chunks rounds up to one) is caught
		// with probability 2/3.
		assert_eq!(
			sample.detection[2].caught,
			sampling::caught(3, 2, sp_runtime::Percent::from_percent(10))
		);
		assert!(sample.detection[2].caught > sp_runtime::Perbill::from_percent(66));
		assert_noop!(
			Attestations::attest_chunks(
				RuntimeOrigin::signed(BOB),
				f.child,
				0,
				proofs(&f.proofs[..1])
			),
			Error::<Test>::SampleNotReady
		);
		System::set_block_number(5);
		let seed = sp_core::H256::repeat_byte(9);
		frame_system::BlockHash::<Test>::insert(4, seed);
		// Once the seed exists, the sample can no longer be abandoned.
		assert_noop!(
			Attestations::cancel_attestation(RuntimeOrigin::signed(BOB), f.child),
			Error::<Test>::SampleDrawn
		);
		let drawn = sampling::draw(seed.as_ref(), f.child, 3, 2);
		let for_drawn: Vec<ChunkProof> =
			drawn.iter().map(|&i| f.proofs[i as usize].clone()).collect();
		// Proofs of chunks other than the drawn ones fail their paths.
		let undrawn = (0..3u32).find(|i| !drawn.contains(i)).unwrap();
		assert_noop!(
			Attestations::attest_chunks(
				RuntimeOrigin::signed(BOB),
				f.child,
				0,
				proofs(&[f.proofs[undrawn as usize].clone()])
			),
			Error::<Test>::RootMismatch
		);
		assert_ok!(Attestations::attest_chunks(
			RuntimeOrigin::signed(BOB),
			f.child,
			0,
			proofs(&for_drawn)
		));
		let a = AttestationsStore::<Test>::get(f.child).unwrap();
		assert_eq!(a.status, Status::Attested);
		assert_eq!(a.sample.unwrap().indices.to_vec(), drawn);
		System::assert_has_event(Event::SampleDrawn { child: f.child, indices: drawn }.into());
	});
}

#[test]
fn a_sampled_attestation_whose_seed_is_gone_expires() {
	new_test_ext().execute_with(|| {
		let s = step();
		with_key(&s);
		let f = fixture(&s);
		assert_ok!(Attestations::begin_attestation(
			RuntimeOrigin::signed(BOB),
			f.child,
			f.parent,
			step_bytes(&s),
			true
		));
		System::set_block_number(5000);
		assert_ok!(Attestations::attest_chunks(
			RuntimeOrigin::signed(BOB),
			f.child,
			0,
			proofs(&f.proofs[..1])
		));
		assert_eq!(status(f.child), Status::Expired);
		assert_noop!(
			Attestations::attest_chunks(
				RuntimeOrigin::signed(BOB),
				f.child,
				0,
				proofs(&f.proofs[..1])
			),
			Error::<Test>::SampleExpired
		);
		assert_noop!(
			Attestations::begin_attestation(
				RuntimeOrigin::signed(BOB),
				f.child,
				f.parent,
				step_bytes(&s),
				false
			),
			Error::<Test>::AlreadyAttested
		);
	});
}

#[test]
fn batch_weights_depend_on_block_and_call() {
	let a = crate::features::attest_weights_for_tests(&[1; 32], &[2; 32], 3);
	assert_eq!(a.len(), 3);
	assert!(a.iter().all(|w| w & 1 == 1));
	assert_ne!(a, crate::features::attest_weights_for_tests(&[1; 32], &[3; 32], 3));
	assert_ne!(a, crate::features::attest_weights_for_tests(&[4; 32], &[2; 32], 3));
	let _ = field::to_bytes(&loam_data::Fr::from(1u64));
}
