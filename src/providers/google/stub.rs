use std::time::Duration;
use super::*;
#[derive(Clone, Debug)]
pub struct GoogleSettings { pub client_email: String, pub private_key: String, pub token_uri: String, pub subject: Option<String>, pub base_url: String, pub retry: RetryPolicy }
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy { pub retries: u32, pub base: Duration, pub max_wait: Duration, pub timeout: Duration }
impl Default for RetryPolicy { fn default() -> Self { RetryPolicy{retries:3, base: Duration::from_millis(500), max_wait: Duration::from_secs(30), timeout: Duration::from_secs(30)} } }
impl GoogleSettings { pub fn from_key_json(_json: &str, _subject: Option<String>, _base_url: Option<String>) -> Result<GoogleSettings, String> { Err("x".into()) } }
pub struct GoogleClient;
impl GoogleClient {
    pub async fn new(_s: GoogleSettings) -> Result<GoogleClient, GoogleError> { Ok(GoogleClient) }
    pub async fn list(&self, _c: &str, _q: &ListQuery) -> Result<Page, GoogleError> { Err(GoogleError::Deleted) }
    pub async fn get(&self, _c: &str, _id: &str) -> Result<RemoteEvent, GoogleError> { Err(GoogleError::Deleted) }
    pub async fn insert(&self, _c: &str, _id: &str, _ev: &EventWrite) -> Result<RemoteEvent, GoogleError> { Err(GoogleError::Deleted) }
    pub async fn patch(&self, _c: &str, _id: &str, _m: Option<&str>, _ev: &EventWrite) -> Result<RemoteEvent, GoogleError> { Err(GoogleError::Deleted) }
    pub async fn delete(&self, _c: &str, _id: &str, _m: Option<&str>) -> Result<(), GoogleError> { Err(GoogleError::Deleted) }
    pub async fn check_auth(&self) -> Result<(), GoogleError> { Ok(()) }
    pub fn requests(&self) -> u64 { 0 }
}
