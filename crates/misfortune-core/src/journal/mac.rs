//! Tamper evidence: every record carries an HMAC-SHA256 over the record's text, chained to the
//! previous record's MAC, under a key kept per installation (0600, in the user's config folder).
//! Every prefix of a journal still verifies, so a journal cut short by a crash resumes as before;
//! an edited, inserted, reordered or deleted record inside it does not.
//!
//! On disk a record line is `{"mac":"<64 hex>",` followed by the record's JSON without its
//! opening brace, so the MAC covers exactly the bytes of the record as written.

use std::io::Write;
use std::path::{Path, PathBuf};

use hmac::{KeyInit, Mac};
use sha2::Sha256;

use super::JournalError;

type HmacSha256 = hmac::Hmac<Sha256>;

/// The MAC of the record before the first.
pub const GENESIS: [u8; 32] = [0; 32];

const PREFIX: &str = "{\"mac\":\"";

/// This installation's journal key.
#[derive(Clone)]
pub struct JournalKey([u8; 32]);

impl std::fmt::Debug for JournalKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JournalKey(..)")
    }
}

impl JournalKey {
    /// A fixed key (tests, tools).
    pub fn from_bytes(bytes: [u8; 32]) -> JournalKey {
        JournalKey(bytes)
    }

    /// Where the key lives: `MISFORTUNE_KEY_FILE`, or `journal.key` in the user's config folder.
    pub fn default_path() -> Option<PathBuf> {
        std::env::var_os("MISFORTUNE_KEY_FILE")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "misfortune")
                    .map(|d| d.config_dir().join("journal.key"))
            })
    }

    /// This installation's key, from [`JournalKey::default_path`] (made on first use).
    pub fn load_default() -> Result<JournalKey, String> {
        let path = Self::default_path().ok_or_else(|| {
            "no config folder for the journal key on this system; set MISFORTUNE_KEY_FILE"
                .to_string()
        })?;
        Self::load_or_create(&path).map_err(|e| e.to_string())
    }

    /// Read the key at `path`, or make a new random one there (readable by its owner only).
    pub fn load_or_create(path: &Path) -> Result<JournalKey, JournalError> {
        let p = path.display().to_string();
        let io = |source| JournalError::Io {
            path: p.clone(),
            source,
        };
        match std::fs::read(path) {
            Ok(bytes) => {
                let hex = String::from_utf8_lossy(&bytes);
                return parse_hex(hex.trim())
                    .map(JournalKey)
                    .ok_or(JournalError::Key {
                        path: p.clone(),
                        why: "it does not hold 64 hexadecimal digits".into(),
                    });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| JournalError::Key {
            path: p.clone(),
            why: format!("no randomness from the operating system: {e}"),
        })?;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        // Written whole to a private temporary file, then linked into place: another process
        // starting at the same moment sees either no key or the whole key, never half of one.
        let mut tmp = tempfile::Builder::new()
            .prefix(".journal-key-")
            .tempfile_in(dir)
            .map_err(io)?;
        tmp.write_all(to_hex(&key).as_bytes()).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(io)?;
        }
        match tmp.persist_noclobber(path) {
            Ok(_) => {}
            // Another process made it first: use theirs.
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                return Self::load_or_create(path);
            }
            Err(e) => return Err(io(e.error)),
        }
        Ok(JournalKey(key))
    }

    /// The MAC of a record's text, chained to the previous record's.
    pub fn mac(&self, prev: &[u8; 32], record: &str) -> [u8; 32] {
        let mut m = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        m.update(prev);
        m.update(record.as_bytes());
        m.finalize().into_bytes().into()
    }
}

/// A signed record line (without its newline).
pub fn signed_line(mac: &[u8; 32], record: &str) -> String {
    format!("{PREFIX}{}\",{}", to_hex(mac), &record[1..])
}

/// Split a line into its MAC (if signed) and the record's own text.
pub fn split_line(line: &str) -> (Option<[u8; 32]>, std::borrow::Cow<'_, str>) {
    if let Some(rest) = line.strip_prefix(PREFIX)
        && rest.len() > 66
        && rest.as_bytes()[64] == b'"'
        && rest.as_bytes()[65] == b','
        // Only the form it was written in: "E" for "e" reads as the same MAC, but the line
        // is no longer the bytes that were written, and a journal either is or is refused.
        && !rest[..64].bytes().any(|b| b.is_ascii_uppercase())
        && let Some(mac) = parse_hex(&rest[..64])
    {
        return (Some(mac), format!("{{{}", &rest[66..]).into());
    }
    (None, line.into())
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_hex(s: &str) -> Option<[u8; 32]> {
    // (Hex digits only: `from_str_radix` also takes a sign, "+f".)
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// Whether a journal is what was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Integrity {
    /// Every record's MAC checks out under this installation's key.
    Verified,
    /// Written before journals were signed: readable, but nothing proves it is unchanged.
    Unsigned,
    /// A record (1-based) whose MAC does not check out: it, or one before it, was changed,
    /// inserted, moved or deleted after it was written (or the journal comes from another
    /// installation, whose key this one does not have).
    Modified { record: usize },
}

impl Integrity {
    pub fn is_trusted(self) -> bool {
        self == Integrity::Verified
    }
}

/// Check a journal's records: their MACs (as read) and texts, in order.
pub fn verify(key: &JournalKey, records: &[(Option<[u8; 32]>, String)]) -> Integrity {
    if records.iter().all(|(m, _)| m.is_none()) {
        return Integrity::Unsigned;
    }
    let mut prev = GENESIS;
    for (i, (mac, text)) in records.iter().enumerate() {
        match mac {
            Some(m) if *m == key.mac(&prev, text) => prev = *m,
            _ => return Integrity::Modified { record: i + 1 },
        }
    }
    Integrity::Verified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_line_splits_back_into_its_mac_and_record() {
        let key = JournalKey::from_bytes([7; 32]);
        let rec = r#"{"type":"end","at":60000,"score":12.5}"#;
        let mac = key.mac(&GENESIS, rec);
        let line = signed_line(&mac, rec);
        assert!(line.starts_with("{\"mac\":\""));
        let v: serde_json::Value = serde_json::from_str(&line).expect("still one JSON object");
        assert_eq!(v["type"], "end");
        let (m, text) = split_line(&line);
        assert_eq!(m, Some(mac));
        assert_eq!(text, rec);
        assert_eq!(split_line(rec), (None, rec.into()));
    }

    /// Sessions starting at the same moment on a new installation all get the same whole key.
    #[test]
    fn keys_made_at_the_same_moment_agree() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.key");
        let macs: Vec<[u8; 32]> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        JournalKey::load_or_create(&path)
                            .unwrap()
                            .mac(&GENESIS, "x")
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(macs.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn keys_are_created_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/journal.key");
        let a = JournalKey::load_or_create(&path).unwrap();
        let b = JournalKey::load_or_create(&path).unwrap();
        assert_eq!(a.mac(&GENESIS, "x"), b.mac(&GENESIS, "x"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(JournalKey::load_or_create(&path).is_err());
    }
}
