//! The Typst world: an in-memory set of files and the fonts it was given, nothing else.
//!
//! Trimmed from typst-cli's `world.rs`: no file system access, no packages, no clock.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::Fonts;

/// The standard library, built once per process.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The path of the generated main file inside the world.
pub const MAIN_PATH: &str = "/main.typ";

/// A world made of in-memory files and a set of fonts only.
pub struct MemoryWorld {
    main: FileId,
    fonts: Arc<Fonts>,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
}

/// The file id of a path in the project root.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl MemoryWorld {
    /// A world with the given main source, extra files (Typst assets, images) and fonts.
    pub fn new(
        main_text: String,
        extra: impl IntoIterator<Item = (String, Vec<u8>)>,
        fonts: Arc<Fonts>,
    ) -> MemoryWorld {
        let main = file_id(MAIN_PATH).expect("the main path is a valid virtual path");
        let (texts, files) = contents(main, main_text, extra);
        let sources = texts
            .into_iter()
            .map(|(id, text)| (id, Source::new(id, text)))
            .collect();
        MemoryWorld {
            main,
            fonts,
            sources,
            files,
        }
    }

    /// Serves new contents, keeping what did not change. A source whose text changed is
    /// edited in place, as typst-cli's world does on reload: Typst reparses only the
    /// changed part, the rest keeps its spans, and so its memoized layout still applies.
    pub fn update(
        &mut self,
        main_text: String,
        extra: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) {
        let (texts, files) = contents(self.main, main_text, extra);
        let mut old = std::mem::take(&mut self.sources);
        for (id, text) in texts {
            let source = match old.remove(&id) {
                Some(prev) if prev.text() == text => prev,
                Some(mut prev) => {
                    prev.replace(&text);
                    prev
                }
                None => Source::new(id, text),
            };
            self.sources.insert(id, source);
        }
        self.files = files;
    }

    /// The fonts this world serves.
    pub fn fonts(&self) -> &Arc<Fonts> {
        &self.fonts
    }

    /// The main source, for mapping diagnostics back to lines.
    pub fn main_source(&self) -> &Source {
        &self.sources[&self.main]
    }
}

/// The sources (by text) and the files of a world: the main file and `extra`, whose
/// `.typ` files are sources too.
fn contents(
    main: FileId,
    main_text: String,
    extra: impl IntoIterator<Item = (String, Vec<u8>)>,
) -> (Vec<(FileId, String)>, HashMap<FileId, Bytes>) {
    let mut texts = vec![(main, main_text)];
    let mut files = HashMap::new();
    for (path, data) in extra {
        let path = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        let Some(id) = file_id(&path) else { continue };
        if path.ends_with(".typ")
            && let Ok(text) = std::str::from_utf8(&data)
        {
            texts.push((id, text.to_string()));
        }
        files.insert(id, Bytes::new(data));
    }
    (texts, files)
}

fn refuse_package(id: FileId) -> Option<FileError> {
    match id.root() {
        VirtualRoot::Package(spec) => Some(FileError::Package(PackageError::Other(Some(
            format!("i pacchetti non sono ammessi ({spec}): i modelli devono essere autonomi")
                .into(),
        )))),
        VirtualRoot::Project => None,
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(e) = refuse_package(id) {
            return Err(e);
        }
        match self.sources.get(&id) {
            Some(s) => Ok(s.clone()),
            None if self.files.contains_key(&id) => Err(FileError::NotSource),
            None => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(e) = refuse_package(id) {
            return Err(e);
        }
        if let Some(s) = self.sources.get(&id) {
            return Ok(Bytes::from_string(s.clone()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: documents are reproducible, and their date comes from the plan.
        None
    }
}
