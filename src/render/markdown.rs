//! The safe Markdown subset of narrative fields, turned into escaped Typst markup.
//!
//! Paragraphs, bullet, numbered and lettered lists, bold, italic and links are kept;
//! headings become bold paragraphs (the document's own headings carry its structure), and
//! anything else (HTML, images, code) is printed as literal text. Text always goes
//! through [`markup`], so no Typst code can come from the data.
//!
//! Short texts (titles, subtitles, indicator descriptions, targets) take only the inline
//! part of the subset, emphasis and strong ([`inline_typst`], [`inline_html`]); where a
//! document needs plain text (metadata, diagram boxes, text alternatives, open data,
//! the diff) [`crate::inline::plain`] drops the markers.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::escape::{markup, string_literal};
use crate::inline::{Inline, inline};

/// Converts a Markdown subset into Typst markup made only of escaped text and calls to
/// `par`, `list`, `enum`, `strong`, `emph` and `link`.
pub fn to_typst(source: &str) -> String {
    let mut out = String::new();
    // Each open list collects its items; each item is a content block.
    let mut lists: Vec<(Option<u64>, Option<&str>, Vec<String>)> = Vec::new();
    let mut item_buf: Vec<String> = Vec::new();
    let mut link_stack: Vec<String> = Vec::new();

    fn sink<'a>(out: &'a mut String, item_buf: &'a mut [String]) -> &'a mut String {
        match item_buf.last_mut() {
            Some(b) => b,
            None => out,
        }
    }

    let (source, lettered) = letter_lists(source);
    for (event, range) in Parser::new_ext(&source, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                let s = sink(&mut out, &mut item_buf);
                s.push_str("\n\n");
            }
            Event::Start(Tag::Heading { .. }) => sink(&mut out, &mut item_buf).push_str("#strong["),
            Event::End(TagEnd::Heading(_)) => sink(&mut out, &mut item_buf).push_str("]\n\n"),
            Event::Start(Tag::List(start)) => {
                if !item_buf.is_empty() {
                    sink(&mut out, &mut item_buf).push('\n');
                }
                lists.push((start, lettering(&lettered, &range), Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((start, letters, items)) = lists.pop() {
                    let body: String = items
                        .iter()
                        .map(|i| format!("[{}]", i.trim()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let call = match (start, letters) {
                        (Some(_), Some(pattern)) => {
                            format!("#enum(numbering: \"{pattern}\", {body})\n\n")
                        }
                        (Some(n), None) => format!("#enum(start: {n}, {body})\n\n"),
                        (None, _) => format!("#list({body})\n\n"),
                    };
                    sink(&mut out, &mut item_buf).push_str(&call);
                }
            }
            Event::Start(Tag::Item) => item_buf.push(String::new()),
            Event::End(TagEnd::Item) => {
                if let (Some(item), Some((_, _, items))) = (item_buf.pop(), lists.last_mut()) {
                    items.push(item);
                }
            }
            Event::Start(Tag::Strong) => sink(&mut out, &mut item_buf).push_str("#strong["),
            Event::Start(Tag::Emphasis) => sink(&mut out, &mut item_buf).push_str("#emph["),
            Event::End(TagEnd::Strong) | Event::End(TagEnd::Emphasis) => {
                sink(&mut out, &mut item_buf).push(']')
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                let safe = url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("mailto:");
                link_stack.push(if safe { url } else { String::new() });
                if safe {
                    let call = format!(
                        "#link({})[",
                        string_literal(link_stack.last().map_or("", |s| s))
                    );
                    sink(&mut out, &mut item_buf).push_str(&call);
                }
            }
            Event::End(TagEnd::Link) if link_stack.pop().is_some_and(|u| !u.is_empty()) => {
                sink(&mut out, &mut item_buf).push(']');
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push_text(sink(&mut out, &mut item_buf), &t)
            }
            Event::SoftBreak => sink(&mut out, &mut item_buf).push(' '),
            Event::HardBreak => sink(&mut out, &mut item_buf).push_str("#linebreak()"),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// A lettered list's numbering pattern for the list starting at `range`, if it is one.
fn lettering(
    lettered: &[(Range<usize>, &'static str)],
    range: &Range<usize>,
) -> Option<&'static str> {
    lettered
        .iter()
        .find(|(line, _)| line.contains(&range.start))
        .map(|(_, pattern)| *pattern)
}

/// The marker of a lettered item at the start of `line`: its indentation, letter and
/// delimiter (`"  b) testo"` gives `(2, 'b', ')')`).
fn letter_marker(line: &str) -> Option<(usize, u8, u8)> {
    let rest = line.trim_start_matches(' ');
    match rest.as_bytes() {
        [
            letter @ b'a'..=b'z',
            delim @ (b'.' | b')'),
            b' ' | b'\t',
            ..,
        ] => Some((line.len() - rest.len(), *letter, *delim)),
        _ => None,
    }
}

/// Finds lettered lists, one item a line (`a. ...`, `b. ...` or `a) ...`, `b) ...`, in
/// order from `a`, at least two items): CommonMark has none, so their markers become `1.`
/// or `1)` (one byte for one, so offsets hold) and the first line of each list is returned
/// with its numbering pattern, to letter the ordered list the parser finds there.
fn letter_lists(source: &str) -> (String, Vec<(Range<usize>, &'static str)>) {
    let lines: Vec<(usize, &str)> = source
        .split_inclusive('\n')
        .scan(0, |pos, line| {
            let start = *pos;
            *pos += line.len();
            Some((start, line))
        })
        .collect();
    let mut out = source.to_string();
    let mut lists = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let Some((indent, b'a', delim)) = letter_marker(lines[k].1) else {
            k += 1;
            continue;
        };
        let mut items = vec![k];
        let mut after_blank = false;
        for (j, (_, line)) in lines.iter().enumerate().skip(k + 1) {
            let expected = b'a' + items.len() as u8;
            if line.trim().is_empty() {
                after_blank = true;
                continue;
            }
            let line_indent = line.len() - line.trim_start_matches(' ').len();
            match letter_marker(line) {
                Some((i, letter, d)) if i == indent && d == delim && letter == expected => {
                    items.push(j);
                    after_blank = false;
                }
                // Another marker at the list's indentation, or a paragraph after a blank
                // line that is not indented under the item: the list is over.
                Some((i, ..)) if i <= indent => break,
                _ if after_blank && line_indent < indent + 3 => break,
                _ => {}
            }
        }
        if items.len() < 2 {
            k += 1;
            continue;
        }
        let (first, line) = lines[k];
        lists.push((
            first..first + line.len(),
            if delim == b'.' { "a." } else { "a)" },
        ));
        for &i in &items {
            let at = lines[i].0 + indent;
            out.replace_range(at..at + 1, "1");
        }
        k = items[items.len() - 1] + 1;
    }
    (out, lists)
}

/// A short text (title, subtitle, indicator, target) as Typst markup: escaped text and
/// calls to `strong` and `emph`.
pub fn inline_typst(source: &str) -> String {
    let mut out = String::new();
    for piece in inline(source) {
        match piece {
            Inline::Text(t) => push_text(&mut out, &t),
            Inline::Open(true) => out.push_str("#strong["),
            Inline::Open(false) => out.push_str("#emph["),
            Inline::Close(_) => out.push(']'),
        }
    }
    out
}

/// A short text as HTML: escaped text, `<strong>` and `<em>`.
pub fn inline_html(source: &str) -> String {
    let mut out = String::new();
    for piece in inline(source) {
        match piece {
            Inline::Text(t) => {
                for c in t.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        '"' => out.push_str("&quot;"),
                        // As minijinja escapes a plain value, so the page reads the same.
                        '\'' => out.push_str("&#x27;"),
                        '/' => out.push_str("&#x2f;"),
                        c => out.push(c),
                    }
                }
            }
            Inline::Open(true) => out.push_str("<strong>"),
            Inline::Open(false) => out.push_str("<em>"),
            Inline::Close(true) => out.push_str("</strong>"),
            Inline::Close(false) => out.push_str("</em>"),
        }
    }
    out
}

/// Appends escaped text. Right after a call (`#strong[...]`, `#link(...)[...]`,
/// `#linebreak()`) Typst would read a following `;` as the end of the call and drop it, and
/// a `(` or `[` as more arguments: a punctuation mark there is escaped, so it prints.
fn push_text(sink: &mut String, text: &str) {
    let escaped = markup(text);
    let after_call = sink.ends_with(']') || sink.ends_with(')');
    if after_call
        && !escaped.starts_with('\\')
        && escaped
            .chars()
            .next()
            .is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
    {
        sink.push('\\');
    }
    sink.push_str(&escaped);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_emphasis() {
        assert_eq!(
            to_typst("Uno **due** *tre*.\n\nQuattro"),
            "Uno #strong[due] #emph[tre]\\.\n\nQuattro"
        );
    }

    #[test]
    fn punctuation_after_a_call_is_escaped() {
        assert_eq!(to_typst("servizi *online*;"), "servizi #emph[online]\\;");
        assert_eq!(
            to_typst("[sito](https://x.it)(nota)"),
            "#link(\"https://x.it\")[sito]\\(nota)"
        );
        assert_eq!(to_typst("**a** b"), "#strong[a] b");
    }

    #[test]
    fn lists_become_function_calls() {
        assert_eq!(to_typst("- a\n- b"), "#list([a], [b])");
        assert_eq!(to_typst("3. a\n4. b"), "#enum(start: 3, [a], [b])");
        assert_eq!(
            to_typst("1. a\n   - x\n2. b"),
            "#enum(start: 1, [a\n#list([x])], [b])"
        );
    }

    #[test]
    fn data_cannot_inject_typst() {
        let t = to_typst("#read(\"/etc/passwd\") $x$ <b>html</b> `code`");
        assert!(!t.replace("\\#", "").contains('#'), "unescaped # in {t}");
        assert!(!t.replace("\\<", "").contains('<'), "unescaped < in {t}");
        assert!(t.starts_with("\\#read"), "{t}");
    }

    #[test]
    fn only_web_links_are_links() {
        assert_eq!(
            to_typst("[sito](https://x.it)"),
            "#link(\"https://x.it\")[sito]"
        );
        assert_eq!(to_typst("[file](file:///etc/passwd)"), "file");
    }
}

/// Converts the Markdown subset into HTML: the same elements as [`to_typst`], with text
/// escaped, raw HTML printed as text, and links kept only to web addresses.
pub fn to_html(source: &str) -> String {
    let mut open_links: Vec<bool> = Vec::new();
    let (source, lettered) = letter_lists(source);
    let parser = Parser::new_ext(&source, Options::empty()).into_offset_iter();
    let events = parser.filter_map(|(event, range)| match event {
        Event::Html(t) | Event::InlineHtml(t) | Event::Code(t) => Some(Event::Text(t)),
        Event::Start(Tag::List(Some(_))) if lettering(&lettered, &range).is_some() => {
            Some(Event::Html("<ol type=\"a\">\n".into()))
        }
        Event::Start(Tag::Heading { .. }) => Some(Event::Start(Tag::Strong)),
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Strong)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let ok = dest_url.starts_with("https://")
                || dest_url.starts_with("http://")
                || dest_url.starts_with("mailto:");
            open_links.push(ok);
            ok.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => open_links
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::CodeBlock(_)) | Event::End(TagEnd::CodeBlock) => None,
        other => Some(other),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out.trim_end().to_string()
}

#[cfg(test)]
mod html_tests {
    use super::*;

    #[test]
    fn html_escapes_text_and_raw_html() {
        assert_eq!(
            to_html("a <script>x</script> & **b**"),
            "<p>a &lt;script&gt;x&lt;/script&gt; &amp; <strong>b</strong></p>"
        );
        assert_eq!(
            to_html("- uno\n- due"),
            "<ul>\n<li>uno</li>\n<li>due</li>\n</ul>"
        );
        assert_eq!(to_html("[x](javascript:alert(1))"), "<p>x</p>");
        assert_eq!(
            to_html("[x](https://a.it)"),
            "<p><a href=\"https://a.it\">x</a></p>"
        );
    }
}

#[cfg(test)]
mod inline_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a title holds, its Typst is text, escapes and calls to `strong` and
        /// `emph` with content: no other code.
        #[test]
        fn short_texts_are_only_text_and_emphasis(s in "[\\PC*_#\\[\\]]{0,60}") {
            let typ = inline_typst(&s);
            fn leaves(n: &typst::syntax::SyntaxNode, out: &mut Vec<(typst::syntax::SyntaxKind, String)>) {
                if n.children().len() == 0 { out.push((n.kind(), n.leaf_text().to_string())); }
                for c in n.children() { leaves(c, out); }
            }
            let mut found = Vec::new();
            leaves(&typst::syntax::parse(&typ), &mut found);
            use typst::syntax::SyntaxKind::*;
            for (kind, text) in found {
                let ok = match kind {
                    Text | Escape | Space | Markup | Hash | LeftBracket | RightBracket => true,
                    Ident => text == "strong" || text == "emph",
                    _ => false,
                };
                prop_assert!(ok, "{kind:?} `{text}` in {typ:?}");
            }
        }
    }

    #[test]
    fn emphasis_and_strong_in_short_texts() {
        assert_eq!(
            inline_typst("Servizi *e-service* e **SUAP**"),
            "Servizi #emph[e\\-service] e #strong[SUAP]"
        );
        assert_eq!(
            inline_html("Servizi *e-service* e **SUAP** <b>"),
            "Servizi <em>e-service</em> e <strong>SUAP</strong> &lt;b&gt;"
        );
        // Punctuation after a call prints.
        assert_eq!(
            inline_typst("la *baseline*; poi"),
            "la #emph[baseline]\\; poi"
        );
    }

    #[test]
    fn unpaired_markers_and_block_syntax_stay_text() {
        for text in crate::inline::LITERAL {
            assert_eq!(inline_typst(text), markup(text), "{text}");
            assert_eq!(inline_html(text), text.replace('>', "&gt;"), "{text}");
        }
    }

    #[test]
    fn short_texts_cannot_inject_markup() {
        let t = inline_typst("*#read(\"/etc/passwd\")* $x$ ]");
        assert_eq!(t, "#emph[\\#read(\\\"\\/etc\\/passwd\\\")] \\$x\\$ \\]");
        assert_eq!(
            inline_html("*\"a\" & 'b'* 1/2"),
            "<em>&quot;a&quot; &amp; &#x27;b&#x27;</em> 1&#x2f;2"
        );
    }

    #[test]
    fn lettered_lists() {
        let text = "Le fasi:\na. analisi;\nb. *avvio*;\nc. verifica.";
        assert_eq!(
            to_typst(text),
            "Le fasi\\:\n\n#enum(numbering: \"a.\", [analisi;], [#emph[avvio]\\;], [verifica\\.])"
        );
        assert_eq!(
            to_html(text),
            "<p>Le fasi:</p>\n<ol type=\"a\">\n<li>analisi;</li>\n<li><em>avvio</em>;</li>\n<li>verifica.</li>\n</ol>"
        );
        assert_eq!(
            to_typst("a) uno\nb) due"),
            "#enum(numbering: \"a)\", [uno], [due])"
        );
        // One item, letters out of order, or a letter inside a sentence: no list.
        assert_eq!(to_typst("a. sola"), "a\\. sola");
        assert_eq!(to_typst("a. uno\nc. tre"), "a\\. uno c\\. tre");
        // Numbered lists are untouched.
        assert_eq!(to_typst("1. a\n2. b"), "#enum(start: 1, [a], [b])");
    }
}
