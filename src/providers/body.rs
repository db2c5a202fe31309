//! Answers read with a size limit: whatever answers at a provider's address
//! and sends without end costs no more memory than [`MAX_ANSWER`].

use std::fmt;

/// The most one answer may hold: 32 MiB (a page of a thousand invoices or
/// call records is well under 2 MiB).
pub const MAX_ANSWER: usize = 32 << 20;

/// Why an answer could not be read whole.
#[derive(Debug)]
pub enum BodyError {
    /// Past [`MAX_ANSWER`]: reading stopped there.
    TooLarge,
    /// The connection broke off.
    Network(reqwest::Error),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::TooLarge => write!(
                f,
                "the answer is larger than {} MiB, more than any answer of the service",
                MAX_ANSWER >> 20
            ),
            BodyError::Network(e) => write!(f, "{e}"),
        }
    }
}

/// The body of `resp`, up to [`MAX_ANSWER`] bytes.
pub async fn read(mut resp: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    read_up_to(&mut resp, MAX_ANSWER).await
}

async fn read_up_to(resp: &mut reqwest::Response, max: usize) -> Result<Vec<u8>, BodyError> {
    let mut out = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Network)? {
        if out.len() + chunk.len() > max {
            return Err(BodyError::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A server whose one answer never ends.
    fn endless() -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        std::thread::spawn(move || {
            if let Ok((mut s, _)) = listener.accept() {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[");
                let chunk = vec![b' '; 1 << 16];
                while s.write_all(&chunk).is_ok() {}
            }
        });
        format!("http://{addr}/")
    }

    #[tokio::test]
    async fn an_answer_without_end_stops_at_the_limit() {
        crate::providers::install_crypto_provider();
        let client = reqwest::Client::builder().build().expect("client");
        let mut resp = client.get(endless()).send().await.expect("answer");
        let r = read_up_to(&mut resp, 1 << 20).await;
        assert!(matches!(r, Err(BodyError::TooLarge)), "{r:?}");
        assert!(
            BodyError::TooLarge
                .to_string()
                .contains("larger than 32 MiB")
        );
    }
}
