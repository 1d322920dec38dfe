//! The safe Markdown subset of narrative fields, turned into escaped Typst markup.
//!
//! Paragraphs, bullet and numbered lists, bold, italic and links are kept; headings
//! become bold paragraphs (the document's own headings carry its structure), and
//! anything else (HTML, images, code) is printed as literal text. Text always goes
//! through [`markup`], so no Typst code can come from the data.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::escape::{markup, string_literal};

/// Converts a Markdown subset into Typst markup made only of escaped text and calls to
/// `par`, `list`, `enum`, `strong`, `emph` and `link`.
pub fn to_typst(source: &str) -> String {
    let mut out = String::new();
    // Each open list collects its items; each item is a content block.
    let mut lists: Vec<(Option<u64>, Vec<String>)> = Vec::new();
    let mut item_buf: Vec<String> = Vec::new();
    let mut link_stack: Vec<String> = Vec::new();

    fn sink<'a>(out: &'a mut String, item_buf: &'a mut [String]) -> &'a mut String {
        match item_buf.last_mut() {
            Some(b) => b,
            None => out,
        }
    }

    for event in Parser::new_ext(source, Options::empty()) {
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
                lists.push((start, Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((start, items)) = lists.pop() {
                    let body: String = items
                        .iter()
                        .map(|i| format!("[{}]", i.trim()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let call = match start {
                        Some(n) => format!("#enum(start: {n}, {body})\n\n"),
                        None => format!("#list({body})\n\n"),
                    };
                    sink(&mut out, &mut item_buf).push_str(&call);
                }
            }
            Event::Start(Tag::Item) => item_buf.push(String::new()),
            Event::End(TagEnd::Item) => {
                if let (Some(item), Some((_, items))) = (item_buf.pop(), lists.last_mut()) {
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
    let events = Parser::new_ext(source, Options::empty()).filter_map(|event| match event {
        Event::Html(t) | Event::InlineHtml(t) | Event::Code(t) => Some(Event::Text(t)),
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
