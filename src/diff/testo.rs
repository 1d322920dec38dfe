//! Word-level comparison of texts: the compact change view of narrative fields, and the
//! similarity that decides whether two differently worded objectives are the same one.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices, get_diff_ratio};

/// Words of unchanged text kept on each side of a change; the rest is elided with `…`.
const CONTESTO: usize = 6;
/// Longest run of removed or added words shown in full; longer runs keep both ends.
const MAX_CAMBIO: usize = 80;
/// Stands for a paragraph break, so that splitting or joining paragraphs is visible.
const PARAGRAFO: &str = "¶";

/// What a piece of a compared text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TipoSegmento {
    /// In both versions.
    Uguale,
    /// Only in the old version.
    Tolto,
    /// Only in the new version.
    Aggiunto,
}

/// A run of words of one kind, words separated by single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segmento {
    /// Kind.
    pub tipo: TipoSegmento,
    /// The words.
    pub testo: String,
}

/// The words of a text, with `¶` for each paragraph break (a blank line).
fn parole(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, para) in text.split("\n\n").enumerate() {
        let words: Vec<&str> = para.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if i > 0 && !out.is_empty() {
            out.push(PARAGRAFO);
        }
        out.extend(words);
    }
    out
}

/// The similarity of two texts by their words, from 0 (nothing in common) to 1 (same words).
pub fn somiglianza(a: &str, b: &str) -> f64 {
    let (a, b) = (parole(a), parole(b));
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    f64::from(get_diff_ratio(&ops, a.len(), b.len()))
}

/// The word-level changes from `old` to `new`, compacted: unchanged text keeps a few words
/// of context around each change and long removed or added runs keep their ends.
pub fn confronta(old: &str, new: &str) -> Vec<Segmento> {
    let (a, b) = (parole(old), parole(new));
    let ops = capture_diff_slices(Algorithm::Patience, &a, &b);
    let mut out: Vec<Segmento> = Vec::new();
    let last = ops.len().saturating_sub(1);
    for (k, op) in ops.iter().enumerate() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                let words = &a[old_index..old_index + len];
                let testo = if ops.len() == 1 {
                    words.join(" ")
                } else {
                    elidi(words, k > 0, k < last)
                };
                push(&mut out, TipoSegmento::Uguale, testo);
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(
                &mut out,
                TipoSegmento::Tolto,
                accorcia(&a[old_index..old_index + old_len]),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(
                &mut out,
                TipoSegmento::Aggiunto,
                accorcia(&b[new_index..new_index + new_len]),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(
                    &mut out,
                    TipoSegmento::Tolto,
                    accorcia(&a[old_index..old_index + old_len]),
                );
                push(
                    &mut out,
                    TipoSegmento::Aggiunto,
                    accorcia(&b[new_index..new_index + new_len]),
                );
            }
        }
    }
    out
}

/// The whole of a text, as a single segment of one kind.
pub fn intero(tipo: TipoSegmento, text: &str) -> Vec<Segmento> {
    let words = parole(text);
    let testo = match tipo {
        TipoSegmento::Uguale => words.join(" "),
        _ => accorcia(&words),
    };
    vec![Segmento { tipo, testo }]
}

fn push(out: &mut Vec<Segmento>, tipo: TipoSegmento, testo: String) {
    if !testo.is_empty() {
        out.push(Segmento { tipo, testo });
    }
}

/// Unchanged words between changes: `before` and `after` tell whether a change precedes
/// or follows, and so which ends keep their context.
fn elidi(words: &[&str], before: bool, after: bool) -> String {
    let n = words.len();
    match (before, after) {
        (true, true) if n > 2 * CONTESTO + 1 => format!(
            "{} … {}",
            words[..CONTESTO].join(" "),
            words[n - CONTESTO..].join(" ")
        ),
        (true, false) if n > CONTESTO => format!("{} …", words[..CONTESTO].join(" ")),
        (false, true) if n > CONTESTO => format!("… {}", words[n - CONTESTO..].join(" ")),
        _ => words.join(" "),
    }
}

/// A removed or added run, shortened in the middle when very long.
fn accorcia(words: &[&str]) -> String {
    let n = words.len();
    if n > MAX_CAMBIO {
        format!(
            "{} … {}",
            words[..MAX_CAMBIO / 2].join(" "),
            words[n - MAX_CAMBIO / 2..].join(" ")
        )
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segmento]) -> String {
        segs.iter()
            .map(|s| match s.tipo {
                TipoSegmento::Uguale => s.testo.clone(),
                TipoSegmento::Tolto => format!("[-{}-]", s.testo),
                TipoSegmento::Aggiunto => format!("{{+{}+}}", s.testo),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_changed_word_keeps_a_few_words_of_context() {
        let old = "uno due tre quattro cinque sei sette otto nove dieci undici dodici";
        let new = "uno due tre quattro cinque sei sette OTTO nove dieci undici dodici";
        assert_eq!(
            show(&confronta(old, new)),
            "… due tre quattro cinque sei sette [-otto-] {+OTTO+} nove dieci undici dodici"
        );
    }

    #[test]
    fn distant_changes_elide_the_middle() {
        let words: Vec<String> = (1..=30).map(|i| format!("p{i}")).collect();
        let old = words.join(" ");
        let new = old.replace("p2 ", "X ").replace("p29", "Y");
        assert_eq!(
            show(&confronta(&old, &new)),
            "p1 [-p2-] {+X+} p3 p4 p5 p6 p7 p8 … p23 p24 p25 p26 p27 p28 [-p29-] {+Y+} p30"
        );
    }

    #[test]
    fn whitespace_alone_is_no_change_but_paragraph_breaks_are() {
        assert_eq!(
            show(&confronta("a  b\nc", "a b c")),
            "a b c",
            "reflowed lines are the same text"
        );
        assert_eq!(show(&confronta("a b", "a\n\nb")), "a {+¶+} b");
    }

    #[test]
    fn similarity_counts_shared_words() {
        assert!((somiglianza("a b c d", "a b c d") - 1.0).abs() < 1e-9);
        assert!(somiglianza("a b c d", "w x y z") < 1e-9);
        let s = somiglianza(
            "Miglioramento strumenti di comunicazione e di informazione",
            "Miglioramento degli strumenti di comunicazione e informazione",
        );
        assert!(s > 0.7, "{s}");
    }

    #[test]
    fn long_runs_keep_their_ends() {
        let words: Vec<String> = (1..=100).map(|i| format!("w{i}")).collect();
        let segs = intero(TipoSegmento::Aggiunto, &words.join(" "));
        assert!(segs[0].testo.starts_with("w1 w2 "));
        assert!(segs[0].testo.contains(" w40 … w61 "));
        assert!(segs[0].testo.ends_with(" w100"));
    }
}
