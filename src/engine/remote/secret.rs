//! Token secrets: 32 random bytes written in base64url, shown once; only
//! their SHA-256 is kept, and a presented secret is compared with each
//! kept hash in constant time.

use base64::Engine as _;
use ring::digest::{SHA256, digest};
use ring::rand::{SecureRandom, SystemRandom};

use super::RemoteError;
use crate::store::TokenRecord;

/// A new secret and the hash to keep of it.
pub struct NewSecret {
    /// Shown to the person once, never stored.
    pub secret: String,
    pub hash: [u8; 32],
}

/// Makes a secret from the system's random source.
pub fn new_secret() -> Result<NewSecret, RemoteError> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| RemoteError::Failed("the system's random source failed".into()))?;
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_secret(&secret);
    Ok(NewSecret { secret, hash })
}

/// The SHA-256 of a secret as presented.
pub fn hash_secret(secret: &str) -> [u8; 32] {
    let d = digest(&SHA256, secret.trim().as_bytes());
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// Equal, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The live token whose hash is the presented secret's. Every hash is
/// compared, so the time taken says nothing of which one matched.
pub(super) fn find<'a>(
    live: &'a [(Vec<u8>, TokenRecord)],
    presented: &str,
) -> Option<&'a TokenRecord> {
    let want = hash_secret(presented);
    let mut found = None;
    for (hash, t) in live {
        if same(hash, &want) && found.is_none() {
            found = Some(t);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_43_base64url_characters_and_hashes_to_what_is_kept() {
        let a = new_secret().unwrap();
        let b = new_secret().unwrap();
        assert_eq!(a.secret.len(), 43);
        assert!(
            a.secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(a.secret, b.secret);
        assert_eq!(hash_secret(&a.secret), a.hash);
        assert!(same(&a.hash, &hash_secret(&a.secret)));
        assert!(!same(&a.hash, &b.hash));
        assert!(!same(&a.hash, &a.hash[..31]));
    }
}
