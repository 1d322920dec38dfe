//! The inline emphasis of short texts (titles, subtitles, indicators, targets): emphasis
//! and strong in the plan's Markdown, read by one parser for every output. Documents
//! render it (`render::markdown`); metadata, diagram boxes, text alternatives, open data
//! and the diff take the text without markers ([`plain`]). CommonMark decides what is a
//! marker: `5*` or `a * b` stay as written, only paired markers are emphasis.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A piece of a short text's inline Markdown.
#[derive(Debug, PartialEq)]
pub enum Inline {
    /// Text, to be escaped.
    Text(String),
    /// Start of strong (`true`) or emphasis (`false`).
    Open(bool),
    /// End of strong (`true`) or emphasis (`false`).
    Close(bool),
}

/// The inline Markdown of a short text: emphasis and strong, everything else as written.
/// The text is read as one paragraph whatever it starts with (a leading `1.`, `-` or `#`
/// stays text, not a list or a heading), line breaks as spaces; links, images, code spans
/// and HTML are kept as their source text.
pub fn inline(source: &str) -> Vec<Inline> {
    // A leading word makes the text a paragraph; the emphasis rules see a line start
    // after it either way (a space, like the start of a line, is whitespace).
    let text: String = std::iter::once("x ")
        .chain(std::iter::once(source))
        .collect::<String>()
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out: Vec<Inline> = Vec::new();
    let push_text = |out: &mut Vec<Inline>, t: &str| match out.last_mut() {
        Some(Inline::Text(prev)) => prev.push_str(t),
        _ => out.push(Inline::Text(t.to_string())),
    };
    let mut skip_to: Option<usize> = None;
    for (event, range) in Parser::new_ext(&text, Options::empty()).into_offset_iter() {
        if let Some(end) = skip_to {
            if range.start < end {
                continue;
            }
            skip_to = None;
        }
        match event {
            Event::Text(t) => push_text(&mut out, &t),
            Event::Start(Tag::Strong) => out.push(Inline::Open(true)),
            Event::End(TagEnd::Strong) => out.push(Inline::Close(true)),
            Event::Start(Tag::Emphasis) => out.push(Inline::Open(false)),
            Event::End(TagEnd::Emphasis) => out.push(Inline::Close(false)),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                push_text(&mut out, &text[range.clone()]);
                skip_to = Some(range.end);
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => {
                push_text(&mut out, &text[range])
            }
            Event::SoftBreak | Event::HardBreak => push_text(&mut out, " "),
            _ => {}
        }
    }
    // Drop the leading word (and its space, unless the text was empty).
    if let Some(Inline::Text(first)) = out.first_mut() {
        let rest = first.strip_prefix('x').unwrap_or(first);
        *first = rest.strip_prefix(' ').unwrap_or(rest).to_string();
        if first.is_empty() {
            out.remove(0);
        }
    }
    out
}

/// A short text without its emphasis markers, for places that take plain text (PDF
/// metadata, diagram boxes, text alternatives, open data, the diff).
pub fn plain(source: &str) -> String {
    inline(source)
        .into_iter()
        .filter_map(|piece| match piece {
            Inline::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Texts with markers that are not emphasis (unpaired, intraword, block syntax): they
/// print as written.
#[cfg(test)]
pub(crate) const LITERAL: &[&str] = &[
    "5*",
    "a * b",
    "nome_file_x",
    "1. voce",
    "- voce",
    "# titolo",
    "> 10",
    "2 ** 3",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drops_only_paired_markers() {
        assert_eq!(
            plain("Valore di *baseline* al **2024**"),
            "Valore di baseline al 2024"
        );
        for text in LITERAL {
            assert_eq!(plain(text), *text, "{text}");
        }
        assert_eq!(
            plain("[sito](https://x.it) `cod` <i>"),
            "[sito](https://x.it) `cod` <i>"
        );
        assert_eq!(plain(""), "");
        assert_eq!(plain("riga\nnuova"), "riga nuova");
        assert_eq!(plain("\\*non enfasi\\*"), "*non enfasi*");
    }
}
