//! Keys: where the CLI's signing key comes from, new keys, and encrypted key files.
//!
//! A key is given as a secret URI (`--suri`, or `LOAM_SURI`: a mnemonic, `0x` seed, or a
//! dev name like `//Alice`, with derivation junctions), or as an encrypted key file
//! (`--key-file`) in the JSON format of polkadot.js (version 3: scrypt +
//! xsalsa20-poly1305 over a PKCS#8 sr25519 key). Files made by `loam keys new --out`
//! import into the polkadot.js extension, Talisman and SubWallet, and accounts exported
//! from them load here.

use crate::error::Error;
use base64::Engine;
use crypto_secretbox::{
	aead::{Aead, KeyInit},
	Key, Nonce, XSalsa20Poly1305,
};
use rand::RngCore;
use std::{path::Path, str::FromStr};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// The chain's SS58 address prefix.
pub const SS58_PREFIX: u16 = 5626;

/// A signing key: signs extrinsics and gateway requests.
#[derive(Clone)]
pub struct Signer {
	keypair: Keypair,
}

impl Signer {
	/// From a secret URI (`//Alice`, a mnemonic with optional `//hard/soft///password`).
	pub fn from_suri(suri: &str) -> Result<Self, Error> {
		let uri = SecretUri::from_str(suri)
			.map_err(|e| Error::Key(format!("not a valid secret URI: {e}")))?;
		let keypair =
			Keypair::from_uri(&uri).map_err(|e| Error::Key(format!("cannot derive a key: {e}")))?;
		Ok(Self { keypair })
	}

	/// From a polkadot.js JSON key file and its password.
	pub fn from_key_file(path: &Path, password: &str) -> Result<Self, Error> {
		let json = std::fs::read_to_string(path)
			.map_err(|e| Error::Key(format!("cannot read {}: {e}", path.display())))?;
		let keypair = subxt_signer::polkadot_js_compat::decrypt_json(&json, password)
			.map_err(|e| Error::Key(format!("{}: {e} (wrong password?)", path.display())))?;
		Ok(Self { keypair })
	}

	/// The subxt keypair, for extrinsics.
	pub fn keypair(&self) -> &Keypair {
		&self.keypair
	}

	/// The public key.
	pub fn public(&self) -> [u8; 32] {
		self.keypair.public_key().0
	}

	/// The account's SS58 address.
	pub fn address(&self) -> String {
		ss58(&self.public())
	}
}

impl loam_gateway::auth::RequestSigner for Signer {
	fn public(&self) -> [u8; 32] {
		self.keypair.public_key().0
	}

	fn sign(&self, message: &[u8]) -> [u8; 64] {
		self.keypair.sign(message).0
	}
}

/// The SS58 address of a public key, with the chain's prefix.
pub fn ss58(public: &[u8; 32]) -> String {
	use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
	sp_core::sr25519::Public::from_raw(*public)
		.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

/// Parses an account: an SS58 address of any prefix, or 32 bytes of hex.
pub fn parse_account(text: &str) -> Result<[u8; 32], Error> {
	use sp_core::crypto::Ss58Codec;
	let text = text.trim();
	if let Some(hex) = text.strip_prefix("0x") {
		return hex::decode(hex)
			.ok()
			.and_then(|b| b.try_into().ok())
			.ok_or_else(|| Error::Input(format!("{text}: an account in hex is 32 bytes")));
	}
	let (public, _) = sp_core::sr25519::Public::from_ss58check_with_version(text)
		.map_err(|e| Error::Input(format!("{text}: not an SS58 address ({e:?})")))?;
	Ok(public.0)
}

/// A freshly generated key.
pub struct NewKey {
	/// The BIP-39 phrase (the secret: whoever holds it holds the account).
	pub phrase: String,
	/// The key it derives.
	pub signer: Signer,
	mini: schnorrkel::MiniSecretKey,
}

/// Generates a key from `words` (12 or 24) words of OS randomness.
pub fn generate(words: usize) -> Result<NewKey, Error> {
	let len = match words {
		12 => 16,
		24 => 32,
		_ => return Err(Error::Input("a phrase has 12 or 24 words".into())),
	};
	let mut entropy = vec![0u8; len];
	rand::rngs::OsRng.fill_bytes(&mut entropy);
	let mnemonic = bip39::Mnemonic::from_entropy(&entropy)
		.map_err(|e| Error::Key(format!("cannot make a phrase: {e}")))?;
	let phrase = mnemonic.to_string();
	let mini = substrate_bip39::mini_secret_from_entropy(&entropy, "")
		.map_err(|e| Error::Key(format!("cannot derive the key: {e:?}")))?;
	let signer = Signer::from_suri(&phrase)?;
	Ok(NewKey { phrase, signer, mini })
}

/// polkadot.js's PKCS#8 header and divider around the sr25519 secret and public key.
const PKCS8_HEADER: [u8; 16] = [48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32];
const PKCS8_DIVIDER: [u8; 5] = [161, 35, 3, 33, 0];
/// scrypt parameters: polkadot.js's default (N = 2^15, p = 1, r = 8).
const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_P: u32 = 1;
const SCRYPT_R: u32 = 8;

impl NewKey {
	/// The key as a polkadot.js JSON key file encrypted with `password`, named `name`.
	pub fn encrypted_json(&self, password: &str, name: &str) -> Result<String, Error> {
		let keypair = self.mini.expand_to_keypair(schnorrkel::ExpansionMode::Ed25519);
		let public = keypair.public.to_bytes();
		if public != self.signer.public() {
			return Err(Error::Key("the key file would hold another key".into()));
		}
		let mut plain = Vec::with_capacity(117);
		plain.extend_from_slice(&PKCS8_HEADER);
		plain.extend_from_slice(&keypair.secret.to_ed25519_bytes());
		plain.extend_from_slice(&PKCS8_DIVIDER);
		plain.extend_from_slice(&public);

		let mut salt = [0u8; 32];
		let mut nonce = [0u8; 24];
		rand::rngs::OsRng.fill_bytes(&mut salt);
		rand::rngs::OsRng.fill_bytes(&mut nonce);
		let params = scrypt::Params::new(SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, 32)
			.map_err(|e| Error::Key(format!("scrypt: {e}")))?;
		let mut key = Key::default();
		scrypt::scrypt(password.as_bytes(), &salt, &params, &mut key)
			.map_err(|e| Error::Key(format!("scrypt: {e}")))?;
		let sealed = XSalsa20Poly1305::new(&key)
			.encrypt(Nonce::from_slice(&nonce), plain.as_slice())
			.map_err(|e| Error::Key(format!("encryption: {e}")))?;

		let mut encoded = Vec::with_capacity(68 + sealed.len());
		encoded.extend_from_slice(&salt);
		encoded.extend_from_slice(&(1u32 << SCRYPT_LOG_N).to_le_bytes());
		encoded.extend_from_slice(&SCRYPT_P.to_le_bytes());
		encoded.extend_from_slice(&SCRYPT_R.to_le_bytes());
		encoded.extend_from_slice(&nonce);
		encoded.extend_from_slice(&sealed);
		let json = serde_json::json!({
			"encoded": base64::engine::general_purpose::STANDARD.encode(&encoded),
			"encoding": {
				"content": ["pkcs8", "sr25519"],
				"type": ["scrypt", "xsalsa20-poly1305"],
				"version": "3"
			},
			"address": self.signer.address(),
			"meta": { "name": name, "genesisHash": "", "whenCreated": unix_millis() }
		});
		Ok(serde_json::to_string_pretty(&json).expect("JSON values serialize"))
	}
}

fn unix_millis() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn alice_has_her_well_known_key_and_address_round_trips() {
		let alice = Signer::from_suri("//Alice").unwrap();
		assert_eq!(
			hex::encode(alice.public()),
			"d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
		);
		assert_eq!(parse_account(&alice.address()).unwrap(), alice.public());
		// A generic-prefix (42) address of the same key parses too.
		assert_eq!(
			parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").unwrap(),
			alice.public()
		);
		assert!(parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ").is_err());
	}

	#[test]
	fn a_new_key_file_decrypts_to_the_same_key_and_refuses_a_wrong_password() {
		let key = generate(12).unwrap();
		assert_eq!(key.phrase.split(' ').count(), 12);
		let json = key.encrypted_json("correct horse", "test").unwrap();
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("key.json");
		std::fs::write(&path, &json).unwrap();
		let loaded = Signer::from_key_file(&path, "correct horse").unwrap();
		assert_eq!(loaded.public(), key.signer.public());
		assert!(Signer::from_key_file(&path, "wrong").is_err());
		// A flipped byte of the ciphertext is refused.
		let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
		let mut raw = base64::engine::general_purpose::STANDARD
			.decode(v["encoded"].as_str().unwrap())
			.unwrap();
		raw[100] ^= 1;
		v["encoded"] = base64::engine::general_purpose::STANDARD.encode(raw).into();
		std::fs::write(&path, v.to_string()).unwrap();
		assert!(Signer::from_key_file(&path, "correct horse").is_err());
	}

	#[test]
	fn bad_secret_uris_are_refused() {
		assert!(Signer::from_suri("not a phrase at all").is_err());
		assert!(Signer::from_suri("0x1234").is_err());
	}
}
