//! The change report of `piano diff`: on the terminal, as Markdown, and as the "Prospetto
//! delle modifiche" (PDF or HTML, through the templates) to attach to the deliberazione.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Differenze, Segmento, TipoSegmento};
use crate::compile::{self, PdfSettings};
use crate::diag::Diagnostic;
use crate::format::Date;
use crate::indice::Indice;
use crate::model::Piano;
use crate::render::Templates;
use crate::view::View;

/// The template of the PDF prospetto.
pub const MODELLO_PDF: &str = "modifiche.typ.j2";
/// Where the generated Typst source of the prospetto is reported in diagnostics.
pub const GENERATO: &str = "prospetto-modifiche.typ";
/// The template of the HTML prospetto.
pub const MODELLO_HTML: &str = "modifiche.html.j2";

/// Everything the prospetto shows: the two versions, the summary and the changes.
#[derive(Debug, Serialize)]
pub struct Prospetto {
    /// The body, full name.
    pub ente: String,
    /// The body, short name for running headers.
    pub ente_breve: String,
    /// The document compared, with its period: "Piano della Performance 2021 - 2023".
    pub documento: String,
    /// The old version.
    pub prima: Versione,
    /// The new version.
    pub dopo: Versione,
    /// The acts added by the new version (what the prospetto is attached to).
    pub atti_nuovi: Vec<String>,
    /// The changes counted by kind.
    pub riepilogo: Vec<String>,
    /// The changes.
    pub differenze: Differenze,
    /// PDF metadata.
    pub metadati: MetadatiProspetto,
}

/// One version of the plan.
#[derive(Debug, Serialize)]
pub struct Versione {
    /// Its file name (without folders, so the document does not depend on where it lies).
    pub file: String,
    /// Its acts, as on its cover.
    pub atti: Vec<String>,
}

/// Metadata of the PDF prospetto.
#[derive(Debug, Serialize)]
pub struct MetadatiProspetto {
    /// Title.
    pub titolo: String,
    /// The body.
    pub autore: String,
    /// Subject: the acts that made the changes.
    pub soggetto: String,
    /// Keywords.
    pub parole_chiave: Vec<String>,
    /// The date of the latest act of the new version (or `SOURCE_DATE_EPOCH`).
    pub data: Option<Date>,
}

impl Prospetto {
    /// The prospetto of the changes `differenze` from `old` (file `file_old`) to `new`.
    pub fn new(
        old: &Piano,
        new: &Piano,
        (file_old, file_new): (&str, &str),
        differenze: Differenze,
        source_date_epoch: Option<i64>,
    ) -> Prospetto {
        let vo = View::build(old, &Indice::build(old), None);
        let vn = View::build(new, &Indice::build(new), None);
        let atti_nuovi: Vec<String> = differenze
            .atti
            .iter()
            .filter(|a| a.genere == super::Genere::Aggiunto)
            .map(|a| a.atto.clone())
            .collect();
        let titolo = format!("Prospetto delle modifiche al {}", vn.metadati.titolo);
        let soggetto = if atti_nuovi.is_empty() {
            format!("Confronto tra due versioni del {}", vn.metadati.titolo)
        } else {
            atti_nuovi.join("; ")
        };
        let data = new
            .atti
            .iter()
            .filter_map(|a| Date::parse_iso(&a.data))
            .max()
            .or_else(|| source_date_epoch.map(Date::from_unix_seconds));
        Prospetto {
            ente: vn.ente.nome.clone(),
            ente_breve: vn.ente.nome_breve.clone(),
            documento: vn.metadati.titolo.clone(),
            prima: Versione {
                file: nome_file(file_old),
                atti: vo.approvazioni,
            },
            dopo: Versione {
                file: nome_file(file_new),
                atti: vn.approvazioni,
            },
            atti_nuovi,
            riepilogo: differenze.riepilogo(),
            metadati: MetadatiProspetto {
                titolo,
                autore: vn.ente.nome,
                soggetto,
                parole_chiave: vec![
                    "prospetto delle modifiche".into(),
                    vn.documento.titolo,
                    "ciclo della performance".into(),
                    "Amministrazione Trasparente".into(),
                ],
                data,
            },
            differenze,
        }
    }

    /// The prospetto as a PDF, through the `modifiche.typ.j2` template; on failure, the
    /// diagnostics and the generated Typst source, if it got that far.
    pub fn pdf(&self, templates: &Templates) -> Result<Vec<u8>, (Vec<Diagnostic>, Option<String>)> {
        let main = templates
            .render(MODELLO_PDF, self)
            .map_err(|d| (vec![d], None))?;
        let assets = templates
            .assets()
            .map(|(n, s)| (n.to_string(), s.as_bytes().to_vec()))
            .collect();
        let settings = PdfSettings {
            ident: format!("prospetto|{}|{}", self.ente, self.documento),
            date: self.metadati.data,
        };
        match compile::compile_pdf(main.clone(), assets, &settings, GENERATO) {
            Ok((pdf, _warnings)) => Ok(pdf),
            Err(diags) => Err((diags, Some(main))),
        }
    }

    /// The prospetto as a self-contained HTML page, through `modifiche.html.j2`.
    pub fn html(&self, templates: &Templates) -> Result<String, Diagnostic> {
        templates.render(MODELLO_HTML, self)
    }

    /// The prospetto as Markdown, one table per kind of change.
    pub fn markdown(&self) -> String {
        let d = &self.differenze;
        let mut s = String::new();
        let _ = writeln!(s, "# Prospetto delle modifiche\n");
        let _ = writeln!(s, "{} — {}\n", md(&self.documento), md(&self.ente));
        for (etichetta, v) in [
            ("Versione precedente", &self.prima),
            ("Versione aggiornata", &self.dopo),
        ] {
            let _ = if v.atti.is_empty() {
                writeln!(s, "- {etichetta}: {}", md(&v.file))
            } else {
                writeln!(
                    s,
                    "- {etichetta}: {} ({})",
                    md(&v.file),
                    md(&v.atti.join("; "))
                )
            };
        }
        s.push('\n');
        if d.is_empty() {
            s.push_str("Nessuna differenza tra le due versioni.\n");
            return s;
        }
        s.push_str("## Riepilogo\n\n");
        for r in &self.riepilogo {
            let _ = writeln!(s, "- {}", md(r));
        }
        tabella_md(
            &mut s,
            "Atti",
            &["Modifica", "Atto", "Oggetto"],
            d.atti
                .iter()
                .map(|a| vec![md(&a.modifica), md(&a.atto), md(&a.oggetto)]),
        );
        tabella_md(
            &mut s,
            "Obiettivi",
            &[
                "Modifica",
                "Livello",
                "Codice prima",
                "Codice dopo",
                "Obiettivo",
                "Note",
            ],
            d.obiettivi.iter().map(|o| {
                vec![
                    md(&o.modifica),
                    md(&o.livello),
                    md(&o.codice_prima),
                    md(&o.codice_dopo),
                    segmenti_md(&o.titolo),
                    md(&o.nota),
                ]
            }),
        );
        tabella_md(
            &mut s,
            "Indicatori",
            &[
                "Modifica",
                "Obiettivo",
                "N. prima",
                "N. dopo",
                "Indicatore",
                "Note",
            ],
            d.indicatori.iter().map(|i| {
                vec![
                    md(&i.modifica),
                    md(&i.obiettivo),
                    md(&i.numero_prima),
                    md(&i.numero_dopo),
                    segmenti_md(&i.descrizione),
                    md(&i.nota),
                ]
            }),
        );
        tabella_md(
            &mut s,
            "Target, baseline e pesi",
            &["Obiettivo", "Indicatore", "Voce", "Prima", "Dopo"],
            d.valori.iter().map(|v| {
                vec![
                    md(&v.obiettivo),
                    md(&v.oggetto),
                    md(&v.voce),
                    md(&v.prima),
                    md(&v.dopo),
                ]
            }),
        );
        tabella_md(
            &mut s,
            "Assegnazioni ai dirigenti",
            &["Dirigente", "Obiettivo", "Modifica", "Prima", "Dopo"],
            d.assegnazioni.iter().map(|a| {
                vec![
                    md(&a.dirigente),
                    md(&format!("{} {}", a.obiettivo, a.titolo)),
                    md(&a.modifica),
                    md(&a.prima),
                    md(&a.dopo),
                ]
            }),
        );
        tabella_md(
            &mut s,
            "Testi",
            &["Dove", "Modifiche (~~tolto~~, **aggiunto**)"],
            d.testi
                .iter()
                .map(|t| vec![md(&t.dove), segmenti_md(&t.segmenti)]),
        );
        tabella_md(
            &mut s,
            "Altre modifiche",
            &["Dove", "Prima", "Dopo"],
            d.altre
                .iter()
                .map(|a| vec![md(&a.dove), md(&a.prima), md(&a.dopo)]),
        );
        s
    }

    /// The report for the terminal; `colore` paints additions green and removals red.
    pub fn terminale(&self, colore: bool) -> String {
        let d = &self.differenze;
        let p = Pennello(colore);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}",
            p.grassetto(&format!("Modifiche al {}", self.documento))
        );
        let _ = writeln!(s, "  prima: {}", self.prima.file);
        let _ = writeln!(s, "  dopo:  {}", self.dopo.file);
        if d.is_empty() {
            s.push_str("\nnessuna differenza\n");
            return s;
        }
        let sezione = |s: &mut String, titolo: &str, vuota: bool| {
            if !vuota {
                let _ = writeln!(s, "\n{}", p.grassetto(titolo));
            }
        };
        sezione(&mut s, "Atti", d.atti.is_empty());
        for a in &d.atti {
            let _ = writeln!(s, "  {} {}: {}", p.segno(a.genere), a.modifica, a.atto);
            let _ = writeln!(s, "      {}", a.oggetto);
        }
        sezione(&mut s, "Obiettivi", d.obiettivi.is_empty());
        for o in &d.obiettivi {
            let codice = match (o.codice_prima.as_str(), o.codice_dopo.as_str()) {
                ("—", c) | (c, "—") => c.to_string(),
                (a, b) if a == b => a.to_string(),
                (a, b) => format!("{a} → {b}"),
            };
            let _ = writeln!(
                s,
                "  {} {codice} {}: {}",
                p.segno(o.generi[0]),
                o.modifica,
                p.segmenti(&o.titolo)
            );
            if !o.nota.is_empty() {
                let _ = writeln!(s, "      {}", o.nota);
            }
        }
        sezione(&mut s, "Indicatori", d.indicatori.is_empty());
        for i in &d.indicatori {
            let numero = match (i.numero_prima.as_str(), i.numero_dopo.as_str()) {
                ("—", n) | (n, "—") => n.to_string(),
                (a, b) if a == b => a.to_string(),
                (a, b) => format!("{a} → {b}"),
            };
            let _ = writeln!(
                s,
                "  {} {} indicatore {numero} {}: {}",
                p.segno(i.generi[0]),
                i.obiettivo,
                i.modifica,
                p.segmenti(&i.descrizione)
            );
            if !i.nota.is_empty() {
                let _ = writeln!(s, "      {}", i.nota);
            }
        }
        sezione(&mut s, "Target, baseline e pesi", d.valori.is_empty());
        for v in &d.valori {
            let _ = writeln!(
                s,
                "  {} {} {}\n      {}: {} → {}",
                p.segno(super::Genere::Modificato),
                v.obiettivo,
                v.oggetto,
                v.voce,
                p.rosso(&v.prima),
                p.verde(&v.dopo)
            );
        }
        sezione(
            &mut s,
            "Assegnazioni ai dirigenti",
            d.assegnazioni.is_empty(),
        );
        for a in &d.assegnazioni {
            let _ = writeln!(
                s,
                "  {} {}: {} {} ({}): {} → {}",
                p.segno(super::Genere::Modificato),
                a.dirigente,
                a.obiettivo,
                a.titolo,
                a.modifica,
                p.rosso(&a.prima),
                p.verde(&a.dopo)
            );
        }
        sezione(&mut s, "Testi", d.testi.is_empty());
        for t in &d.testi {
            let _ = writeln!(s, "  {} {}", p.segno(super::Genere::Modificato), t.dove);
            let _ = writeln!(s, "      {}", p.segmenti(&t.segmenti));
        }
        sezione(&mut s, "Altre modifiche", d.altre.is_empty());
        for a in &d.altre {
            let _ = writeln!(
                s,
                "  {} {}: {} → {}",
                p.segno(super::Genere::Modificato),
                a.dove,
                p.rosso(&a.prima),
                p.verde(&a.dopo)
            );
        }
        let _ = writeln!(
            s,
            "\n{} {}",
            p.grassetto("Riepilogo:"),
            self.riepilogo.join(", ")
        );
        s
    }
}

/// The last component of a path, as given.
fn nome_file(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// ANSI styles, or plain text with `[-…-]` and `{+…+}` marks when colour is off.
struct Pennello(bool);

impl Pennello {
    fn stile(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn grassetto(&self, t: &str) -> String {
        self.stile("1", t)
    }
    fn rosso(&self, t: &str) -> String {
        self.stile("31", t)
    }
    fn verde(&self, t: &str) -> String {
        self.stile("32", t)
    }
    fn segno(&self, g: super::Genere) -> String {
        use super::Genere::*;
        match g {
            Aggiunto => self.stile("1;32", "+"),
            Eliminato => self.stile("1;31", "-"),
            _ => self.stile("1;33", "~"),
        }
    }
    fn segmenti(&self, segs: &[Segmento]) -> String {
        segs.iter()
            .map(|s| match (s.tipo, self.0) {
                (TipoSegmento::Uguale, _) => s.testo.clone(),
                (TipoSegmento::Tolto, true) => self.stile("9;31", &s.testo),
                (TipoSegmento::Aggiunto, true) => self.stile("4;32", &s.testo),
                (TipoSegmento::Tolto, false) => format!("[-{}-]", s.testo),
                (TipoSegmento::Aggiunto, false) => format!("{{+{}+}}", s.testo),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Escapes text for Markdown, table cells included.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn segmenti_md(segs: &[Segmento]) -> String {
    segs.iter()
        .map(|s| match s.tipo {
            TipoSegmento::Uguale => md(&s.testo),
            TipoSegmento::Tolto => format!("~~{}~~", md(&s.testo)),
            TipoSegmento::Aggiunto => format!("**{}**", md(&s.testo)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn tabella_md(
    s: &mut String,
    titolo: &str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) {
    let rows: Vec<Vec<String>> = rows.collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## {titolo}\n");
    let _ = writeln!(s, "| {} |", header.join(" | "));
    let _ = writeln!(s, "|{}", " --- |".repeat(header.len()));
    for r in rows {
        let _ = writeln!(s, "| {} |", r.join(" | "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(md("a | b *c* [d]"), "a \\| b \\*c\\* \\[d\\]");
        let segs = vec![
            Segmento {
                tipo: TipoSegmento::Uguale,
                testo: "peso".into(),
            },
            Segmento {
                tipo: TipoSegmento::Tolto,
                testo: "30".into(),
            },
            Segmento {
                tipo: TipoSegmento::Aggiunto,
                testo: "25_%".into(),
            },
        ];
        assert_eq!(segmenti_md(&segs), "peso ~~30~~ **25\\_%**");
        assert_eq!(Pennello(false).segmenti(&segs), "peso [-30-] {+25_%+}");
    }
}
