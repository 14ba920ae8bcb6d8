//! The cell encoding: one field element per cell, injective per type, null = 0.
//!
//! | type | value | element |
//! |---|---|---|
//! | any | null | `0` |
//! | Int64 | `v` | `v + 2^63 + 1` (in `[1, 2^64]`, order-preserving) |
//! | Decimal{s} | mantissa `m` (value `m / 10^s`) | `m + 2^63 + 1` |
//! | Bool | `b` | `1 + b` |
//! | Utf8 | bytes | `Poseidon(Tag(Utf8, len), bytes packed 31 per element)` |
//! | Category | bytes | `Poseidon(Tag(Category, len), …)` |
//!
//! Numbers keep their order, so a circuit compares encodings instead of values; nulls
//! are the one reserved element, so a row's null mask is exactly the set of its zero
//! cells and needs no element of its own. Text hashes are never zero except with
//! negligible probability.

use crate::{
	field::Fr,
	poseidon::{self, Domain},
	schema::ColumnType,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The element of a null cell.
pub const NULL: Fr = Fr::new(ark_ff::BigInt::new([0; 4]));

/// The element of an Int64 value or a Decimal mantissa.
pub fn encode_i64(v: i64) -> Fr {
	Fr::from(encode_i64_u128(v))
}

/// The integer an Int64 value encodes to, `v + 2^63 + 1`.
pub fn encode_i64_u128(v: i64) -> u128 {
	(i128::from(v) + (1i128 << 63) + 1) as u128
}

/// The element of a Bool.
pub fn encode_bool(b: bool) -> Fr {
	Fr::from(1u64 + u64::from(b))
}

/// The element of a Utf8 cell.
pub fn encode_utf8(bytes: &[u8]) -> Fr {
	poseidon::hash_bytes(Domain::Utf8, bytes)
}

/// The element of a Category cell.
pub fn encode_category(bytes: &[u8]) -> Fr {
	poseidon::hash_bytes(Domain::Category, bytes)
}

/// One non-null value, typed (fill constants, file readers).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Encode, Decode, TypeInfo)]
pub enum Value {
	/// An Int64.
	Int64(i64),
	/// A Decimal mantissa (scale from the column).
	Decimal(i64),
	/// A Bool.
	Bool(bool),
	/// A Utf8 text.
	Utf8(Vec<u8>),
	/// A Category label.
	Category(Vec<u8>),
}

impl Value {
	/// The value's element.
	pub fn encode(&self) -> Fr {
		match self {
			Value::Int64(v) | Value::Decimal(v) => encode_i64(*v),
			Value::Bool(b) => encode_bool(*b),
			Value::Utf8(t) => encode_utf8(t),
			Value::Category(t) => encode_category(t),
		}
	}

	/// Whether the value can stand in a column of type `ty`.
	pub fn fits(&self, ty: ColumnType) -> bool {
		matches!(
			(self, ty),
			(Value::Int64(_), ColumnType::Int64)
				| (Value::Decimal(_), ColumnType::Decimal { .. })
				| (Value::Bool(_), ColumnType::Bool)
				| (Value::Utf8(_), ColumnType::Utf8)
				| (Value::Category(_), ColumnType::Category)
		)
	}
}
