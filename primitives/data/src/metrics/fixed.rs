//! Integer arithmetic for the metrics: ratios in parts per million, a fixed-point base-2
//! logarithm, and a 256-bit square root. No floating point anywhere, so a report has the
//! same bits on every machine and in wasm.

use primitive_types::U256;

/// One, in parts per million.
pub const PPM: u32 = 1_000_000;

/// `part / whole` in parts per million, rounded down; 0 when `whole` is 0.
pub fn ppm(part: u64, whole: u64) -> u32 {
	if whole == 0 {
		return 0;
	}
	(u128::from(part.min(whole)) * u128::from(PPM) / u128::from(whole)) as u32
}

/// Fractional bits of [`log2_q32`].
pub const LOG_FRAC_BITS: u32 = 32;

/// `log2(x)` for `x >= 1` in fixed point with [`LOG_FRAC_BITS`] fractional bits, rounded
/// down; 0 for `x <= 1`. The fraction comes bit by bit from squaring the mantissa
/// (each square doubles the logarithm; a carry past 2 is the next bit).
pub fn log2_q32(x: u64) -> u64 {
	if x <= 1 {
		return 0;
	}
	let int = 63 - u64::from(x.leading_zeros());
	// The mantissa x / 2^int in [1, 2), with 63 fractional bits.
	let mut m: u128 = u128::from(x) << (63 - int);
	let mut frac = 0u64;
	for bit in (0..LOG_FRAC_BITS).rev() {
		m = (m * m) >> 63;
		if m >= 1u128 << 64 {
			m >>= 1;
			frac |= 1 << bit;
		}
	}
	(int << LOG_FRAC_BITS) | frac
}

/// `floor(sqrt(x))` of a 256-bit integer.
pub fn isqrt(x: U256) -> U256 {
	x.integer_sqrt()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ppm_rounds_down_and_guards_zero() {
		assert_eq!(ppm(1, 3), 333_333);
		assert_eq!(ppm(2, 3), 666_666);
		assert_eq!(ppm(5, 5), PPM);
		assert_eq!(ppm(7, 0), 0);
		assert_eq!(ppm(9, 4), PPM, "a part above the whole is capped at one");
	}

	#[test]
	fn log2_is_exact_on_powers_and_close_elsewhere() {
		for k in 0u64..64 {
			assert_eq!(log2_q32(1u64 << k), k << 32, "2^{k}");
		}
		// log2(3) = 1.584962500721156..., log2(10) = 3.321928094887362...
		let one = (1u64 << 32) as f64;
		for (x, want) in [(3u64, 1.584_962_500_721_156), (10, core::f64::consts::LOG2_10)] {
			let got = log2_q32(x) as f64 / one;
			assert!(got <= want && want - got < 2.0 / one, "log2({x}) = {got}, want {want}");
		}
		assert_eq!(log2_q32(0), 0);
		assert_eq!(log2_q32(u64::MAX) >> 32, 63);
	}

	#[test]
	fn isqrt_floors() {
		assert_eq!(isqrt(U256::from(99u32)), U256::from(9u32));
		assert_eq!(isqrt(U256::from(100u32)), U256::from(10u32));
		let big = U256::from(u128::MAX) * U256::from(u128::MAX);
		assert_eq!(isqrt(big), U256::from(u128::MAX));
	}
}
