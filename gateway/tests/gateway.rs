//! The gateway over an in-memory chain: uploads checked against the root and resumable,
//! downloads for owners, validators and buyers only, signatures that cannot be forged,
//! replayed or kept past their expiry, and JSON errors with fitting status codes.

use codec::Encode;
use loam_data::{
	delivery::{Action, ChunkEnvelope, SignedRequest},
	field, Chunk, Column, ColumnData, ColumnType, DatasetBuilder, Schema,
};
use loam_gateway::{
	auth::unix_now,
	chain::{Chain, Details},
	client::Client,
	store::Store,
	Gateway,
};
use pallet_datasets::{Commitment, Dataset, DatasetDetails, Status};
use sp_core::{sr25519, Pair};
use sp_runtime::{AccountId32, Permill};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Default)]
struct FakeChain {
	datasets: HashMap<u64, Details>,
	access: HashSet<([u8; 32], u64)>,
	validators: HashSet<[u8; 32]>,
}

impl Chain for FakeChain {
	async fn dataset(&self, version: u64) -> Result<Option<Details>, String> {
		Ok(self.datasets.get(&version).cloned())
	}
	async fn has_access(&self, who: [u8; 32], version: u64) -> Result<bool, String> {
		Ok(self.access.contains(&(who, version)))
	}
	async fn is_validator(&self, who: [u8; 32]) -> Result<bool, String> {
		Ok(self.validators.contains(&who))
	}
}

fn pair(seed: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{seed}"), None).unwrap()
}

/// Three chunks of a two-column table, their envelopes, and the registration.
fn dataset(owner: &sr25519::Pair) -> (Vec<ChunkEnvelope>, Details) {
	let schema = Schema::new(vec![
		Column::new("x", ColumnType::Int64, false),
		Column::new("y", ColumnType::Utf8, true),
	])
	.unwrap();
	let chunks: Vec<Chunk> = (0..3)
		.map(|c| Chunk {
			columns: vec![
				ColumnData::Int64((0..10).map(|r| Some(c * 10 + r)).collect()),
				ColumnData::Utf8((0..10).map(|r| Some(format!("t{r}").into_bytes())).collect()),
			],
		})
		.collect();
	let mut builder = DatasetBuilder::new(schema.clone());
	for c in &chunks {
		builder.push(c).unwrap();
	}
	let commitment = builder.finish().unwrap();
	let envelopes = chunks
		.iter()
		.enumerate()
		.map(|(i, c)| ChunkEnvelope {
			index: i as u32,
			chunk: c.encode(),
			path: commitment.path(i).unwrap(),
		})
		.collect();
	let owner = AccountId32::from(owner.public().0);
	let details = DatasetDetails {
		id: 7,
		dataset: Dataset {
			owner: owner.clone(),
			commitment: Commitment {
				root: field::to_bytes(&commitment.root),
				merkle_root: field::to_bytes(&commitment.merkle_root),
				schema_hash: field::to_bytes(&commitment.schema_hash),
				rows: commitment.rows,
				chunks: commitment.chunks(),
				bytes: 0,
			},
			parent: None,
			depth: 0,
			royalty: Permill::zero(),
			depositor: owner,
			deposit: 0,
			status: Status::Active,
			registered: 1,
		},
		schema: schema.encode(),
		name: b"t".to_vec(),
		description: vec![],
		tags: vec![],
		license: vec![],
		endpoint: vec![],
	};
	(envelopes, details)
}

async fn start(chain: FakeChain, dir: &std::path::Path) -> Client {
	let store = Store::local(dir).unwrap();
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
	let addr = listener.local_addr().unwrap();
	tokio::spawn(loam_gateway::serve(listener, Gateway::new(chain, store)));
	Client::new(&format!("http://{addr}"))
}

#[tokio::test]
async fn uploads_are_checked_and_resume_downloads_need_a_right() {
	let (owner, buyer, validator, stranger) =
		(pair("Owner"), pair("Buyer"), pair("Validator"), pair("Stranger"));
	let (envelopes, details) = dataset(&owner);
	let mut chain = FakeChain::default();
	chain.datasets.insert(7, details);
	chain.access.insert((buyer.public().0, 7));
	chain.validators.insert(validator.public().0);
	let dir = tempfile::tempdir().unwrap();
	let gw = start(chain, dir.path()).await;

	// Only the owner uploads.
	let refused = gw.upload(&stranger, 7, &envelopes[0]).await.unwrap_err();
	assert_eq!((refused.status, refused.code.as_str()), (Some(403), "forbidden"));

	// A tampered chunk does not match the root: refused, nothing stored.
	let mut tampered = envelopes[1].clone();
	let mut chunk: Chunk = codec::Decode::decode(&mut &tampered.chunk[..]).unwrap();
	if let ColumnData::Int64(v) = &mut chunk.columns[0] {
		v[3] = Some(999);
	}
	tampered.chunk = chunk.encode();
	let refused = gw.upload(&owner, 7, &tampered).await.unwrap_err();
	assert_eq!((refused.status, refused.code.as_str()), (Some(422), "root_mismatch"), "{refused}");
	// The right chunk under another index is refused too.
	let moved = ChunkEnvelope { index: 2, ..envelopes[1].clone() };
	assert_eq!(gw.upload(&owner, 7, &moved).await.unwrap_err().status, Some(400));

	// An interrupted upload: chunk 0 only. The status names what is missing.
	assert!(gw.upload(&owner, 7, &envelopes[0]).await.unwrap());
	let status = gw.status(7).await.unwrap();
	assert_eq!(status["complete"], false);
	assert_eq!(status["missing"], serde_json::json!([1, 2]));
	let raw_status = || async {
		let url = format!("{}{}", gw.base(), loam_data::delivery::dataset_path(7));
		reqwest::get(url).await.unwrap().bytes().await.unwrap()
	};
	// The scoring worker reads the raw body without a JSON parser.
	assert!(!loam_data::delivery::status_complete(&raw_status().await));
	// Resuming: the stored chunk is not sent again (or, if it is, nothing happens).
	assert!(!gw.upload(&owner, 7, &envelopes[0]).await.unwrap(), "already stored");
	for e in &envelopes[1..] {
		assert!(gw.upload(&owner, 7, e).await.unwrap());
	}
	assert_eq!(gw.status(7).await.unwrap()["complete"], true);
	assert!(
		loam_data::delivery::status_complete(&raw_status().await),
		"the worker sees it complete"
	);

	// Downloads: owner, validator and buyer get the chunk and its path; a stranger not.
	for who in [&owner, &validator, &buyer] {
		assert_eq!(gw.download(who, 7, 1).await.unwrap(), envelopes[1]);
	}
	let refused = gw.download(&stranger, 7, 1).await.unwrap_err();
	assert_eq!((refused.status, refused.code.as_str()), (Some(403), "forbidden"));

	// Unknown version and chunk: 404 with a JSON body.
	assert_eq!(gw.download(&owner, 8, 0).await.unwrap_err().status, Some(404));
	assert_eq!(gw.download(&owner, 7, 3).await.unwrap_err().status, Some(404));
	assert_eq!(gw.status(8).await.unwrap_err().code, "not_found");
}

#[tokio::test]
async fn forged_expired_and_replayed_requests_are_refused() {
	let owner = pair("Owner");
	let (envelopes, details) = dataset(&owner);
	let mut chain = FakeChain::default();
	chain.datasets.insert(7, details);
	let dir = tempfile::tempdir().unwrap();
	let gw = start(chain, dir.path()).await;
	gw.upload(&owner, 7, &envelopes[0]).await.unwrap();

	let fresh = |nonce| SignedRequest {
		action: Action::Download,
		version: 7,
		index: 0,
		expiry: unix_now() + 60,
		nonce,
	};
	// Replayed: the same signed request twice.
	let request = fresh(1);
	assert!(gw.download_signed(&owner, &request).await.is_ok());
	let again = gw.download_signed(&owner, &request).await.unwrap_err();
	assert_eq!((again.status, again.code.as_str()), (Some(409), "replayed"));

	// Expired, or valid for too long.
	let expired = SignedRequest { expiry: unix_now() - 1, ..fresh(2) };
	assert_eq!(gw.download_signed(&owner, &expired).await.unwrap_err().status, Some(401));
	let forever = SignedRequest { expiry: unix_now() + 86_400, ..fresh(3) };
	assert_eq!(gw.download_signed(&owner, &forever).await.unwrap_err().status, Some(401));

	// Signed for an upload, or for another chunk: the signature does not match.
	let upload = SignedRequest { action: Action::Upload, ..fresh(4) };
	let http = reqwest::Client::new();
	let base = gw_base(&gw).await;
	let mut builder = http.get(format!("{base}/v1/datasets/7/chunks/0"));
	for (k, v) in loam_gateway::auth::sign_headers(&owner, &upload) {
		builder = builder.header(k, v);
	}
	let response = builder.send().await.unwrap();
	assert_eq!(response.status(), 401);
	let body: serde_json::Value = response.json().await.unwrap();
	assert_eq!(body["error"], "unauthorized");
	assert!(body["message"].as_str().unwrap().contains("signature"));

	// No signature at all.
	let response = http.get(format!("{base}/v1/datasets/7/chunks/0")).send().await.unwrap();
	assert_eq!(response.status(), 401);
	// Junk in the path.
	let response = http.get(format!("{base}/v1/datasets/seven/chunks/0")).send().await.unwrap();
	assert_eq!(response.status(), 400);
}

async fn gw_base(gw: &Client) -> String {
	gw.base().to_string()
}

/// The headers of a whole-version download signed as a browser wallet signs
/// (`<Bytes>…</Bytes>`).
fn wallet_headers(who: &sr25519::Pair, version: u64, nonce: u64) -> Vec<(String, String)> {
	use loam_data::delivery::{self, ALL_CHUNKS};
	let request = SignedRequest {
		action: Action::DownloadVersion,
		version,
		index: ALL_CHUNKS,
		expiry: unix_now() + 300,
		nonce,
	};
	let signature = who.sign(&delivery::wrap_bytes(&request.message()));
	vec![
		(delivery::HEADER_SIGNER.into(), delivery::to_hex(&who.public().0)),
		(delivery::HEADER_EXPIRY.into(), request.expiry.to_string()),
		(delivery::HEADER_NONCE.into(), nonce.to_string()),
		(delivery::HEADER_SIGNATURE.into(), format!("0x{}", delivery::to_hex(&signature.0))),
		(delivery::HEADER_SCOPE.into(), delivery::SCOPE_VERSION.into()),
	]
}

#[tokio::test]
async fn a_wallet_signs_once_for_a_whole_version_and_the_app_is_served() {
	let (owner, buyer, stranger) = (pair("Owner"), pair("Buyer"), pair("Stranger"));
	let (envelopes, details) = dataset(&owner);
	let mut chain = FakeChain::default();
	chain.datasets.insert(7, details);
	chain.access.insert((buyer.public().0, 7));
	let dir = tempfile::tempdir().unwrap();
	let web = tempfile::tempdir().unwrap();
	std::fs::write(web.path().join("index.html"), "<h1>Loam</h1>").unwrap();
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
	let base = format!("http://{}", listener.local_addr().unwrap());
	let gateway =
		Gateway::new(chain, Store::local(dir.path()).unwrap()).with_web(web.path().into());
	tokio::spawn(loam_gateway::serve(listener, gateway));
	let gw = Client::new(&base);
	for e in &envelopes {
		gw.upload(&owner, 7, e).await.unwrap();
	}
	let http = reqwest::Client::new();
	let get = |index: u32, headers: Vec<(String, String)>| {
		let mut b = http.get(format!("{base}/v1/datasets/7/chunks/{index}"));
		for (k, v) in headers {
			b = b.header(k, v);
		}
		async move { b.send().await.unwrap() }
	};

	// One signature, every chunk once.
	let signed = wallet_headers(&buyer, 7, 42);
	for (i, want) in envelopes.iter().enumerate() {
		let response = get(i as u32, signed.clone()).await;
		assert_eq!(response.status(), 200, "chunk {i}");
		let body = response.bytes().await.unwrap();
		assert_eq!(&<ChunkEnvelope as codec::Decode>::decode(&mut &body[..]).unwrap(), want);
	}
	assert_eq!(get(1, signed.clone()).await.status(), 409, "each chunk once per signature");
	// Without the scope header the signature is over another message.
	let unscoped: Vec<_> = wallet_headers(&buyer, 7, 43)
		.into_iter()
		.filter(|(k, _)| k != loam_data::delivery::HEADER_SCOPE)
		.collect();
	assert_eq!(get(0, unscoped).await.status(), 401);
	// Signed for version 7, asked for version 8's chunk: the signature does not match.
	let other = wallet_headers(&buyer, 8, 44);
	assert_eq!(get(0, other).await.status(), 401);
	// A stranger's whole-version request is refused as any of theirs.
	assert_eq!(get(0, wallet_headers(&stranger, 7, 45)).await.status(), 403);
	// The scope is for downloads only.
	let mut put = http.put(format!("{base}/v1/datasets/7/chunks/0")).body(envelopes[0].encode());
	for (k, v) in wallet_headers(&owner, 7, 46) {
		put = put.header(k, v);
	}
	assert_eq!(put.send().await.unwrap().status(), 400);

	// Any origin may call the API (the web app may be served elsewhere).
	let preflight = http
		.request(reqwest::Method::OPTIONS, format!("{base}/v1/datasets/7/chunks/0"))
		.header("origin", "http://127.0.0.1:4173")
		.header("access-control-request-method", "GET")
		.header("access-control-request-headers", "x-loam-signer,x-loam-scope")
		.send()
		.await
		.unwrap();
	assert!(preflight.status().is_success());
	assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
	// The web app at `/`, the API beside it.
	let index = http.get(format!("{base}/")).send().await.unwrap();
	assert_eq!(index.text().await.unwrap(), "<h1>Loam</h1>");
	assert_eq!(gw.status(7).await.unwrap()["complete"], true);
	assert_eq!(http.get(format!("{base}/nothing.js")).send().await.unwrap().status(), 404);
}
