//! The commands of the `loam` binary, as library functions: each takes its arguments and a
//! [`Ctx`] and returns an [`Output`] that is printed as text or, with `--json`, as JSON.

pub mod clean;
pub mod dataset;
pub mod fetch;
pub mod info;
pub mod keys;
pub mod market;

use crate::{chain::Chain, error::Error, keys::Signer, progress::Progress};
use loam_gateway::client::Client as Gateway;
use std::path::PathBuf;

/// Where the signing key comes from.
#[derive(Clone, Debug, Default)]
pub struct KeySource {
	/// A secret URI.
	pub suri: Option<String>,
	/// A polkadot.js JSON key file.
	pub key_file: Option<PathBuf>,
	/// The key file's password (else asked on the terminal).
	pub password: Option<String>,
}

impl KeySource {
	/// Loads the key.
	pub fn signer(&self) -> Result<Signer, Error> {
		match (&self.suri, &self.key_file) {
			(Some(_), Some(_)) => {
				Err(Error::Input("give either --suri or --key-file, not both".into()))
			}
			(Some(suri), None) => Signer::from_suri(suri),
			(None, Some(file)) => {
				let password = match &self.password {
					Some(p) => p.clone(),
					None => {
						rpassword::prompt_password(format!("password for {}: ", file.display()))
							.map_err(|e| {
								Error::Key(format!(
								"cannot read the password ({e}); set LOAM_KEY_PASSWORD when there \
								 is no terminal"
							))
							})?
					}
				};
				Signer::from_key_file(file, &password)
			}
			(None, None) => Err(Error::Key(
				"this command signs: give a key with --suri (or LOAM_SURI), e.g. --suri //Alice \
				 on a dev chain, or --key-file (LOAM_KEY_FILE)"
					.into(),
			)),
		}
	}
}

/// What every command may use.
#[derive(Clone, Debug)]
pub struct Ctx {
	/// The node's WebSocket RPC URL.
	pub url: String,
	/// The gateway's base URL, when given (else the version's endpoint).
	pub gateway: Option<String>,
	/// The signing key.
	pub key: KeySource,
	/// Progress bars.
	pub progress: Progress,
	/// Where resumable work is kept.
	pub state_dir: PathBuf,
}

impl Ctx {
	/// Connects to the node.
	pub async fn chain(&self) -> Result<Chain, Error> {
		Chain::connect(&self.url).await
	}

	/// The signing key.
	pub fn signer(&self) -> Result<Signer, Error> {
		self.key.signer()
	}

	/// The gateway to upload to: `--gateway`, else the local default.
	pub fn upload_gateway(&self) -> Gateway {
		Gateway::new(self.gateway.as_deref().unwrap_or(DEFAULT_GATEWAY))
	}

	/// The gateway serving a version: `--gateway`, else the version's endpoint.
	pub fn gateway_for(&self, endpoint: &[u8]) -> Result<Gateway, Error> {
		if let Some(g) = &self.gateway {
			return Ok(Gateway::new(g));
		}
		let endpoint = std::str::from_utf8(endpoint).unwrap_or_default();
		if endpoint.is_empty() {
			return Err(Error::Input(
				"the version names no endpoint: pass --gateway with the provider's URL".into(),
			));
		}
		Ok(Gateway::new(endpoint))
	}
}

/// The gateway a dev node runs (`scripts/dev.sh` starts it with `--gateway`).
pub const DEFAULT_GATEWAY: &str = "http://127.0.0.1:9955";

/// What a command prints.
pub struct Output {
	/// For people.
	pub text: String,
	/// For scripts (`--json`).
	pub json: serde_json::Value,
}

impl Output {
	/// An output.
	pub fn new(text: impl Into<String>, json: serde_json::Value) -> Self {
		Self { text: text.into(), json }
	}
}

/// Bytes as text, lossily.
pub(crate) fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// A 32-byte value as 0x-hex.
pub(crate) fn hex32(bytes: &[u8; 32]) -> String {
	format!("0x{}", hex::encode(bytes))
}
