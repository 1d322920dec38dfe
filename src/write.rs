//! Write stage: the outputs of a build are published as one unit. Every file is first
//! written complete to a temporary file beside its final name; only then are they renamed
//! into place, and if one rename fails the ones already done are undone, so a failed build
//! leaves the previous outputs as they were.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use tempfile::{NamedTempFile, TempPath};

/// One file to write: its name in the output folder and its bytes.
#[derive(Debug)]
pub struct Output {
    /// File name, relative to the output folder (`/` separates subfolders).
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// A file written to its temporary name, waiting to be renamed to `target`.
struct Staged {
    file: NamedTempFile,
    target: PathBuf,
}

/// A published file and, if one was there, the previous file kept under a temporary name
/// until the whole publication has succeeded.
struct Published {
    target: PathBuf,
    previous: Option<TempPath>,
}

/// Writes every output into `dir` as one unit, returning the paths of all outputs.
///
/// All files are first written to temporary files; only when every one of them is
/// complete are they renamed into place. If a rename fails, the files already renamed are
/// put back as they were. An existing regular file with the same content is left untouched
/// (its modification time too), so unchanged outputs stay as they were. Temporary files of
/// the same names left by an interrupted build are removed.
pub fn write_all(dir: &Path, outputs: &[Output]) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "impossibile creare la cartella di uscita `{}`",
            dir.display()
        )
    })?;
    // Two builds into the same folder (a watch and a build) publish one after the other,
    // and no temporary file of these names belongs to a build still running.
    let _lock = lock(dir)?;
    let mut written = Vec::new();
    let mut staged = Vec::new();
    for out in outputs {
        let target = dir.join(relative_name(&out.name)?);
        let folder = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(folder)
            .with_context(|| format!("impossibile creare la cartella `{}`", folder.display()))?;
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        remove_stale(folder, &file_name);
        written.push(target.clone());
        if unchanged(&target, &out.bytes) {
            continue;
        }
        let mut file = temporary(&prefix(&file_name))
            .tempfile_in(folder)
            .with_context(|| {
                format!(
                    "impossibile creare un file temporaneo in `{}`",
                    folder.display()
                )
            })?;
        file.write_all(&out.bytes)
            .and_then(|()| publishable(file.as_file()))
            .and_then(|()| file.as_file().sync_all())
            .with_context(|| format!("impossibile scrivere `{}`", target.display()))?;
        staged.push(Staged { file, target });
    }
    publish(staged)?;
    Ok(written)
}

/// Renames every staged file into place; on the first failure, undoes the renames done.
fn publish(staged: Vec<Staged>) -> anyhow::Result<()> {
    let mut done: Vec<Published> = Vec::new();
    for Staged { file, target } in staged {
        let result = keep_previous(&target).and_then(|previous| match file.persist(&target) {
            Ok(_) => Ok(previous),
            Err(e) => Err(e.error),
        });
        match result {
            Ok(previous) => done.push(Published { target, previous }),
            Err(e) => {
                undo(done);
                return Err(e).with_context(|| {
                    format!(
                        "impossibile scrivere `{}`: nessun file della cartella è stato cambiato",
                        target.display()
                    )
                });
            }
        }
    }
    // Success: the previous files, still linked under temporary names, go now.
    drop(done);
    Ok(())
}

/// Keeps the file now at `target` (any kind but a folder) under a temporary name beside
/// it, as a second link to it, so that it can be put back.
fn keep_previous(target: &Path) -> std::io::Result<Option<TempPath>> {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(None);
    };
    if meta.is_dir() {
        // Renaming a file over a folder fails: nothing to keep.
        return Ok(None);
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kept = temporary(&prefix(&name)).make_in(folder, |path| {
        std::fs::hard_link(target, path).or_else(|e| {
            // A file system without hard links: a copy keeps the content.
            if meta.is_file() {
                std::fs::copy(target, path).map(|_| ())
            } else {
                Err(e)
            }
        })
    })?;
    Ok(Some(kept.into_temp_path()))
}

/// Puts back what `done` replaced, last first: the previous file where there was one, no
/// file where there was none.
fn undo(done: Vec<Published>) {
    for Published { target, previous } in done.into_iter().rev() {
        let _ = match previous {
            Some(previous) => previous.persist(&target).map_err(|e| e.error),
            None => std::fs::remove_file(&target),
        };
    }
}

/// Whether `target` is a regular file holding exactly `bytes`. Anything else (a link, a
/// device, a named pipe) is never read: reading it might never end.
fn unchanged(target: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return false;
    };
    meta.is_file()
        && meta.len() == bytes.len() as u64
        && std::fs::read(target).is_ok_and(|old| old == bytes)
}

/// The builder of the temporary files named after `prefix` (see [`prefix`]):
/// `.NAME.XXXXXX.tmp`, hidden.
fn temporary(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp").rand_bytes(RANDOM);
    builder
}

/// The prefix of the temporary files of the output file `name`.
fn prefix(name: &str) -> String {
    format!(".{name}.")
}

/// How many random characters temporary names have.
const RANDOM: usize = 6;

/// Whether `file` is a temporary file of ours for `name`: `.NAME.XXXXXX.tmp`.
fn is_temporary(file: &str, name: &str) -> bool {
    file.strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix('.'))
        .and_then(|f| f.strip_suffix(".tmp"))
        .is_some_and(|r| r.len() == RANDOM && r.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Removes the temporary files for `name` that an interrupted build (killed while writing)
/// left in `folder`. Only regular files are removed; a failure is not an error.
fn remove_stale(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        if is_temporary(&file.to_string_lossy(), name)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The output name as a path below the output folder: plain names separated by `/`,
/// never `..`, `.` or an absolute path.
fn relative_name(name: &str) -> anyhow::Result<PathBuf> {
    let path = Path::new(name);
    let plain = !name.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        anyhow::bail!("`{name}` non è un nome di file valido nella cartella di uscita");
    }
    Ok(path.to_path_buf())
}

/// An exclusive lock on the output folder, released when the value is dropped (also when
/// the process is killed).
#[cfg(unix)]
fn lock(dir: &Path) -> anyhow::Result<std::fs::File> {
    let folder = std::fs::File::open(dir)
        .with_context(|| format!("impossibile aprire la cartella `{}`", dir.display()))?;
    folder
        .lock()
        .with_context(|| format!("impossibile riservare la cartella `{}`", dir.display()))?;
    Ok(folder)
}

/// Folders cannot be opened as files here: no lock.
#[cfg(not(unix))]
fn lock(_dir: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// Writes one file atomically at `path` (relative paths are taken from the current folder),
/// returning the path written.
pub fn write_file(path: &Path, bytes: Vec<u8>) -> anyhow::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| anyhow::anyhow!("`{}` non è un nome di file valido", path.display()))?;
    write_all(
        dir,
        &[Output {
            name: name.to_string(),
            bytes,
        }],
    )?;
    Ok(path.to_path_buf())
}

/// Temporary files are created private (0600); documents are meant to be published, so
/// they get the usual permissions of a new file (0644).
fn publishable(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn output(name: &str, bytes: &[u8]) -> Output {
        Output {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn writes_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let outs = vec![output("a.pdf", b"uno")];
        let written = write_all(dir.path(), &outs).unwrap();
        assert_eq!(written, vec![dir.path().join("a.pdf")]);
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"uno");
        assert_eq!(names(dir.path()), ["a.pdf"]);
    }

    #[test]
    fn a_failed_rename_puts_back_every_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[output("a.pdf", b"vecchio a"), output("c.csv", b"vecchio c")],
        )
        .unwrap();
        // `b.html` cannot be written: a folder with a file in it holds its name.
        std::fs::create_dir(dir.path().join("b.html")).unwrap();
        std::fs::write(dir.path().join("b.html/x"), "x").unwrap();
        let err = write_all(
            dir.path(),
            &[
                output("a.pdf", b"nuovo a"),
                output("b.html", b"nuovo b"),
                output("c.csv", b"nuovo c"),
                output("d.json", b"nuovo d"),
            ],
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("b.html"), "{err:#}");
        assert_eq!(
            std::fs::read(dir.path().join("a.pdf")).unwrap(),
            b"vecchio a"
        );
        assert_eq!(
            std::fs::read(dir.path().join("c.csv")).unwrap(),
            b"vecchio c"
        );
        assert_eq!(names(dir.path()), ["a.pdf", "b.html", "c.csv"]);
    }

    #[test]
    fn temporary_files_of_an_interrupted_build_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for stale in [".a.pdf.Ab3xYz.tmp", ".a.pdf.000000.tmp"] {
            std::fs::write(dir.path().join(stale), "mezzo").unwrap();
        }
        // Not ours: another name, another pattern, a user's file.
        for kept in [
            ".b.pdf.Ab3xYz.tmp",
            ".a.pdf.tmp",
            ".a.pdf.Ab3.tmp",
            "note.txt",
        ] {
            std::fs::write(dir.path().join(kept), "x").unwrap();
        }
        write_all(dir.path(), &[output("a.pdf", b"uno")]).unwrap();
        assert_eq!(
            names(dir.path()),
            [
                ".a.pdf.Ab3.tmp",
                ".a.pdf.tmp",
                ".b.pdf.Ab3xYz.tmp",
                "a.pdf",
                "note.txt"
            ]
        );
    }

    #[test]
    fn names_in_subfolders_are_written_and_never_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[output("parti/scheda.typ", b"x")]).unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("parti/scheda.typ")).unwrap(),
            b"x"
        );
        for bad in ["../fuori.pdf", "/tmp/fuori.pdf", "a/../../b", "", "."] {
            assert!(
                write_all(dir.path(), &[output(bad, b"x")]).is_err(),
                "`{bad}` accepted"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_and_pipes_in_place_of_outputs_are_replaced_without_reading_them() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("a.pdf")).unwrap();
        let fifo = std::ffi::CString::new(dir.path().join("b.csv").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        // Bounded: run the write on a thread and give it a generous while.
        let path = dir.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let r = write_all(&path, &[output("a.pdf", b"uno"), output("b.csv", b"due")]);
            let _ = tx.send(r.map_err(|e| format!("{e:#}")));
        });
        let result = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("writing over a link to /dev/zero and a pipe never ended");
        result.unwrap();
        for (name, bytes) in [("a.pdf", &b"uno"[..]), ("b.csv", b"due")] {
            let meta = std::fs::symlink_metadata(dir.path().join(name)).unwrap();
            assert!(meta.is_file(), "{name}");
            assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), bytes);
        }
    }
}
