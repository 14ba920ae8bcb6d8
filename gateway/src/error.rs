//! Errors as HTTP answers: a status code and a JSON body `{"error": code, "message": text}`.

use axum::{
	http::StatusCode,
	response::{IntoResponse, Response},
	Json,
};

/// Why a request was refused.
#[derive(Debug)]
pub enum ApiError {
	/// 400: a malformed header, path or body.
	BadRequest(String),
	/// 401: a missing, forged or expired signature.
	Unauthorized(String),
	/// 403: a valid signature of someone without the right.
	Forbidden(String),
	/// 404: no such version, chunk, or stored chunk.
	NotFound(String),
	/// 409: a nonce seen before.
	Replayed,
	/// 413: a body above the limit.
	TooLarge,
	/// 422: a chunk that does not match the registered root.
	Mismatch(String),
	/// 502: the chain or the store failed.
	Upstream(String),
}

impl ApiError {
	/// The status code and the machine-readable code.
	pub fn status(&self) -> (StatusCode, &'static str) {
		match self {
			ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
			ApiError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
			ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
			ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
			ApiError::Replayed => (StatusCode::CONFLICT, "replayed"),
			ApiError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
			ApiError::Mismatch(_) => (StatusCode::UNPROCESSABLE_ENTITY, "root_mismatch"),
			ApiError::Upstream(_) => (StatusCode::BAD_GATEWAY, "upstream"),
		}
	}

	fn message(&self) -> String {
		match self {
			ApiError::BadRequest(m)
			| ApiError::Unauthorized(m)
			| ApiError::Forbidden(m)
			| ApiError::NotFound(m)
			| ApiError::Mismatch(m)
			| ApiError::Upstream(m) => m.clone(),
			ApiError::Replayed => "this nonce was already used; sign a new request".into(),
			ApiError::TooLarge => "the body is larger than a chunk can be".into(),
		}
	}
}

impl std::fmt::Display for ApiError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{}: {}", self.status().1, self.message())
	}
}

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		let (status, code) = self.status();
		let body = serde_json::json!({ "error": code, "message": self.message() });
		(status, Json(body)).into_response()
	}
}
