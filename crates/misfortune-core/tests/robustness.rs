//! No input, however broken, makes loading panic or hang: every problem is a diagnostic with a
//! position inside the file.

use std::path::Path;

use misfortune_core::{load_bytes, load_file};
use proptest::prelude::*;

fn minimal() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.ron"),
    )
    .unwrap()
}

fn check(bytes: &[u8]) {
    let f = load_bytes("fuzz.ron", bytes);
    for d in &f.diagnostics {
        assert!(d.line >= 1 && d.column >= 1);
        assert!(d.span.0 <= d.span.1 && d.span.1 <= f.source.len(), "{d:?}");
        // Rendering must not panic either.
        let _ = misfortune_core::diagnostic::render(std::slice::from_ref(d), &f.source, false);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }

    #[test]
    fn mutated_scenarios_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<char>()), 1..6)) {
        let mut text: Vec<char> = minimal().chars().collect();
        for (at, op, c) in edits {
            let i = at.index(text.len());
            match op {
                0 => { text.remove(i); }
                1 => text.insert(i, c),
                _ => text[i] = c,
            }
        }
        let s: String = text.into_iter().collect();
        check(s.as_bytes());
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let mut s = String::from("Scenario(id: ");
    s.push_str(&"[".repeat(200_000));
    check(s.as_bytes());
    let f = load_bytes("deep.ron", s.as_bytes());
    assert!(f.errors() > 0);
}

#[test]
fn a_hundred_megabyte_file_is_refused_unread() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let f = load_file(&path);
    assert_eq!(f.diagnostics[0].code, "too-large");
    assert!(f.diagnostics[0].message.contains("104857600 bytes"));
}
