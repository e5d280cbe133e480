//! Writing output files safely: the whole file or nothing, never through a link, never over
//! something that is not a regular file. The text goes to a temporary file created exclusively
//! (random name, `O_EXCL`, so a link planted in the folder is never followed) in the target's
//! folder, is made durable, and is renamed into place.

use std::io::Write;
use std::path::Path;

/// What a path that is not a regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_symlink() {
        return "a symbolic link";
    }
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Write `contents` to `path` atomically. Refuses to replace an existing file unless `force`,
/// and even then replaces only a regular file (never a link, a device, a pipe or a socket).
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !force => {
            let _ = meta;
            return Err(Error::new(
                ErrorKind::AlreadyExists,
                format!(
                    "{} already exists (use --force to replace it)",
                    path.display()
                ),
            ));
        }
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!(
                    "{} is {}; --force replaces only regular files",
                    path.display(),
                    kind_of(&meta)
                ),
            ));
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".misfortune-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    let persisted = if force {
        // A rename replaces a link planted meanwhile, never what it points to.
        tmp.persist(path)
    } else {
        // Fails if the target appeared meanwhile, so nothing is ever overwritten.
        tmp.persist_noclobber(path)
    };
    persisted.map(|_| ()).map_err(|e| {
        if e.error.kind() == ErrorKind::AlreadyExists {
            Error::new(
                ErrorKind::AlreadyExists,
                format!(
                    "{} already exists (use --force to replace it)",
                    path.display()
                ),
            )
        } else {
            e.error
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_files_and_replaces_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"one", false).unwrap();
        let e = write_atomic(&p, b"two", false).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link_and_force_refuses_links_and_devices() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        // Links planted for every name a writer might pick in the folder.
        for i in 0..50 {
            let _ = std::os::unix::fs::symlink(
                &victim,
                dir.path()
                    .join(format!(".debrief.md.tmp-{}", std::process::id() + i)),
            );
        }
        let link = dir.path().join("debrief.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = write_atomic(&link, b"evil", false).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        let e = write_atomic(&link, b"evil", true).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        write_atomic(&dir.path().join("other.md"), b"fine", false).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        let e = write_atomic(Path::new("/dev/null"), b"x", true).unwrap_err();
        assert!(e.to_string().contains("device"), "{e}");
        use std::os::unix::fs::FileTypeExt;
        let null = std::fs::symlink_metadata("/dev/null").unwrap();
        assert!(
            null.file_type().is_char_device(),
            "/dev/null is still a device"
        );
    }
}
