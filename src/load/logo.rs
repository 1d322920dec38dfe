//! Load stage: the body's logo, read from the plan's folder and checked before Typst
//! decodes it.
//!
//! The logo is the one file a build reads that the user names inside the plan, so it is
//! confined: it must be a regular file inside the plan's folder (after following links),
//! no larger than [`MAX_BYTES`], a PNG, JPEG or SVG whose declared size, and that of any
//! image an SVG embeds, is at most [`MAX_SIDE`] pixels a side. Decoding a picture takes
//! memory in proportion to its declared size, which a small file can set to anything.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The largest logo file read, in bytes.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;

/// The largest width and height a logo (or an image an SVG logo embeds) may declare.
pub const MAX_SIDE: f64 = 10_000.0;

/// How deep SVG images embedded in SVG images are checked; deeper ones are refused.
const MAX_NESTING: usize = 3;

/// The logo `file` named by a plan whose file is in `plan_folder`, as a path that exists
/// and stays inside that folder once links are followed.
pub fn resolve(plan_folder: &Path, file: &str) -> Result<PathBuf, String> {
    let folder = if plan_folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        plan_folder
    };
    let root = folder.canonicalize().map_err(|e| {
        format!(
            "la cartella del piano `{}` non è leggibile: {}",
            folder.display(),
            io_message(&e)
        )
    })?;
    let path = folder
        .join(file)
        .canonicalize()
        .map_err(|e| io_message(&e))?;
    if !path.starts_with(&root) {
        return Err(format!(
            "il file è fuori dalla cartella del piano `{}`; copia il logo nella cartella del piano",
            root.display()
        ));
    }
    Ok(path)
}

/// Reads and checks the logo `file` named by a plan whose file is in `plan_folder`.
pub fn read(plan_folder: &Path, file: &str) -> Result<Vec<u8>, String> {
    let path = resolve(plan_folder, file)?;
    let handle = std::fs::File::open(&path).map_err(|e| io_message(&e))?;
    let meta = handle.metadata().map_err(|e| io_message(&e))?;
    if !meta.is_file() {
        return Err("non è un file".into());
    }
    if meta.len() > MAX_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    handle
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    check(&bytes)?;
    Ok(bytes)
}

/// Checks that `bytes` are a PNG, JPEG or SVG image of a size that can be decoded.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    check_nested(bytes, 0)
}

fn check_nested(bytes: &[u8], depth: usize) -> Result<(), String> {
    match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png | imagesize::ImageType::Jpeg) => check_raster(bytes),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) if text.contains("<svg") => check_svg(text, depth),
            _ => Err("il formato non è PNG, JPEG o SVG".into()),
        },
    }
}

/// The declared size of a PNG or JPEG, read from its header (IHDR, SOF) without decoding.
fn check_raster(bytes: &[u8]) -> Result<(), String> {
    let size = imagesize::blob_size(bytes)
        .map_err(|_| "l'immagine è danneggiata: le sue dimensioni non si leggono".to_string())?;
    let (w, h) = (size.width as f64, size.height as f64);
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!(
            "l'immagine dichiara {}×{} pixel, più del massimo di {MAX_SIDE}×{MAX_SIDE}",
            size.width, size.height
        ));
    }
    Ok(())
}

/// An SVG: the size of every `<svg>` element, and every image it embeds as a `data:` URI.
fn check_svg(text: &str, depth: usize) -> Result<(), String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("l'SVG non è leggibile: {e}"))?;
    for node in doc.descendants().filter(|n| n.is_element()) {
        if node.tag_name().name() == "svg" {
            for attr in ["width", "height"] {
                if let Some(side) = node.attribute(attr).and_then(length)
                    && side > MAX_SIDE
                {
                    return Err(format!(
                        "l'SVG dichiara {attr}=\"{}\", più del massimo di {MAX_SIDE} pixel",
                        node.attribute(attr).unwrap_or_default()
                    ));
                }
            }
        }
        for attr in node.attributes().filter(|a| a.name() == "href") {
            let value = attr.value().trim_start();
            if value.len() >= 5 && value[..5].eq_ignore_ascii_case("data:") {
                check_data_uri(&value[5..], depth)?;
            }
        }
    }
    Ok(())
}

/// An image embedded in an SVG as `data:TYPE;base64,DATA`: decoded and checked like a
/// logo. Images not in base64 are refused, as is nesting deeper than [`MAX_NESTING`].
fn check_data_uri(rest: &str, depth: usize) -> Result<(), String> {
    use base64::Engine as _;
    let Some((meta, payload)) = rest.split_once(',') else {
        return Err("l'SVG contiene un indirizzo `data:` senza dati".into());
    };
    if !meta.to_ascii_lowercase().ends_with(";base64") {
        return Err("l'SVG contiene un'immagine incorporata non codificata in base64".into());
    }
    if depth >= MAX_NESTING {
        return Err("l'SVG contiene immagini incorporate una dentro l'altra troppo a fondo".into());
    }
    let compact: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine
        .decode(compact)
        .map_err(|_| "l'SVG contiene un'immagine incorporata danneggiata (base64)".to_string())?;
    check_nested(&bytes, depth + 1).map_err(|e| format!("immagine incorporata nell'SVG: {e}"))
}

/// An SVG length in pixels (`120`, `120px`, `3cm`, `2in`...); `None` for percentages and
/// what cannot be read.
fn length(value: &str) -> Option<f64> {
    let value = value.trim();
    let split = value
        .rfind(|c: char| c.is_ascii_digit() || c == '.')
        .map_or(0, |i| i + 1);
    let (number, unit) = value.split_at(split);
    let number: f64 = number.trim().parse().ok()?;
    let scale = match unit.trim() {
        "" | "px" => 1.0,
        "pt" => 4.0 / 3.0,
        "pc" => 16.0,
        "mm" => 96.0 / 25.4,
        "cm" => 96.0 / 2.54,
        "in" => 96.0,
        "em" | "ex" => 16.0,
        _ => return None,
    };
    Some((number * scale).abs())
}

fn too_big(len: u64) -> String {
    format!(
        "il file è di {} MB, più del massimo di {} MB",
        len.div_ceil(1024 * 1024),
        MAX_BYTES / (1024 * 1024)
    )
}

/// An I/O error in Italian for the common cases.
fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "il file non esiste".into(),
        std::io::ErrorKind::PermissionDenied => "permesso negato".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_lengths_in_pixels() {
        assert_eq!(length("120"), Some(120.0));
        assert_eq!(length("120px"), Some(120.0));
        assert_eq!(length("1in"), Some(96.0));
        assert_eq!(length("2.54cm"), Some(96.0));
        assert_eq!(length("100%"), None);
        assert_eq!(length("1e6"), Some(1e6));
    }

    #[test]
    fn small_images_pass_and_other_formats_do_not() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
        assert_eq!(check(svg), Ok(()));
        assert!(check(b"GIF89a\x01\x00\x01\x00").is_err());
        assert!(check(&[0x1f, 0x8b, 8, 0]).is_err());
        let big = br#"<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="10"/>"#;
        assert!(check(big).unwrap_err().contains("width=\"20000\""));
    }
}
