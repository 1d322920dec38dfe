//! Write stage: outputs reach their final name only complete, through a temporary file in
//! the same folder and a rename, so a failed build never leaves a half-written document.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// One file to write: its name in the output folder and its bytes.
#[derive(Debug)]
pub struct Output {
    /// File name, relative to the output folder.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Writes every output into `dir` atomically, returning the paths written.
///
/// All files are first written to temporary files; only when every one of them is
/// complete are they renamed into place. An existing file with the same content is left
/// untouched (its modification time too), so unchanged outputs stay as they were.
pub fn write_all(dir: &Path, outputs: &[Output]) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "impossibile creare la cartella di uscita `{}`",
            dir.display()
        )
    })?;
    let mut staged = Vec::new();
    for out in outputs {
        let target = dir.join(&out.name);
        if std::fs::read(&target).is_ok_and(|old| old == out.bytes) {
            staged.push((None, target));
            continue;
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{}.", out.name))
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| {
                format!(
                    "impossibile creare un file temporaneo in `{}`",
                    dir.display()
                )
            })?;
        tmp.write_all(&out.bytes)
            .and_then(|()| publishable(tmp.as_file()))
            .and_then(|()| tmp.as_file().sync_all())
            .with_context(|| format!("impossibile scrivere `{}`", target.display()))?;
        staged.push((Some(tmp), target));
    }
    let mut written = Vec::new();
    for (tmp, target) in staged {
        if let Some(tmp) = tmp {
            tmp.persist(&target)
                .with_context(|| format!("impossibile scrivere `{}`", target.display()))?;
        }
        written.push(target);
    }
    Ok(written)
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

    #[test]
    fn writes_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let outs = vec![Output {
            name: "a.pdf".into(),
            bytes: b"uno".to_vec(),
        }];
        let written = write_all(dir.path(), &outs).unwrap();
        assert_eq!(written, vec![dir.path().join("a.pdf")]);
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"uno");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }
}
