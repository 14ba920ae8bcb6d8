//! `loam keys new | inspect`.

use super::{KeySource, Output};
use crate::{error::Error, keys};
use serde_json::json;
use std::path::Path;

/// Makes a key; with `out`, writes it as an encrypted polkadot.js JSON key file.
pub fn new(
	words: usize,
	out: Option<&Path>,
	password: Option<&str>,
	name: &str,
) -> Result<Output, Error> {
	let key = keys::generate(words)?;
	let mut text = format!(
		"address:  {}\npublic:   0x{}\nphrase:   {}\n\nWrite the phrase down and keep it secret: whoever has it controls the account.",
		key.signer.address(),
		hex::encode(key.signer.public()),
		key.phrase
	);
	if let Some(out) = out {
		if out.exists() {
			return Err(Error::Input(format!(
				"{} exists: not overwriting a key file",
				out.display()
			)));
		}
		let password = match password {
			Some(p) => p.to_string(),
			None => {
				let p = rpassword::prompt_password("password for the key file: ").map_err(|e| {
					Error::Key(format!("cannot read a password ({e}); set LOAM_KEY_PASSWORD"))
				})?;
				let again = rpassword::prompt_password("again: ")
					.map_err(|e| Error::Key(format!("cannot read a password ({e})")))?;
				if p != again {
					return Err(Error::Input("the passwords differ".into()));
				}
				p
			}
		};
		if password.is_empty() {
			return Err(Error::Input(
				"an empty password would leave the key file unprotected".into(),
			));
		}
		std::fs::write(out, key.encrypted_json(&password, name)?)
			.map_err(|e| Error::Other(format!("cannot write {}: {e}", out.display())))?;
		text.push_str(&format!(
			"\nkey file: {} (polkadot.js JSON; imports into the polkadot.js extension, Talisman, SubWallet)",
			out.display()
		));
	}
	Ok(Output::new(
		text,
		json!({
			"address": key.signer.address(),
			"public": format!("0x{}", hex::encode(key.signer.public())),
			"phrase": key.phrase,
			"key_file": out.map(|p| p.display().to_string()),
		}),
	))
}

/// Shows the address and public key of the given key.
pub fn inspect(key: &KeySource) -> Result<Output, Error> {
	let signer = key.signer()?;
	Ok(Output::new(
		format!("address: {}\npublic:  0x{}", signer.address(), hex::encode(signer.public())),
		json!({ "address": signer.address(), "public": format!("0x{}", hex::encode(signer.public())) }),
	))
}
