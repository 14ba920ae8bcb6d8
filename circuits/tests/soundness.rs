//! Every step: an honest chunk proves and verifies; a wrong clean chunk (a changed cell,
//! a dropped, reordered or extra row, other parameters) has no satisfying witness, and a
//! proof forced out of it does not verify. Malformed keys, proofs and inputs are errors.

use ark_bls12_381::{Fq, G1Affine};
use ark_ff::One;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use loam_circuits::{
	circuit::{PublicInputs, Shape, StepCircuit},
	insecure_dev_setup,
	keys::{self, Keys},
	native, prover, verifier,
};
use loam_data::{
	chunk::CellMatrix, field, step::StepKind, Chunk, Column, ColumnData, ColumnType, Fr, Schema,
	Step, Value,
};
use std::sync::OnceLock;

const CAPACITY: usize = 6;

fn schema() -> Schema {
	Schema::new(vec![
		Column::new("a", ColumnType::Int64, true),
		Column::new("b", ColumnType::Decimal { scale: 2 }, true),
		Column::new("ok", ColumnType::Bool, true),
		Column::new("t", ColumnType::Utf8, true),
		Column::new("k", ColumnType::Category, true),
	])
	.unwrap()
}

/// Five rows with nulls, an outlier and a duplicate (rows 1 and 4).
fn raw_chunk() -> Chunk {
	let t = |s: &str| Some(s.as_bytes().to_vec());
	Chunk {
		columns: vec![
			ColumnData::Int64(vec![Some(5), Some(-3), None, Some(1_000_000), Some(-3)]),
			ColumnData::Decimal(vec![Some(150), None, Some(-20), Some(7), None]),
			ColumnData::Bool(vec![Some(true), Some(false), None, Some(true), Some(false)]),
			ColumnData::Utf8(vec![t("x"), t("y"), None, t("z"), t("y")]),
			ColumnData::Category(vec![t("c1"), t("c2"), t("c1"), None, t("c2")]),
		],
	}
}

fn steps() -> Vec<Step> {
	vec![
		Step::DropNulls { columns: vec![0, 1] },
		Step::FilterRange { column: 0, lo: -5, hi: 100 },
		Step::Clamp { column: 0, lo: -1, hi: 10 },
		Step::FillNull { column: 1, value: Value::Decimal(999) },
		Step::Dedup,
		Step::DropColumns { columns: vec![1, 3] },
	]
}

fn shape(step: &Step) -> Shape {
	let s = schema();
	Shape {
		kind: step.kind(),
		capacity: CAPACITY,
		width: s.width_class(),
		clean_width: step.validate(&s).unwrap().width_class(),
	}
}

fn keys_for(kind: StepKind) -> &'static Keys {
	static KEYS: OnceLock<Vec<Keys>> = OnceLock::new();
	let all = KEYS.get_or_init(|| {
		steps().iter().map(|s| insecure_dev_setup(shape(s), b"soundness tests").unwrap()).collect()
	});
	all.iter().find(|k| k.shape.kind == kind).unwrap()
}

fn raw_cells() -> CellMatrix {
	raw_chunk().cells(&schema())
}

fn satisfied(c: StepCircuit) -> bool {
	let cs = ConstraintSystem::<Fr>::new_ref();
	match c.generate_constraints(cs.clone()) {
		Ok(()) => cs.is_satisfied().unwrap_or(false),
		Err(_) => false,
	}
}

/// A wrong claim: no satisfying witness, and a proof forced from it does not verify.
fn assert_refused(step: &Step, wrong: StepCircuit, why: &str) {
	let public = wrong.public;
	assert!(!satisfied(wrong.clone()), "{step:?}: {why}: constraints satisfied");
	let keys = keys_for(step.kind());
	if let Ok(proof) = prover::prove_circuit(keys, wrong) {
		let pvk = verifier::prepare(&keys.vk);
		assert_eq!(
			verifier::verify(&pvk, &public, &proof).ok(),
			Some(false),
			"{step:?}: {why}: verified"
		);
	}
}

fn with_rows(m: &CellMatrix, rows: Vec<Vec<Fr>>) -> CellMatrix {
	CellMatrix { width: m.width, rows: rows.len(), cells: rows.concat() }
}

fn rows_of(m: &CellMatrix) -> Vec<Vec<Fr>> {
	(0..m.rows).map(|r| m.row(r).to_vec()).collect()
}

#[test]
fn native_steps_on_chunks_and_on_cells_agree() {
	let s = schema();
	for step in steps() {
		let clean = native::apply(&step, &s, &raw_chunk()).unwrap();
		let clean_schema = step.validate(&s).unwrap();
		let expect = native::apply_cells(&step, &raw_cells(), clean_schema.width_class());
		assert_eq!(clean.cells(&clean_schema), expect, "{step:?}");
	}
	// Spot checks of the semantics.
	let rows = |step: Step| native::apply(&step, &s, &raw_chunk()).unwrap().rows();
	assert_eq!(rows(Step::DropNulls { columns: vec![0, 1] }), 2);
	assert_eq!(rows(Step::FilterRange { column: 0, lo: -5, hi: 100 }), 3);
	assert_eq!(rows(Step::Dedup), 4);
	let clamped =
		native::apply(&Step::Clamp { column: 0, lo: -1, hi: 10 }, &s, &raw_chunk()).unwrap();
	assert_eq!(
		clamped.columns[0],
		ColumnData::Int64(vec![Some(5), Some(-1), None, Some(10), Some(-1)])
	);
}

#[test]
fn honest_chunks_prove_and_verify_for_every_step() {
	let s = schema();
	for step in steps() {
		let keys = keys_for(step.kind());
		let circuit = StepCircuit::new(keys.shape, &step, raw_cells());
		assert!(satisfied(circuit.clone()), "{step:?}");
		let public = circuit.public;
		let proof = prover::prove_circuit(keys, circuit).unwrap();
		let pvk = verifier::prepare(&keys.vk);
		assert!(verifier::verify(&pvk, &public, &proof).unwrap(), "{step:?}");
		// The same proof with another clean commitment or parameter hash fails.
		let other = PublicInputs { clean: public.clean + Fr::one(), ..public };
		assert!(!verifier::verify(&pvk, &other, &proof).unwrap());
		let other =
			PublicInputs { params_hash: Step::Dedup.params_hash() + public.params_hash, ..public };
		assert!(!verifier::verify(&pvk, &other, &proof).unwrap());
		// The clean chunk the native step returns commits to the proved clean commitment.
		let clean_schema = step.validate(&s).unwrap();
		let clean = native::apply(&step, &s, &raw_chunk()).unwrap();
		let c = loam_data::commitment::commit_cells(&clean.cells(&clean_schema), CAPACITY);
		assert_eq!(c, public.clean, "{step:?}");
	}
}

#[test]
fn a_partial_chunk_and_an_empty_chunk_prove() {
	for step in steps() {
		let keys = keys_for(step.kind());
		let pvk = verifier::prepare(&keys.vk);
		for rows in [0usize, 1, CAPACITY] {
			let raw = raw_chunk();
			let mut all: Vec<usize> = (0..raw.rows()).collect();
			all.extend(0..raw.rows());
			all.truncate(rows);
			let cells = raw.select_rows(&all).cells(&schema());
			let circuit = StepCircuit::new(keys.shape, &step, cells);
			let public = circuit.public;
			let proof = prover::prove_circuit(keys, circuit).unwrap();
			assert!(verifier::verify(&pvk, &public, &proof).unwrap(), "{step:?} with {rows} rows");
		}
	}
}

#[test]
fn wrong_clean_chunks_are_refused_for_every_step() {
	for step in steps() {
		let sh = shape(&step);
		let raw = raw_cells();
		let honest = native::apply_cells(&step, &raw, sh.clean_width);
		let rows = rows_of(&honest);
		assert!(rows.len() >= 2, "{step:?} keeps too few rows for this test");

		let mut changed = rows.clone();
		changed[0][0] += Fr::one();
		assert_refused(
			&step,
			StepCircuit::with_clean(sh, &step, raw.clone(), with_rows(&honest, changed)),
			"changed cell",
		);

		let mut dropped = rows.clone();
		dropped.remove(1);
		assert_refused(
			&step,
			StepCircuit::with_clean(sh, &step, raw.clone(), with_rows(&honest, dropped)),
			"dropped row",
		);

		let mut swapped = rows.clone();
		swapped.swap(0, 1);
		assert_refused(
			&step,
			StepCircuit::with_clean(sh, &step, raw.clone(), with_rows(&honest, swapped)),
			"reordered rows",
		);

		let mut extra = rows.clone();
		extra.push(rows[0].clone());
		assert_refused(
			&step,
			StepCircuit::with_clean(sh, &step, raw.clone(), with_rows(&honest, extra)),
			"extra row",
		);

		// The honest clean chunk, claimed under other parameters of the same step.
		let other = match &step {
			Step::DropNulls { .. } => Step::DropNulls { columns: vec![2] },
			Step::FilterRange { column, lo, .. } => {
				Step::FilterRange { column: *column, lo: *lo, hi: 3 }
			}
			Step::Clamp { column, lo, .. } => Step::Clamp { column: *column, lo: *lo, hi: 2 },
			Step::FillNull { column, .. } => {
				Step::FillNull { column: *column, value: Value::Decimal(1) }
			}
			Step::Dedup => continue,
			Step::DropColumns { .. } => Step::DropColumns { columns: vec![1, 4] },
		};
		assert_ne!(native::apply_cells(&other, &raw, sh.clean_width), honest);
		assert_refused(
			&step,
			StepCircuit::with_clean(sh, &other, raw.clone(), honest.clone()),
			"other parameters",
		);
	}
}

#[test]
fn dedup_cannot_keep_a_duplicate_or_drop_a_first_occurrence() {
	let step = Step::Dedup;
	let sh = shape(&step);
	let raw = raw_cells();
	// Keeping the duplicate row 4 as well: the clean chunk is the raw chunk.
	assert_refused(
		&step,
		StepCircuit::with_clean(sh, &step, raw.clone(), raw.clone()),
		"kept a duplicate",
	);
	// Keeping the later copy instead of the first: rows 0, 2, 3, 4.
	let later = with_rows(&raw, [0, 2, 3, 4].iter().map(|&r| raw.row(r).to_vec()).collect());
	assert_refused(
		&step,
		StepCircuit::with_clean(sh, &step, raw.clone(), later),
		"kept the later copy",
	);
}

#[test]
fn wider_schemas_prove_in_their_width_class() {
	// 12 columns: class 16; dropping 5 of them: a clean class of 8.
	let schema = Schema::new(
		(0..12).map(|i| Column::new(&format!("c{i}"), ColumnType::Int64, true)).collect(),
	)
	.unwrap();
	let chunk = Chunk {
		columns: (0..12)
			.map(|c| ColumnData::Int64(vec![Some(c), None, Some(-c), Some(c)]))
			.collect(),
	};
	for step in [
		Step::DropColumns { columns: vec![0, 2, 4, 6, 8] },
		Step::Dedup,
		Step::FillNull { column: 11, value: Value::Int64(0) },
	] {
		let clean_schema = step.validate(&schema).unwrap();
		let sh = Shape {
			kind: step.kind(),
			capacity: 4,
			width: schema.width_class(),
			clean_width: clean_schema.width_class(),
		};
		assert_eq!(sh.width, 16);
		let keys = insecure_dev_setup(sh, b"wide").unwrap();
		let out = prover::prove_chunk(&keys, &step, &schema, &chunk).unwrap();
		assert!(
			verifier::verify(&verifier::prepare(&keys.vk), &out.public, &out.proof).unwrap(),
			"{step:?}"
		);
		let c = loam_data::commitment::commit_cells(&out.clean.cells(&clean_schema), 4);
		assert_eq!(c, out.public.clean);
	}
	assert_eq!(
		shape_of(&Step::DropColumns { columns: vec![0, 2, 4, 6, 8] }, &schema).clean_width,
		8
	);
}

fn shape_of(step: &Step, schema: &Schema) -> Shape {
	prover::shape_for(step, schema).unwrap()
}

#[test]
fn keys_and_proofs_round_trip_and_malformed_bytes_are_errors() {
	let step = Step::Clamp { column: 0, lo: -1, hi: 10 };
	let keys = keys_for(step.kind());
	let circuit = StepCircuit::new(keys.shape, &step, raw_cells());
	let public = circuit.public;
	let proof = prover::prove_circuit(keys, circuit).unwrap();
	let proof_bytes = keys::proof_bytes(&proof);
	let vk_bytes = keys::verifying_key_bytes(&keys.vk);
	let inputs = [
		field::to_bytes(&public.raw),
		field::to_bytes(&public.clean),
		field::to_bytes(&public.params_hash),
	];
	let refs = [&inputs[0], &inputs[1], &inputs[2]];
	assert!(verifier::verify_bytes(&vk_bytes, refs, &proof_bytes).unwrap());
	assert_eq!(keys::parse_verifying_key(&vk_bytes).unwrap(), keys.vk);

	// Proof: short, long, a flipped bit (off the curve or another point), all zero.
	assert!(verifier::verify_bytes(&vk_bytes, refs, &proof_bytes[..191]).is_err());
	let mut long = proof_bytes.to_vec();
	long.push(0);
	assert!(verifier::verify_bytes(&vk_bytes, refs, &long).is_err());
	for byte in [0usize, 10, 47, 48, 100, 143, 144, 191] {
		let mut bent = proof_bytes;
		bent[byte] ^= 0x01;
		assert_ne!(verifier::verify_bytes(&vk_bytes, refs, &bent).ok(), Some(true), "byte {byte}");
	}
	// Point A (bytes 0..48, big-endian x with flags in the top bits of byte 0):
	let with_a = |a: [u8; 48]| {
		let mut p = proof_bytes;
		p[..48].copy_from_slice(&a);
		p
	};
	let mut infinity = [0u8; 48];
	infinity.copy_from_slice(&proof_bytes[..48]);
	infinity[0] |= 0x40; // the infinity flag on a non-zero x
	assert!(keys::parse_proof(&with_a(infinity)).is_err());
	let mut uncompressed = [0u8; 48];
	uncompressed.copy_from_slice(&proof_bytes[..48]);
	uncompressed[0] &= 0x7f; // the compression flag cleared
	assert!(keys::parse_proof(&with_a(uncompressed)).is_err());
	let mut big_x = [0xffu8; 48];
	big_x[0] = 0x9f; // compressed, x above the base field modulus
	assert!(keys::parse_proof(&with_a(big_x)).is_err());
	let encode_x = |x: u64| {
		let mut a = [0u8; 48];
		a[40..].copy_from_slice(&x.to_be_bytes());
		a[0] |= 0x80;
		a
	};
	let point = |x: u64| G1Affine::get_point_from_x_unchecked(Fq::from(x), false);
	let off_curve = (1u64..).find(|&x| point(x).is_none()).unwrap();
	assert!(
		keys::parse_proof(&with_a(encode_x(off_curve))).is_err(),
		"x = {off_curve} is off the curve"
	);
	let off_subgroup = (1u64..)
		.find(|&x| point(x).is_some_and(|p| !p.is_in_correct_subgroup_assuming_on_curve()))
		.unwrap();
	assert!(
		keys::parse_proof(&with_a(encode_x(off_subgroup))).is_err(),
		"x = {off_subgroup} is outside the subgroup"
	);

	// Verifying key: trailing bytes, truncated, another shape's key.
	let mut vk_long = vk_bytes.clone();
	vk_long.push(7);
	assert!(keys::parse_verifying_key(&vk_long).is_err());
	assert!(keys::parse_verifying_key(&vk_bytes[..vk_bytes.len() - 1]).is_err());
	let other = keys::verifying_key_bytes(&keys_for(StepKind::Dedup).vk);
	assert_eq!(verifier::verify_bytes(&other, refs, &proof_bytes).ok(), Some(false));

	// A public input at or above the modulus.
	let over = [0xffu8; 32];
	assert!(verifier::verify_bytes(&vk_bytes, [&over, refs[1], refs[2]], &proof_bytes).is_err());

	// Proving keys round-trip.
	let pk = keys::parse_proving_key(&keys::proving_key_bytes(&keys.pk)).unwrap();
	assert_eq!(pk.vk, keys.vk);
	// So does the cache form, which proves like the original; truncated, it is refused.
	let cache = keys::proving_key_cache_bytes(&keys.pk);
	let cached = keys::parse_proving_key_cache(&cache).unwrap();
	assert!(cached == keys.pk);
	assert!(keys::parse_proving_key_cache(&cache[..cache.len() - 1]).is_err());
}

#[test]
fn insecure_dev_setup_is_deterministic_per_seed_and_shape() {
	let step = Step::FillNull { column: 1, value: Value::Decimal(1) };
	let a = insecure_dev_setup(shape(&step), b"seed").unwrap();
	let b = insecure_dev_setup(shape(&step), b"seed").unwrap();
	let c = insecure_dev_setup(shape(&step), b"other").unwrap();
	assert_eq!(keys::verifying_key_bytes(&a.vk), keys::verifying_key_bytes(&b.vk));
	assert_ne!(keys::verifying_key_bytes(&a.vk), keys::verifying_key_bytes(&c.vk));
}

#[test]
fn prove_chunk_checks_its_keys_and_its_input() {
	let s = schema();
	let step = Step::Clamp { column: 0, lo: -1, hi: 10 };
	let wrong = keys_for(StepKind::Dedup);
	assert!(matches!(
		prover::prove_chunk(wrong, &step, &s, &raw_chunk()),
		Err(loam_circuits::Error::WrongKeys)
	));
	let keys = keys_for(step.kind());
	let bad = Step::Clamp { column: 3, lo: 0, hi: 1 };
	assert!(prover::prove_chunk(keys, &bad, &s, &raw_chunk()).is_err());
	let out = prover::prove_chunk(keys, &step, &s, &raw_chunk()).unwrap();
	let pvk = verifier::prepare(&keys.vk);
	assert!(verifier::verify(&pvk, &out.public, &out.proof).unwrap());
}

#[test]
fn batch_verification_accepts_honest_batches_and_refuses_one_bad_proof() {
	let step = Step::Clamp { column: 0, lo: -1, hi: 10 };
	let keys = keys_for(step.kind());
	let pvk = verifier::prepare(&keys.vk);
	// Three different chunks, three real proofs.
	let chunks: Vec<CellMatrix> = (0..3)
		.map(|k| {
			let mut rows = rows_of(&raw_cells());
			rows.truncate(5 - k);
			with_rows(&raw_cells(), rows)
		})
		.collect();
	let batch: Vec<_> = chunks
		.into_iter()
		.map(|cells| {
			let circuit = StepCircuit::new(keys.shape, &step, cells);
			let p = circuit.public;
			(prover::prove_circuit(keys, circuit).unwrap(), [p.raw, p.clean, p.params_hash])
		})
		.collect();
	let weights = [3u128 << 100 | 7, 5u128 << 90 | 1, u128::MAX];
	assert_eq!(loam_proof::batch_verify(&pvk, &batch, &weights), Ok(true));
	// A batch of one is the single check.
	assert_eq!(loam_proof::batch_verify(&pvk, &batch[..1], &weights[..1]), Ok(true));
	// One proof bound to another chunk's inputs breaks the batch.
	let mut bad = batch.clone();
	bad[1].1 = bad[2].1;
	assert_eq!(loam_proof::batch_verify(&pvk, &bad, &weights), Ok(false));
	// Two swapped proofs (each valid for the other's inputs) break it too.
	let mut swapped = batch.clone();
	let (p0, p1) = (swapped[0].0.clone(), swapped[1].0.clone());
	swapped[0].0 = p1;
	swapped[1].0 = p0;
	assert_eq!(loam_proof::batch_verify(&pvk, &swapped, &weights), Ok(false));
	// Shapes: no proofs, a missing or a zero weight.
	assert!(loam_proof::batch_verify(&pvk, &batch[..0], &[]).is_err());
	assert!(loam_proof::batch_verify(&pvk, &batch, &weights[..2]).is_err());
	assert!(loam_proof::batch_verify(&pvk, &batch, &[1, 0, 2]).is_err());
	// The prepared key survives its storage form.
	let stored = loam_proof::prepared_key_bytes(&pvk);
	let loaded = loam_proof::parse_prepared_key::<ark_bls12_381::Bls12_381>(&stored).unwrap();
	assert_eq!(loam_proof::batch_verify(&loaded, &batch, &weights), Ok(true));
	assert!(loam_proof::parse_prepared_key::<ark_bls12_381::Bls12_381>(&stored[1..]).is_err());
}
