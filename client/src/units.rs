//! Amounts as people write them (`12.5`) and as the chain counts them (integers in the
//! asset's smallest unit), and the assets prices are given in.

use crate::error::Error;

/// Decimals of the native token, LOAM.
pub const LOAM_DECIMALS: u8 = 12;
/// The dev stablecoin's asset id (dUSD, 6 decimals) on the dev and local chains.
pub const DUSD: u32 = 1984;

/// What a price is paid in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asset {
	/// LOAM.
	Native,
	/// A `pallet-assets` asset.
	Id(u32),
}

impl std::str::FromStr for Asset {
	type Err = Error;

	/// `loam` (or `native`), `dusd`, or an asset id.
	fn from_str(s: &str) -> Result<Self, Error> {
		match s.to_ascii_lowercase().as_str() {
			"loam" | "native" => Ok(Asset::Native),
			"dusd" => Ok(Asset::Id(DUSD)),
			other => other.parse::<u32>().map(Asset::Id).map_err(|_| {
				Error::Input(format!("{s:?} is not an asset: use loam, dusd or an asset id"))
			}),
		}
	}
}

/// Parses `text` (`12`, `12.5`, `0.000001`) as an amount with `decimals` digits after the
/// point: exact, no rounding; too many digits or a negative amount is an error.
pub fn parse_amount(text: &str, decimals: u8) -> Result<u128, Error> {
	let bad = |why: &str| Error::Input(format!("{text:?} is not an amount: {why}"));
	let t = text.trim().replace('_', "");
	let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
	if whole.is_empty() && frac.is_empty() {
		return Err(bad("no digits"));
	}
	if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
		return Err(bad("write digits, with at most one point"));
	}
	if frac.len() > decimals as usize {
		return Err(bad(&format!("at most {decimals} digits after the point")));
	}
	let scale = 10u128.pow(decimals as u32);
	let whole: u128 =
		if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad("too large"))? };
	let frac_value: u128 = if frac.is_empty() {
		0
	} else {
		frac.parse::<u128>().map_err(|_| bad("too large"))?
			* 10u128.pow((decimals as usize - frac.len()) as u32)
	};
	whole.checked_mul(scale).and_then(|w| w.checked_add(frac_value)).ok_or_else(|| bad("too large"))
}

/// Formats an amount with `decimals` digits, trailing zeros dropped: `12.5`.
pub fn format_amount(value: u128, decimals: u8) -> String {
	let scale = 10u128.pow(decimals as u32);
	let (whole, frac) = (value / scale, value % scale);
	if frac == 0 {
		return whole.to_string();
	}
	let frac = format!("{frac:0width$}", width = decimals as usize);
	format!("{whole}.{}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_parse_exactly_and_print_back() {
		assert_eq!(parse_amount("12", 6).unwrap(), 12_000_000);
		assert_eq!(parse_amount("12.5", 6).unwrap(), 12_500_000);
		assert_eq!(parse_amount("0.000001", 6).unwrap(), 1);
		assert_eq!(parse_amount(".5", 2).unwrap(), 50);
		assert_eq!(parse_amount("1_000", 0).unwrap(), 1000);
		for bad in ["", ".", "-1", "1.0000001", "1.2.3", "abc", "1e6"] {
			assert!(parse_amount(bad, 6).is_err(), "{bad:?} parsed");
		}
		assert!(parse_amount("340282366920938463463374607431768211455", 6).is_err());
		assert_eq!(format_amount(12_500_000, 6), "12.5");
		assert_eq!(format_amount(100_000_000, 6), "100");
		assert_eq!(format_amount(1, 12), "0.000000000001");
		for v in [0u128, 1, 999_999, 123_456_789_012] {
			assert_eq!(parse_amount(&format_amount(v, 6), 6).unwrap(), v);
		}
	}

	#[test]
	fn assets_parse() {
		assert_eq!("LOAM".parse::<Asset>().unwrap(), Asset::Native);
		assert_eq!("dusd".parse::<Asset>().unwrap(), Asset::Id(DUSD));
		assert_eq!("7".parse::<Asset>().unwrap(), Asset::Id(7));
		assert!("euro".parse::<Asset>().is_err());
	}
}
