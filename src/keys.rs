//! Key slots: the random data key that opens the database, wrapped by the
//! passphrase (Argon2id) and by the recovery key (HKDF, it is already random).
//! `vault.json` holds only wrapped keys, salts and parameters; never a secret.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::{BASE32_NOPAD, BASE64};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

/// The 256-bit key SQLCipher uses. Zeroed when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn random() -> Result<Self, KeyError> {
        let mut k = Zeroizing::new([0u8; 32]);
        fill_random(k.as_mut())?;
        Ok(Self(k))
    }

    /// Whether two keys are the same key, compared without an early exit.
    pub fn same_as(&self, other: &DataKey) -> bool {
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |d, (a, b)| d | (a ^ b))
            == 0
    }

    /// A 256-bit key for another use of this one (HKDF-SHA256), so the
    /// database key itself serves only the database.
    pub fn derive(&self, salt: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(Some(salt), self.0.as_ref())
            .expand(info, out.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        out
    }

    /// `PRAGMA key = "x'…'"`: the raw key as SQLCipher takes it, in a buffer zeroed when dropped.
    pub fn pragma_statement(&self) -> Zeroizing<String> {
        self.pragma("key")
    }

    /// `ATTACH DATABASE '<file>' AS <schema> KEY "x'…'"`: a new file keyed
    /// with this key, for `sqlcipher_export`. `file` must hold no quote.
    pub fn attach_statement(&self, file: &str, schema: &str) -> Zeroizing<String> {
        let key = self.pragma("key");
        // The quoted key literal from the pragma: "x'…'".
        let literal = &key[key.find('"').unwrap_or(0)..key.len() - 1];
        let mut s = Zeroizing::new(String::with_capacity(
            28 + file.len() + schema.len() + literal.len(),
        ));
        s.push_str("ATTACH DATABASE '");
        s.push_str(file);
        s.push_str("' AS ");
        s.push_str(schema);
        s.push_str(" KEY ");
        s.push_str(literal);
        s.push(';');
        s
    }

    fn pragma(&self, name: &str) -> Zeroizing<String> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = Zeroizing::new(String::with_capacity(80 + name.len()));
        s.push_str("PRAGMA ");
        s.push_str(name);
        s.push_str(" = \"x'");
        for b in self.0.iter() {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 15)]));
        }
        s.push_str("'\";");
        s
    }
}

/// A secret the user typed or pasted. Zeroed when dropped; never printed by `Debug`.
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(Zeroizing::new(s.into()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Argon2id cost, stored beside each passphrase slot so it can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl Default for KdfParams {
    /// m = 64 MiB, t = 3, p = 4: costly enough to slow guessing, quick enough to unlock in a second.
    fn default() -> Self {
        Self {
            m_kib: 64 * 1024,
            t: 3,
            p: 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Slot {
    Passphrase {
        kdf: KdfParams,
        salt: String,
        nonce: String,
        wrapped: String,
    },
    Recovery {
        salt: String,
        nonce: String,
        wrapped: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the passphrase or recovery key does not match")]
    Mismatch,
    #[error("the key file is damaged: {0}")]
    Damaged(String),
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

impl From<KeyError> for crate::Error {
    fn from(e: KeyError) -> Self {
        match e {
            KeyError::Mismatch => crate::Error::WrongPassphrase,
            KeyError::Damaged(d) => crate::Error::Damaged(format!(
                "The vault's key file vault.json is damaged ({d}). Nothing was changed."
            )),
            KeyError::Random(d) => crate::Error::Internal(format!("no random numbers: {d}")),
        }
    }
}

const AAD_PASSPHRASE: &[u8] = b"glimmer-vault/v1/passphrase";
const AAD_RECOVERY: &[u8] = b"glimmer-vault/v1/recovery";

fn fill_random(buf: &mut [u8]) -> Result<(), KeyError> {
    getrandom::getrandom(buf).map_err(|e| KeyError::Random(e.to_string()))
}

impl KdfParams {
    /// The most a key file may ask of the KDF: today's default work ×4 (m up
    /// to 256 MiB, t up to 12, m × t at most 4 × the default's, p up to 16).
    /// `vault.json` is not authenticated, so anyone who can write it could
    /// otherwise make every unlock take many seconds, exhaust memory (abort)
    /// or spin for hours (hang); the ×4 leaves room to raise the default later.
    pub fn within_ceiling(&self) -> bool {
        let d = Self::default();
        let work = u64::from(self.m_kib) * u64::from(self.t);
        let most = 4 * u64::from(d.m_kib) * u64::from(d.t);
        self.m_kib <= 4 * d.m_kib && self.t <= 4 * d.t && work <= most && self.p <= 16
    }
}

fn argon2_kek(
    passphrase: &Secret,
    salt: &[u8],
    kdf: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    if !kdf.within_ceiling() {
        return Err(KeyError::Damaged(format!(
            "its key-derivation settings (m = {} KiB, t = {}, p = {}) are beyond what Glimmer writes",
            kdf.m_kib, kdf.t, kdf.p
        )));
    }
    let params = Params::new(kdf.m_kib, kdf.t, kdf.p, Some(32))
        .map_err(|e| KeyError::Damaged(format!("bad KDF parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.expose().as_bytes(), salt, out.as_mut())
        .map_err(|e| KeyError::Damaged(format!("KDF failed: {e}")))?;
    Ok(out)
}

fn hkdf_kek(recovery: &[u8], salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(salt), recovery)
        .expand(AAD_RECOVERY, out.as_mut())
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    out
}

struct Sealed {
    salt: String,
    nonce: String,
    wrapped: String,
}

fn seal(kek: &[u8; 32], salt: &[u8], key: &DataKey, aad: &[u8]) -> Result<Sealed, KeyError> {
    let mut nonce = [0u8; 24];
    fill_random(&mut nonce)?;
    let cipher = XChaCha20Poly1305::new(kek.into());
    let wrapped = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: key.0.as_ref(),
                aad,
            },
        )
        .map_err(|_| KeyError::Damaged("could not wrap the key".into()))?;
    Ok(Sealed {
        salt: BASE64.encode(salt),
        nonce: BASE64.encode(&nonce),
        wrapped: BASE64.encode(&wrapped),
    })
}

fn decode(field: &str, what: &str) -> Result<Vec<u8>, KeyError> {
    BASE64
        .decode(field.as_bytes())
        .map_err(|_| KeyError::Damaged(format!("{what} is not valid base64")))
}

fn open(kek: &[u8; 32], nonce: &str, wrapped: &str, aad: &[u8]) -> Result<DataKey, KeyError> {
    let nonce = decode(nonce, "nonce")?;
    if nonce.len() != 24 {
        return Err(KeyError::Damaged("nonce has the wrong length".into()));
    }
    let wrapped = decode(wrapped, "wrapped key")?;
    let cipher = XChaCha20Poly1305::new(kek.into());
    let mut plain = Zeroizing::new(
        cipher
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad })
            .map_err(|_| KeyError::Mismatch)?,
    );
    let key: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| KeyError::Damaged("wrapped key has the wrong length".into()))?;
    plain.zeroize();
    Ok(DataKey(Zeroizing::new(key)))
}

impl Slot {
    /// What kind of slot this is, for people: "passphrase" or "recovery key".
    pub fn kind(&self) -> &'static str {
        match self {
            Slot::Passphrase { .. } => "passphrase",
            Slot::Recovery { .. } => "recovery key",
        }
    }

    /// Whether the slot is whole (fields decode, sizes and KDF settings in
    /// bounds), without any secret: what `glimmer check` can say of a slot
    /// it was not opened with.
    pub fn is_whole(&self) -> bool {
        let (salt, nonce, wrapped, kdf) = match self {
            Slot::Passphrase {
                kdf,
                salt,
                nonce,
                wrapped,
            } => (salt, nonce, wrapped, Some(kdf)),
            Slot::Recovery {
                salt,
                nonce,
                wrapped,
            } => (salt, nonce, wrapped, None),
        };
        let len = |f: &str| decode(f, "field").map(|v| v.len()).ok();
        len(salt).is_some_and(|n| n >= 16)
            && len(nonce) == Some(24)
            && len(wrapped) == Some(48)
            && kdf.is_none_or(KdfParams::within_ceiling)
    }
    pub fn wrap_passphrase(
        key: &DataKey,
        passphrase: &Secret,
        kdf: KdfParams,
    ) -> Result<Self, KeyError> {
        let mut salt = [0u8; 16];
        fill_random(&mut salt)?;
        let kek = argon2_kek(passphrase, &salt, kdf)?;
        let s = seal(&kek, &salt, key, AAD_PASSPHRASE)?;
        Ok(Slot::Passphrase {
            kdf,
            salt: s.salt,
            nonce: s.nonce,
            wrapped: s.wrapped,
        })
    }

    pub fn wrap_recovery(key: &DataKey, recovery: &RecoveryKey) -> Result<Self, KeyError> {
        let mut salt = [0u8; 16];
        fill_random(&mut salt)?;
        let kek = hkdf_kek(&recovery.0, &salt);
        let s = seal(&kek, &salt, key, AAD_RECOVERY)?;
        Ok(Slot::Recovery {
            salt: s.salt,
            nonce: s.nonce,
            wrapped: s.wrapped,
        })
    }

    /// Tries this slot with a passphrase. Recovery slots never match a passphrase.
    pub fn unwrap_passphrase(&self, passphrase: &Secret) -> Result<DataKey, KeyError> {
        match self {
            Slot::Passphrase {
                kdf,
                salt,
                nonce,
                wrapped,
            } => {
                let kek = argon2_kek(passphrase, &decode(salt, "salt")?, *kdf)?;
                open(&kek, nonce, wrapped, AAD_PASSPHRASE)
            }
            Slot::Recovery { .. } => Err(KeyError::Mismatch),
        }
    }

    pub fn unwrap_recovery(&self, recovery: &RecoveryKey) -> Result<DataKey, KeyError> {
        match self {
            Slot::Recovery {
                salt,
                nonce,
                wrapped,
            } => {
                let kek = hkdf_kek(&recovery.0, &decode(salt, "salt")?);
                open(&kek, nonce, wrapped, AAD_RECOVERY)
            }
            Slot::Passphrase { .. } => Err(KeyError::Mismatch),
        }
    }
}

/// 160 random bits shown once as eight groups of four base32 letters,
/// e.g. `ABCD-EFGH-…`: easy to write down, forgiving about case and dashes.
pub struct RecoveryKey(Zeroizing<Vec<u8>>);

impl RecoveryKey {
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = Zeroizing::new(vec![0u8; 20]);
        fill_random(&mut bytes)?;
        Ok(Self(bytes))
    }

    /// Accepts what the user typed: any case, with or without dashes and spaces.
    pub fn parse(text: &str) -> Option<Self> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        );
        let bytes = BASE32_NOPAD.decode(cleaned.as_bytes()).ok()?;
        (bytes.len() == 20).then(|| Self(Zeroizing::new(bytes)))
    }

    pub fn display(&self) -> Zeroizing<String> {
        let plain = Zeroizing::new(BASE32_NOPAD.encode(&self.0));
        let groups: Vec<&str> = plain
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("base32 is ASCII"))
            .collect();
        Zeroizing::new(groups.join("-"))
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> KdfParams {
        KdfParams {
            m_kib: 256,
            t: 1,
            p: 1,
        }
    }

    #[test]
    fn passphrase_slot_round_trips_and_rejects_other_passphrases() {
        let key = DataKey::random().unwrap();
        let slot = Slot::wrap_passphrase(&key, &Secret::new("correct horse"), cheap()).unwrap();
        let back = slot
            .unwrap_passphrase(&Secret::new("correct horse"))
            .unwrap();
        assert_eq!(back.0.as_ref(), key.0.as_ref());
        assert!(matches!(
            slot.unwrap_passphrase(&Secret::new("correct hors")),
            Err(KeyError::Mismatch)
        ));
    }

    #[test]
    fn recovery_key_parses_forgivingly_and_unwraps() {
        let key = DataKey::random().unwrap();
        let rk = RecoveryKey::generate().unwrap();
        let shown = rk.display();
        assert_eq!(shown.split('-').count(), 8);
        let typed = shown.to_lowercase().replace('-', " ");
        let parsed = RecoveryKey::parse(&typed).unwrap();
        let slot = Slot::wrap_recovery(&key, &rk).unwrap();
        assert_eq!(
            slot.unwrap_recovery(&parsed).unwrap().0.as_ref(),
            key.0.as_ref()
        );
        let other = RecoveryKey::generate().unwrap();
        assert!(matches!(
            slot.unwrap_recovery(&other),
            Err(KeyError::Mismatch)
        ));
        assert!(RecoveryKey::parse("too-short").is_none());
    }

    #[test]
    fn the_key_pragma_is_a_quoted_raw_key_literal_that_never_grows() {
        let k = DataKey([0xab; 32].into());
        let v = k.pragma_statement();
        assert_eq!(*v, format!("PRAGMA key = \"x'{}'\";", "ab".repeat(32)));
        // No reallocation: a grown buffer would leave an unwiped copy behind.
        assert_eq!(v.capacity(), v.len());
        let a = k.attach_statement("/v/vault.sqlite.rekeying", "rekeyed");
        assert_eq!(
            *a,
            format!(
                "ATTACH DATABASE '/v/vault.sqlite.rekeying' AS rekeyed KEY \"x'{}'\";",
                "ab".repeat(32)
            )
        );
        assert_eq!(a.capacity(), a.len(), "never grown");
    }

    /// A tampered vault.json asking for more than 4× today's work is damage,
    /// refused before any KDF work is done.
    #[test]
    fn a_slot_beyond_the_kdf_ceiling_is_damaged_and_refused_at_once() {
        let key = DataKey::random().unwrap();
        let slot = Slot::wrap_passphrase(&key, &Secret::new("correct horse"), cheap()).unwrap();
        let Slot::Passphrase {
            salt,
            nonce,
            wrapped,
            ..
        } = slot
        else {
            unreachable!()
        };
        let mib = 1024;
        for (m_kib, t, p) in [
            (512 * mib, 1, 1),
            (256, 16, 1),
            (256 * mib, 4, 1),
            (64 * mib, 13, 1),
            (256, 1, 17),
        ] {
            let kdf = KdfParams { m_kib, t, p };
            assert!(!kdf.within_ceiling(), "{kdf:?}");
            let tampered = Slot::Passphrase {
                kdf,
                salt: salt.clone(),
                nonce: nonce.clone(),
                wrapped: wrapped.clone(),
            };
            assert!(!tampered.is_whole(), "{kdf:?}");
            let started = std::time::Instant::now();
            let refused = tampered.unwrap_passphrase(&Secret::new("correct horse"));
            assert!(matches!(refused, Err(KeyError::Damaged(_))), "{kdf:?}");
            assert!(started.elapsed() < std::time::Duration::from_secs(1));
        }
        for (m_kib, t, p) in [(64 * mib, 3, 4), (256 * mib, 3, 16), (64 * mib, 12, 4)] {
            assert!(KdfParams { m_kib, t, p }.within_ceiling());
        }
    }

    #[test]
    fn secrets_never_print() {
        assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(…)");
        assert_eq!(
            format!("{:?}", RecoveryKey::generate().unwrap()),
            "RecoveryKey(…)"
        );
    }
}
