//! One batch file: a short header (authenticated, not secret), a nonce, and
//! the changes as deflated JSON sealed with XChaCha20-Poly1305 under the sync
//! key. A file that does not authenticate is not (yet) a batch.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use chacha20poly1305::aead::{Aead, KeyInit, Payload as AeadPayload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

const MAGIC: &[u8; 12] = b"GLIMMERSYNC\0";
const VERSION: u8 = 1;
pub(super) const HEADER_LEN: usize = 12 + 1 + 8 + 8;
const NONCE_LEN: usize = 24;
/// The most a batch may hold once inflated: far above what 2,000 changes
/// with pictures make, and a bound on what a hostile file could cost.
pub(super) const MAX_PLAIN: u64 = 1 << 30;

/// What names a batch: its computer and its place in that computer's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct BatchId {
    pub device: [u8; 8],
    pub seq: u64,
}

impl BatchId {
    pub fn device_hex(&self) -> String {
        data_encoding::HEXLOWER.encode(&self.device)
    }
}

/// A device id as its 16 hex digits, back to bytes.
pub(super) fn device_bytes(hex: &str) -> Option<[u8; 8]> {
    data_encoding::HEXLOWER_PERMISSIVE
        .decode(hex.as_bytes())
        .ok()?
        .try_into()
        .ok()
}

/// One record's new state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Change {
    /// The table.
    pub t: String,
    /// The record's key in it.
    pub k: String,
    /// The version's clock.
    pub h: String,
    /// The version it was edited from, if any.
    pub p: Option<String>,
    /// The whole row, or `None` when the record was deleted for good.
    pub r: Option<serde_json::Map<String, serde_json::Value>>,
}

/// What a batch carries inside its encryption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Payload {
    /// The writing computer's name, for people.
    pub name: String,
    /// When it was written, Unix ms.
    pub wrote_at: i64,
    /// How far the writer had applied each computer's batches.
    pub deps: BTreeMap<String, u64>,
    pub changes: Vec<Change>,
    /// Set on a snapshot: it stands for the writer's batches 1..=covers,
    /// which are gone (docs/sync.md "Compaction").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<u64>,
}

fn header(id: BatchId) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[..12].copy_from_slice(MAGIC);
    h[12] = VERSION;
    h[13..21].copy_from_slice(&id.device);
    h[21..].copy_from_slice(&id.seq.to_be_bytes());
    h
}

/// Seals `payload` as batch `id` under `key`.
pub(super) fn seal(key: &[u8; 32], id: BatchId, payload: &Payload) -> Result<Vec<u8>> {
    let json = Zeroizing::new(serde_json::to_vec(payload).expect("changes serialise"));
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    deflate
        .write_all(&json)
        .map_err(|e| Error::Internal(format!("compressing a batch: {e}")))?;
    let plain = Zeroizing::new(
        deflate
            .finish()
            .map_err(|e| Error::Internal(format!("compressing a batch: {e}")))?,
    );
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::getrandom(&mut nonce)
        .map_err(|e| Error::Internal(format!("no random numbers: {e}")))?;
    let head = header(id);
    let sealed = XChaCha20Poly1305::new(key.into())
        .encrypt(
            XNonce::from_slice(&nonce),
            AeadPayload {
                msg: &plain,
                aad: &head,
            },
        )
        .map_err(|_| Error::Internal("a batch could not be sealed".into()))?;
    let mut out = Vec::with_capacity(HEADER_LEN + NONCE_LEN + sealed.len());
    out.extend_from_slice(&head);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// The id a file's header claims, before anything is decrypted; `None` for
/// a file that is not a batch of this version.
pub(super) fn peek(bytes: &[u8]) -> Option<BatchId> {
    if bytes.len() < HEADER_LEN + NONCE_LEN || &bytes[..12] != MAGIC || bytes[12] != VERSION {
        return None;
    }
    Some(BatchId {
        device: bytes[13..21].try_into().ok()?,
        seq: u64::from_be_bytes(bytes[21..29].try_into().ok()?),
    })
}

/// Opens a batch: `None` when it does not authenticate under `key` (half
/// written, damaged, or another journal's) or does not read as a batch.
pub(super) fn open(key: &[u8; 32], bytes: &[u8]) -> Option<(BatchId, Payload)> {
    let id = peek(bytes)?;
    let (head, rest) = bytes.split_at(HEADER_LEN);
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    let plain = Zeroizing::new(
        XChaCha20Poly1305::new(key.into())
            .decrypt(
                XNonce::from_slice(nonce),
                AeadPayload {
                    msg: sealed,
                    aad: head,
                },
            )
            .ok()?,
    );
    let mut json = Zeroizing::new(Vec::new());
    flate2::read::DeflateDecoder::new(plain.as_slice())
        .take(MAX_PLAIN)
        .read_to_end(&mut json)
        .ok()?;
    let payload = serde_json::from_slice(&json).ok()?;
    Some((id, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Payload {
        let mut row = serde_json::Map::new();
        row.insert("body".into(), "a marker word: heron".into());
        Payload {
            name: "laptop".into(),
            wrote_at: 1,
            deps: BTreeMap::from([("00000000000000bb".into(), 3)]),
            changes: vec![Change {
                t: "entries".into(),
                k: "e1".into(),
                h: "000000000001-0000-00000000000000aa".into(),
                p: None,
                r: Some(row),
            }],
            covers: None,
        }
    }

    const ID: BatchId = BatchId {
        device: [0, 0, 0, 0, 0, 0, 0, 0xaa],
        seq: 7,
    };

    #[test]
    fn a_batch_opens_with_its_key_only_and_hides_its_words() {
        let key = [7u8; 32];
        let bytes = seal(&key, ID, &sample()).unwrap();
        assert_eq!(open(&key, &bytes), Some((ID, sample())));
        assert_eq!(open(&[8u8; 32], &bytes), None, "another key");
        assert!(!bytes.windows(5).any(|w| w == b"heron"), "no plaintext");
    }

    #[test]
    fn a_half_written_or_altered_batch_is_not_a_batch() {
        let key = [7u8; 32];
        let bytes = seal(&key, ID, &sample()).unwrap();
        for cut in [0, 10, HEADER_LEN, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(open(&key, &bytes[..cut]), None, "cut at {cut}");
        }
        // The header is authenticated: another sequence number fails.
        let mut moved = bytes.clone();
        moved[28] ^= 1;
        assert_eq!(peek(&moved).map(|i| i.seq), Some(6));
        assert_eq!(open(&key, &moved), None);
    }
}
