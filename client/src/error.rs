//! What can go wrong, said so that a person knows what to do, with an exit code a script
//! can act on.

use std::fmt;

/// A failed command.
#[derive(Debug)]
pub enum Error {
	/// Bad arguments or input files (exit 2).
	Input(String),
	/// A key could not be loaded or made (exit 2).
	Key(String),
	/// The node cannot be reached (exit 3).
	Unreachable(String),
	/// The gateway refused or failed (exit 4).
	Gateway(String),
	/// The chain refused a transaction: `Pallet::Error` and what it means (exit 5).
	Chain {
		/// `Pallet::ErrorName`.
		name: String,
		/// The error's documentation, a sentence.
		meaning: String,
	},
	/// Data does not match the chain (exit 6).
	Mismatch(String),
	/// Anything else (exit 1).
	Other(String),
}

impl Error {
	/// The process exit code.
	pub fn exit_code(&self) -> i32 {
		match self {
			Error::Other(_) => 1,
			Error::Input(_) | Error::Key(_) => 2,
			Error::Unreachable(_) => 3,
			Error::Gateway(_) => 4,
			Error::Chain { .. } => 5,
			Error::Mismatch(_) => 6,
		}
	}

	/// A short machine-readable kind, for `--json`.
	pub fn kind(&self) -> &'static str {
		match self {
			Error::Input(_) => "input",
			Error::Key(_) => "key",
			Error::Unreachable(_) => "unreachable",
			Error::Gateway(_) => "gateway",
			Error::Chain { .. } => "chain",
			Error::Mismatch(_) => "mismatch",
			Error::Other(_) => "other",
		}
	}

	/// The chain error's `Pallet::Error` name, if this is one.
	pub fn chain_error(&self) -> Option<&str> {
		match self {
			Error::Chain { name, .. } => Some(name),
			_ => None,
		}
	}
}

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Error::Input(m) | Error::Key(m) | Error::Other(m) | Error::Mismatch(m) => {
				write!(f, "{m}")
			}
			Error::Unreachable(m) => write!(f, "{m}"),
			Error::Gateway(m) => write!(f, "gateway: {m}"),
			Error::Chain { name, meaning } => write!(f, "the chain refused it: {name}: {meaning}"),
		}
	}
}

impl std::error::Error for Error {}

impl From<loam_data::Error> for Error {
	fn from(e: loam_data::Error) -> Self {
		Error::Input(e.to_string())
	}
}

impl From<loam_gateway::client::ClientError> for Error {
	fn from(e: loam_gateway::client::ClientError) -> Self {
		if e.status.is_none() {
			Error::Gateway(format!("cannot reach the gateway ({})", e.message))
		} else {
			Error::Gateway(e.to_string())
		}
	}
}

/// Turns a subxt error into ours: dispatch errors become `Pallet::Error` with the
/// pallet's own documentation of it, transport failures "cannot reach".
pub fn from_subxt(e: &(dyn std::error::Error + 'static), url: &str) -> Error {
	// Walk the source chain for a dispatch error.
	let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
	while let Some(err) = cur {
		if let Some(d) = err.downcast_ref::<subxt::error::DispatchError>() {
			return dispatch(d);
		}
		cur = err.source();
	}
	let text = e.to_string();
	let lower = text.to_lowercase();
	if lower.contains("connection")
		|| lower.contains("connect")
		|| lower.contains("transport")
		|| lower.contains("restart")
		|| lower.contains("i/o error")
	{
		return Error::Unreachable(format!(
			"cannot reach the node at {url}: {text}\n  is it running? start one with scripts/dev.sh, or pass --url"
		));
	}
	if let Some(reason) = invalid_transaction(&lower) {
		return Error::Chain { name: "InvalidTransaction".into(), meaning: reason.into() };
	}
	Error::Other(text)
}

fn invalid_transaction(lower: &str) -> Option<&'static str> {
	if !lower.contains("invalid") {
		return None;
	}
	Some(if lower.contains("payment") {
		"the account cannot pay the transaction fee: fund it first"
	} else if lower.contains("stale") || lower.contains("future") {
		"the account's nonce is off (another transaction of it is in flight): try again"
	} else if lower.contains("badproof") || lower.contains("bad proof") {
		"the signature does not match (wrong chain or metadata)"
	} else {
		return None;
	})
}

/// A dispatch error as `Pallet::Error` and its meaning.
pub fn dispatch(d: &subxt::error::DispatchError) -> Error {
	use subxt::error::DispatchError as D;
	match d {
		D::Module(m) => match m.details() {
			Ok(details) => {
				let docs = details.variant.docs.join(" ");
				Error::Chain {
					name: format!("{}::{}", details.pallet.name(), details.variant.name),
					meaning: if docs.trim().is_empty() {
						"(the pallet does not say more)".into()
					} else {
						docs.trim().to_string()
					},
				}
			}
			Err(_) => {
				Error::Chain { name: m.to_string(), meaning: "an unknown pallet error".into() }
			}
		},
		D::BadOrigin => Error::Chain {
			name: "BadOrigin".into(),
			meaning: "this account may not make this call".into(),
		},
		D::Token(t) => Error::Chain {
			name: format!("Token::{t:?}"),
			meaning: match format!("{t:?}").as_str() {
				"FundsUnavailable" => "the account does not hold enough free funds".into(),
				"BelowMinimum" => {
					"the amount would leave an account below the existential deposit".into()
				}
				"CannotCreate" => "the receiving account cannot be created with this amount".into(),
				"UnknownAsset" => "no such asset".into(),
				"Frozen" => "the funds are frozen".into(),
				other => format!("a token error ({other})"),
			},
		},
		D::Arithmetic(a) => Error::Chain {
			name: format!("Arithmetic::{a:?}"),
			meaning: "a number would overflow or underflow".into(),
		},
		other => Error::Chain { name: format!("{other:?}"), meaning: other.to_string() },
	}
}
