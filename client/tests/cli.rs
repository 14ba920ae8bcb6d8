//! The `loam` binary without a chain: offline commands, keys, and the errors a person gets
//! for bad input and an unreachable node. The whole loop against a node runs in
//! `scripts/demo.sh --check` (from `scripts/test.sh`).

use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
};

const LOAM: &str = env!("CARGO_BIN_EXE_loam");

fn sensors() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/sensors.csv")
}

fn loam(args: &[&str]) -> Output {
	Command::new(LOAM)
		.args(args)
		.env_remove("LOAM_SURI")
		.env_remove("LOAM_KEY_FILE")
		.env_remove("LOAM_KEY_PASSWORD")
		.env_remove("LOAM_URL")
		.output()
		.expect("run loam")
}

fn json(out: &Output) -> serde_json::Value {
	serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
		panic!(
			"not JSON ({e}): {}\n{}",
			String::from_utf8_lossy(&out.stdout),
			String::from_utf8_lossy(&out.stderr)
		)
	})
}

fn stderr(out: &Output) -> String {
	String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_explains_every_command() {
	let out = loam(&["--help"]);
	assert!(out.status.success());
	let text = String::from_utf8_lossy(&out.stdout);
	for cmd in ["keys", "dataset", "clean", "offer", "buy", "fetch", "score", "chain", "balance"] {
		assert!(text.contains(cmd), "--help does not mention {cmd}:\n{text}");
	}
	let out = loam(&["clean", "--help"]);
	assert!(String::from_utf8_lossy(&out.stdout).contains("filter-range"));
}

#[test]
fn inspect_commits_a_file_offline_like_the_library() {
	let out = loam(&[
		"--json",
		"dataset",
		"inspect",
		sensors().to_str().unwrap(),
		"--type",
		"temp_c=decimal(2)",
	]);
	assert!(out.status.success(), "{}", stderr(&out));
	let v = json(&out);
	let options = loam_data::io::ReadOptions {
		overrides: vec![("temp_c".into(), loam_data::ColumnType::Decimal { scale: 2 })],
		..Default::default()
	};
	let (schema, c) = loam_data::io::commit_file(&sensors(), &options).unwrap();
	assert_eq!(v["rows"], c.rows);
	assert_eq!(v["chunks"], c.chunks());
	assert_eq!(v["root"], format!("0x{}", hex::encode(loam_data::field::to_bytes(&c.root))));
	assert_eq!(v["schema"].as_array().unwrap().len(), schema.width());
	assert_eq!(v["schema"][2]["type"], "decimal(2)");

	// Another type for a column is another schema, so another root.
	let other = json(&loam(&[
		"--json",
		"dataset",
		"inspect",
		sensors().to_str().unwrap(),
		"--type",
		"temp_c=decimal(3)",
	]));
	assert_eq!(other["rows"], v["rows"]);
	assert_ne!(other["root"], v["root"]);
}

#[test]
fn bad_input_gets_a_clear_error_and_exit_code_2() {
	let out = loam(&["dataset", "inspect", "/nonexistent/data.csv"]);
	assert_eq!(out.status.code(), Some(2));
	assert!(stderr(&out).contains("no such file"), "{}", stderr(&out));

	let out = loam(&["dataset", "inspect", sensors().to_str().unwrap(), "--type", "temp_c=float"]);
	assert_eq!(out.status.code(), Some(2));
	assert!(stderr(&out).contains("unknown column type"), "{}", stderr(&out));

	let out = loam(&["--json", "dataset", "inspect", "data.xlsx"]);
	assert_eq!(out.status.code(), Some(2));
	assert_eq!(json(&out)["error"], "input");

	// A command that signs, without a key.
	let out = loam(&["dataset", "register", sensors().to_str().unwrap()]);
	assert_eq!(out.status.code(), Some(2));
	assert!(stderr(&out).contains("--suri"), "{}", stderr(&out));

	let out = loam(&["--suri", "not a valid phrase", "keys", "inspect"]);
	assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_unreachable_node_is_said_so_with_exit_code_3() {
	let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
	let url = format!("ws://127.0.0.1:{port}");
	let out = loam(&["--url", &url, "chain", "status"]);
	assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
	assert!(stderr(&out).contains("cannot reach the node"), "{}", stderr(&out));
	let out = loam(&["--url", &url, "--json", "score", "show", "0"]);
	assert_eq!(out.status.code(), Some(3));
	assert_eq!(json(&out)["error"], "unreachable");
}

#[test]
fn new_keys_inspect_and_round_trip_through_an_encrypted_key_file() {
	let dir = tempfile::tempdir().unwrap();
	let file = dir.path().join("key.json");
	let file = file.to_str().unwrap();
	let out = loam(&["--json", "--password", "s3cret", "keys", "new", "--out", file]);
	assert!(out.status.success(), "{}", stderr(&out));
	let made = json(&out);
	let phrase = made["phrase"].as_str().unwrap();
	assert_eq!(phrase.split(' ').count(), 12);

	let by_phrase = json(&loam(&["--json", "--suri", phrase, "keys", "inspect"]));
	assert_eq!(by_phrase["address"], made["address"]);
	let by_file =
		json(&loam(&["--json", "--key-file", file, "--password", "s3cret", "keys", "inspect"]));
	assert_eq!(by_file["address"], made["address"]);

	let wrong = loam(&["--key-file", file, "--password", "guess", "keys", "inspect"]);
	assert_eq!(wrong.status.code(), Some(2));
	assert!(stderr(&wrong).contains("wrong password"), "{}", stderr(&wrong));

	// Never overwrites a key file.
	let again = loam(&["--password", "x", "keys", "new", "--out", file]);
	assert_eq!(again.status.code(), Some(2));
	let alice = json(&loam(&["--json", "--suri", "//Alice", "keys", "inspect"]));
	assert_eq!(
		alice["public"],
		"0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
	);
}
