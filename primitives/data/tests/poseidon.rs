//! The Poseidon instance is what the paper's procedure produces, and stays pinned.

use ark_crypto_primitives::sponge::poseidon::find_poseidon_ark_and_mds;
use ark_ff::{BigInteger, PrimeField};
use loam_data::{
	poseidon::{self, Domain, Tag, FULL_ROUNDS, MDS, PARTIAL_ROUNDS, RATE, ROUND_CONSTANTS, WIDTH},
	Fr,
};

fn hex(x: &Fr) -> String {
	x.into_bigint().to_bytes_be().iter().map(|b| format!("{b:02x}")).collect()
}

fn fr(hex_be: &str) -> Fr {
	let bytes: Vec<u8> = (0..hex_be.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&hex_be[i..i + 2], 16).unwrap())
		.collect();
	Fr::from_be_bytes_mod_order(&bytes)
}

#[test]
fn grain_generator_reproduces_the_authors_vector_for_t3() {
	// hadeshash poseidonperm_x5_255_3: BLS12-381 Fr, t = 3, R_F = 8, R_P = 57.
	let (ark, mds) = find_poseidon_ark_and_mds::<Fr>(255, 2, 8, 57, 0);
	let mut state = [Fr::from(0u64), Fr::from(1u64), Fr::from(2u64)];
	poseidon::permute_with(&mut state, &ark.concat(), &mds.concat(), 8, 57);
	assert_eq!(hex(&state[0]), "28ce19420fc246a05553ad1e8c98f5c9d67166be2c18e9e4cb4b4e317dd2a78a");
	assert_eq!(hex(&state[1]), "51f3e312c95343a896cfd8945ea82ba956c1118ce9b9859b6ea56637b4b1ddc4");
	assert_eq!(hex(&state[2]), "3b2b69139b235626a0bfb56c9527ae66a7bf486ad8c11c14d1da0c69bbe0f79a");
}

#[test]
fn loam_tables_are_the_grain_output_for_t17() {
	let (ark, mds) =
		find_poseidon_ark_and_mds::<Fr>(255, RATE, FULL_ROUNDS as u64, PARTIAL_ROUNDS as u64, 0);
	assert_eq!(ark.len(), ROUND_CONSTANTS.len());
	for (r, (want, have)) in ark.iter().zip(ROUND_CONSTANTS.iter()).enumerate() {
		assert_eq!(want.as_slice(), have.as_slice(), "round {r}");
	}
	for (i, (want, have)) in mds.iter().zip(MDS.iter()).enumerate() {
		assert_eq!(want.as_slice(), have.as_slice(), "MDS row {i}");
	}
	assert_eq!(mds.len(), WIDTH);
}

#[test]
fn permutation_is_pinned() {
	// Computed by scripts/gen/poseidon_constants.py, an independent implementation.
	let mut state: [Fr; WIDTH] = core::array::from_fn(|i| Fr::from(i as u64));
	poseidon::permute(&mut state);
	assert_eq!(state[0], fr("39298a8afdcfa92f3aaee2ffc35c744f848f45050d2579a3e2a21701a9aaa252"));
	assert_eq!(state[1], fr("272417db2fe7f6da31fc53a4d5d88d1d856bba98c5f22d913dc55c8863db1b06"));
	assert_eq!(state[2], fr("27299169a91ca785ae359e84b033bf17e065a355cbacfd79cd0fc2e435e50996"));
}

#[test]
fn sponge_separates_domains_and_lengths() {
	let a = poseidon::hash(Tag::new(Domain::StepParams, 1), &[Fr::from(1u64)]);
	let b = poseidon::hash(Tag::new(Domain::StepParams, 2), &[Fr::from(1u64)]);
	let c = poseidon::hash(Tag::new(Domain::Schema, 1), &[Fr::from(1u64)]);
	assert!(a != b && a != c && b != c);
	// A trailing zero adds nothing to the state: lengths must come from the tag.
	let one = Tag { domain: Domain::StepParams, a: 1, b: 1, c: 0 };
	let two = Tag { domain: Domain::StepParams, a: 1, b: 2, c: 0 };
	assert_ne!(
		poseidon::hash(one, &[Fr::from(1u64)]),
		poseidon::hash(two, &[Fr::from(1u64), Fr::from(0u64)])
	);
	assert_ne!(
		poseidon::hash_bytes(Domain::Utf8, b"ab"),
		poseidon::hash_bytes(Domain::Utf8, b"ab\0")
	);
	assert_ne!(
		poseidon::hash_bytes(Domain::Utf8, b"ab"),
		poseidon::hash_bytes(Domain::Category, b"ab")
	);
}

#[test]
fn sponge_matches_a_by_hand_run_of_the_permutation() {
	// 20 inputs: one full block of 16, a second block of 4, then the final permutation.
	let inputs: Vec<Fr> = (0..20u64).map(|i| Fr::from(i * 7 + 3)).collect();
	let tag = Tag { domain: Domain::Challenge, a: 1, b: 2, c: 3 };
	let mut state = [Fr::from(0u64); WIDTH];
	state[0] = tag.to_field();
	for (i, x) in inputs[..16].iter().enumerate() {
		state[1 + i] += x;
	}
	poseidon::permute(&mut state);
	for (i, x) in inputs[16..].iter().enumerate() {
		state[1 + i] += x;
	}
	poseidon::permute(&mut state);
	assert_eq!(poseidon::hash(tag, &inputs), state[1]);
}

#[test]
fn the_fast_form_equals_the_plain_rounds() {
	let mut x = Fr::from(0x1234_5678_9abc_def0u64);
	for _ in 0..20 {
		let mut a: [Fr; WIDTH] = core::array::from_fn(|i| {
			x = x * x + Fr::from(i as u64 + 1);
			x
		});
		let mut b = a;
		poseidon::permute(&mut a);
		poseidon::permute_plain(&mut b);
		assert_eq!(a, b);
	}
}
