//! Fonts: the ones embedded in the binary and those a body puts in a `fonts/` folder beside
//! its plan, with the characters they cover, so that the checks can tell before compiling
//! which characters no font can print.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::SystemTime;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

use crate::diag::{Codice, Diagnostic};

/// The fonts shipped in `fonts/` and embedded in the binary (SIL OFL, see `fonts/OFL.txt`
/// and `fonts/NotoEmoji-OFL.txt`); Typst's bundled fonts follow as fallback for symbols.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/TitilliumWeb-Regular.ttf"),
    include_bytes!("../fonts/TitilliumWeb-Italic.ttf"),
    include_bytes!("../fonts/TitilliumWeb-Bold.ttf"),
    include_bytes!("../fonts/TitilliumWeb-BoldItalic.ttf"),
    include_bytes!("../fonts/TitilliumWeb-SemiBold.ttf"),
    include_bytes!("../fonts/TitilliumWeb-SemiBoldItalic.ttf"),
    include_bytes!("../fonts/TitilliumWeb-Light.ttf"),
    // Monochrome emoji, so that a ✅ or a 😀 pasted into a plan prints (in the text's
    // colour: PDF/A has no place for colour glyphs).
    include_bytes!("../fonts/NotoEmoji-Regular.ttf"),
];

/// The folder beside a plan whose font files are embedded in its documents.
pub const FOLDER: &str = "fonts";

/// A set of fonts for Typst, with the characters each covers.
pub struct Fonts {
    store: FontStore,
    /// The code points each font covers (run-length encoded by Typst).
    coverage: Vec<typst::text::Coverage>,
    /// How many of the fonts are the body's own.
    own: usize,
}

impl Fonts {
    /// The embedded fonts, parsed once per process.
    pub fn embedded() -> Arc<Fonts> {
        static EMBEDDED: LazyLock<Arc<Fonts>> =
            LazyLock::new(|| Arc::new(Fonts::new(embedded_entries().iter().cloned(), 0)));
        EMBEDDED.clone()
    }

    /// The fonts for a plan file: the embedded ones, and before them the font files in the
    /// `fonts/` folder beside the plan, when there is one. A folder is read again only
    /// when its files change, so a build and its checks share one set.
    pub fn for_plan(plan: &Path) -> Result<Arc<Fonts>, Vec<Diagnostic>> {
        let dir = match plan.parent() {
            Some(p) if p.as_os_str().is_empty() => Path::new(".").join(FOLDER),
            Some(p) => p.join(FOLDER),
            None => return Ok(Fonts::embedded()),
        };
        // A plan that is not a file (read from standard input, or made in memory) has no
        // folder beside it.
        if !plan.is_file() || !dir.is_dir() {
            return Ok(Fonts::embedded());
        }
        Fonts::with_folder(&dir)
    }

    /// The embedded fonts and those in `dir` (`.ttf`, `.otf`, `.ttc`, `.otc`, not in
    /// subfolders); an unreadable or invalid font file is an error.
    pub fn with_folder(dir: &Path) -> Result<Arc<Fonts>, Vec<Diagnostic>> {
        static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Default::default);
        let files = font_files(dir).map_err(|e| {
            vec![
                Diagnostic::new(
                Codice::P071,
                    format!("impossibile leggere la cartella dei font `{}`: {e}", dir.display()),
                )
                .with_hint("la cartella `fonts` accanto al piano deve contenere solo file di font leggibili"),
            ]
        })?;
        if let Some((sig, fonts)) = CACHE.lock().ok().and_then(|c| c.get(dir).cloned())
            && sig == files
        {
            return Ok(fonts);
        }
        let mut extra = Vec::new();
        let mut errors = Vec::new();
        for (path, _, _) in &files {
            let loaded = std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|data| {
                    let fonts: Vec<Font> = Font::iter(Bytes::new(data)).collect();
                    if fonts.is_empty() {
                        Err("non è un font TrueType o OpenType".to_string())
                    } else {
                        Ok(fonts)
                    }
                });
            match loaded {
                Ok(fonts) => extra.extend(fonts.into_iter().map(|f| {
                    let info = f.info().clone();
                    (f, info)
                })),
                Err(e) => errors.push(
                    Diagnostic::new(
                Codice::P071,
                        format!("impossibile usare il font `{}`: {e}", path.display()),
                    )
                    .with_hint("togli il file dalla cartella `fonts`, o sostituiscilo con un file .ttf o .otf valido"),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // The body's own fonts come first: where a family is in both, its version wins.
        let own = extra.len();
        let fonts = Arc::new(Fonts::new(
            extra.into_iter().chain(embedded_entries().iter().cloned()),
            own,
        ));
        if let Ok(mut cache) = CACHE.lock() {
            cache.insert(dir.to_path_buf(), (files, fonts.clone()));
        }
        Ok(fonts)
    }

    fn new(entries: impl IntoIterator<Item = (Font, FontInfo)>, own: usize) -> Fonts {
        let mut store = FontStore::new();
        let mut coverage = Vec::new();
        for (font, info) in entries {
            // Each font's own coverage is kept as it is: flattening every font's code
            // points into one sorted union cost more than the whole check.
            coverage.push(info.coverage.clone());
            store.push((font, info));
        }
        Fonts {
            store,
            coverage,
            own,
        }
    }

    /// How many fonts come from the body's `fonts/` folder.
    pub fn own(&self) -> usize {
        self.own
    }

    /// Whether some font has a glyph for `c`. Spaces and the invisible characters Typst
    /// skips when it picks a font (joiners, variation selectors) count as covered.
    pub fn covers(&self, c: char) -> bool {
        if c.is_whitespace() || c.is_control() || typst::text::is_default_ignorable(c) {
            return true;
        }
        let c = u32::from(c);
        self.coverage.iter().any(|cov| cov.contains(c))
    }

    /// The metadata of the fonts, for Typst.
    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    /// The font at `index` of the book.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }
}

/// What identifies the contents of a fonts folder: its font files with size and time.
type Signature = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// The font sets of the folders read so far, with what their folder held then.
type Cache = HashMap<PathBuf, (Signature, Arc<Fonts>)>;

fn font_files(dir: &Path) -> std::io::Result<Signature> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase);
        if !matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
            continue;
        }
        let meta = entry.metadata()?;
        if meta.is_file() {
            files.push((path, meta.len(), meta.modified().ok()));
        }
    }
    files.sort();
    Ok(files)
}

/// The embedded fonts and Typst's bundled ones, parsed once per process.
fn embedded_entries() -> &'static [(Font, FontInfo)] {
    static ENTRIES: LazyLock<Vec<(Font, FontInfo)>> = LazyLock::new(|| {
        let mut entries: Vec<(Font, FontInfo)> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .map(|font| {
                let info = font.info().clone();
                (font, info)
            })
            .collect();
        // Typst's own fonts (New Computer Modern, DejaVu Sans Mono...), only as a fallback
        // for symbols Titillium Web lacks (arrows, comparison signs).
        entries.extend(typst_kit::fonts::embedded());
        entries
    });
    &ENTRIES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_the_union_of_the_embedded_fonts() {
        let fonts = Fonts::embedded();
        // Titillium Web.
        assert!(fonts.covers('a'));
        assert!(fonts.covers('è'));
        // Noto Emoji.
        assert!(fonts.covers('✅'));
        assert!(fonts.covers('❌'));
        assert!(fonts.covers('😀'));
        // Invisible: a zero-width joiner and the emoji variation selector.
        assert!(fonts.covers('\u{200D}'));
        assert!(fonts.covers('\u{FE0F}'));
        // No embedded font has Chinese or Egyptian hieroglyphs.
        assert!(!fonts.covers('漢'));
        assert!(!fonts.covers('𓀀'));
    }
}
