//! The change report of `piano diff`: one view of the changes, the prospetto (sections of
//! tables of rows), rendered on the terminal, as Markdown, and as the "Prospetto delle
//! modifiche" to attach to the deliberazione (PDF or HTML, through templates that only lay
//! it out). The changes' words are made here, and nowhere before.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::{
    Assegnato, Differenze, Genere, GenereAssegnazione, Genitore, ModificaAssegnazione,
    ModificaAtto, ModificaCampo, ModificaIndicatore, ModificaObiettivo, ModificaTesto,
    ModificaValore, Passo, Persona, Rif, Segmento, TipoSegmento, Valore, Voce,
};
use crate::compile::{self, PdfSettings};
use crate::diag::Diagnostic;
use crate::documento::Metadati;
use crate::format::{format_percent, format_plain, periodo};
use crate::inline::plain;
use crate::model::{Atto, Indicatore, Peso, Piano, Target, data_documento};
use crate::render::Templates;

/// The template of the PDF prospetto.
pub const MODELLO_PDF: &str = "modifiche.typ.j2";
/// Where the generated Typst source of the prospetto is reported in diagnostics.
pub const GENERATO: &str = "prospetto-modifiche.typ";
/// The template of the HTML prospetto.
pub const MODELLO_HTML: &str = "modifiche.html.j2";

/// Longest summary of a value in the table of other changes.
const MAX_SINTESI: usize = 300;
/// Longest title naming an element of a list in a location.
const MAX_NOME: usize = 60;

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
    /// The changes counted by kind; empty when the versions are the same.
    pub riepilogo: Vec<String>,
    /// One table per kind of change, only the kinds that occur.
    pub sezioni: Vec<Sezione>,
    /// PDF metadata.
    pub metadati: Metadati,
}

/// One version of the plan.
#[derive(Debug, Serialize)]
pub struct Versione {
    /// Its file name (without folders, so the document does not depend on where it lies).
    pub file: String,
    /// Its acts, as on its cover.
    pub atti: Vec<String>,
}

/// The changes of one kind: a heading and a table.
#[derive(Debug, Serialize)]
pub struct Sezione {
    /// Heading: "Target, baseline e pesi".
    pub titolo: &'static str,
    /// Caption of the table: "Target, baseline e pesi modificati".
    pub didascalia: &'static str,
    /// Whether its cells show words removed and added, so a legend explains the marks.
    pub legenda: bool,
    /// The columns.
    pub colonne: Vec<Colonna>,
    /// The rows, in document order.
    pub righe: Vec<Riga>,
}

/// A column of a prospetto table.
#[derive(Debug, Serialize)]
pub struct Colonna {
    /// Header.
    pub titolo: &'static str,
    /// Share of the free width (`1` a full share), `None` as wide as its content.
    pub larghezza: Option<f64>,
    /// Where the compact layout of the terminal puts it.
    #[serde(skip)]
    pub ruolo: Ruolo,
}

/// Where a column's cell goes in the compact layout of the terminal: a first line
/// `segno capo: testo`, then an indented line with notes and values before → after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ruolo {
    /// First line, before the text; absent values (`—`) left out.
    Capo,
    /// First line: a code or number before, shown with the next column's as `a → b`
    /// (once when they are the same or one is absent), after the given word.
    CodicePrima(&'static str),
    /// The code or number after, see [`Ruolo::CodicePrima`].
    CodiceDopo,
    /// First line, after `:`.
    Testo,
    /// Second line.
    Nota,
    /// Second line: what the values before and after are (`peso:`).
    Voce,
    /// Second line: the value before, shown with the next column's as `a → b`.
    Prima,
    /// The value after, see [`Ruolo::Prima`].
    Dopo,
}

/// A row of a prospetto table.
#[derive(Debug, Serialize)]
pub struct Riga {
    /// What happened, for the terminal's `+`, `-`, `~`.
    #[serde(skip)]
    pub segno: Genere,
    /// One cell per column: text, with words removed and added where it compares texts.
    pub celle: Vec<Vec<Segmento>>,
}

impl Prospetto {
    /// The prospetto of the changes `differenze` from `old` (file `file_old`) to `new`.
    pub fn new(
        old: &Piano,
        new: &Piano,
        (file_old, file_new): (&str, &str),
        differenze: &Differenze,
        source_date_epoch: Option<i64>,
    ) -> Prospetto {
        let doc = &new.documento;
        let documento = format!(
            "{} {}",
            plain(&doc.titolo),
            periodo(doc.anno_inizio, doc.anno_fine)
        );
        let atti_nuovi: Vec<String> = differenze
            .atti
            .iter()
            .filter(|a| a.genere == Genere::Aggiunto)
            .map(|a| a.atto.approvazione())
            .collect();
        let titolo = format!("Prospetto delle modifiche al {documento}");
        let soggetto = if atti_nuovi.is_empty() {
            format!("Confronto tra due versioni del {documento}")
        } else {
            atti_nuovi.join("; ")
        };
        let versione = |file: &str, piano: &Piano| Versione {
            file: nome_file(file),
            atti: piano.atti.iter().map(Atto::approvazione).collect(),
        };
        Prospetto {
            ente: new.ente.nome.clone(),
            ente_breve: new
                .ente
                .nome_breve
                .clone()
                .unwrap_or_else(|| new.ente.nome.clone()),
            prima: versione(file_old, old),
            dopo: versione(file_new, new),
            atti_nuovi,
            riepilogo: differenze.riepilogo(),
            sezioni: sezioni(differenze),
            metadati: Metadati {
                titolo,
                autore: new.ente.nome.clone(),
                soggetto,
                parole_chiave: vec![
                    "prospetto delle modifiche".into(),
                    doc.titolo.clone(),
                    "ciclo della performance".into(),
                    "Amministrazione Trasparente".into(),
                ],
                data: data_documento(&new.atti, source_date_epoch, doc.anno_inizio),
            },
            documento,
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
        if self.sezioni.is_empty() {
            s.push_str("Nessuna differenza tra le due versioni.\n");
            return s;
        }
        s.push_str("## Riepilogo\n\n");
        for r in &self.riepilogo {
            let _ = writeln!(s, "- {}", md(r));
        }
        for sez in &self.sezioni {
            let _ = writeln!(s, "\n## {}\n", sez.titolo);
            if sez.legenda {
                s.push_str(
                    "Le parole tolte sono ~~barrate~~, quelle aggiunte in **grassetto**; i \
                     tratti di testo invariato lontani dalle modifiche sono omessi (…).\n\n",
                );
            }
            let titoli: Vec<&str> = sez.colonne.iter().map(|c| c.titolo).collect();
            let _ = writeln!(s, "| {} |", titoli.join(" | "));
            let _ = writeln!(s, "|{}", " --- |".repeat(titoli.len()));
            for r in &sez.righe {
                let celle: Vec<String> = r.celle.iter().map(|c| segmenti_md(c)).collect();
                let _ = writeln!(s, "| {} |", celle.join(" | "));
            }
        }
        s
    }

    /// The report for the terminal; `colore` paints additions green and removals red.
    pub fn terminale(&self, colore: bool) -> String {
        let p = Pennello(colore);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}",
            p.grassetto(&format!("Modifiche al {}", self.documento))
        );
        let _ = writeln!(s, "  prima: {}", self.prima.file);
        let _ = writeln!(s, "  dopo:  {}", self.dopo.file);
        if self.sezioni.is_empty() {
            s.push_str("\nnessuna differenza\n");
            return s;
        }
        for sez in &self.sezioni {
            let _ = writeln!(s, "\n{}", p.grassetto(sez.titolo));
            for r in &sez.righe {
                s.push_str(&p.riga(&sez.colonne, r));
            }
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

impl Differenze {
    /// The changes counted by kind, in words: "1 indicatore aggiunto", "3 pesi modificati".
    pub fn riepilogo(&self) -> Vec<String> {
        let mut out = Vec::new();
        let atti: Vec<Genere> = self.atti.iter().map(|a| a.genere).collect();
        conta(&mut out, ("atto", "atti"), &atti, &[]);
        let ob: Vec<Genere> = self
            .obiettivi
            .iter()
            .flat_map(|o| o.generi.clone())
            .collect();
        conta(&mut out, ("obiettivo", "obiettivi"), &ob, &[]);
        let ind: Vec<Genere> = self
            .indicatori
            .iter()
            .flat_map(|o| o.generi.clone())
            .collect();
        conta(
            &mut out,
            ("indicatore", "indicatori"),
            &ind,
            &[(Genere::Rinominato, ("riformulato", "riformulati"))],
        );
        for (n, s, p) in [
            (
                self.valori.len(),
                "target, baseline o peso modificato",
                "target, baseline o pesi modificati",
            ),
            (
                self.assegnazioni.len(),
                "modifica alle assegnazioni ai dirigenti",
                "modifiche alle assegnazioni ai dirigenti",
            ),
            (self.testi.len(), "testo modificato", "testi modificati"),
            (self.altre.len(), "altra modifica", "altre modifiche"),
        ] {
            if n > 0 {
                out.push(quanti(n, s, p));
            }
        }
        out
    }
}

/// Counts `generi` by kind into phrases such as "2 obiettivi rinumerati".
fn conta(
    out: &mut Vec<String>,
    (singolare, plurale): (&str, &str),
    generi: &[Genere],
    parole: &[(Genere, (&str, &str))],
) {
    for g in [
        Genere::Aggiunto,
        Genere::Eliminato,
        Genere::Spostato,
        Genere::Rinumerato,
        Genere::Rinominato,
        Genere::Modificato,
    ] {
        let n = generi.iter().filter(|x| **x == g).count();
        if n == 0 {
            continue;
        }
        let (ps, pp) = parole
            .iter()
            .find(|(k, _)| *k == g)
            .map_or_else(|| participio(g), |(_, p)| *p);
        out.push(quanti(
            n,
            &format!("{singolare} {ps}"),
            &format!("{plurale} {pp}"),
        ));
    }
}

/// What happened, as a participle (singular, plural).
fn participio(g: Genere) -> (&'static str, &'static str) {
    match g {
        Genere::Aggiunto => ("aggiunto", "aggiunti"),
        Genere::Eliminato => ("eliminato", "eliminati"),
        Genere::Spostato => ("spostato", "spostati"),
        Genere::Rinumerato => ("rinumerato", "rinumerati"),
        Genere::Rinominato => ("rinominato", "rinominati"),
        Genere::Modificato => ("modificato", "modificati"),
    }
}

fn quanti(n: usize, s: &str, p: &str) -> String {
    if n == 1 {
        format!("1 {s}")
    } else {
        format!("{n} {p}")
    }
}

/// One table per kind of change that occurs.
fn sezioni(d: &Differenze) -> Vec<Sezione> {
    let mut out = vec![
        ATTI.sezione(d.atti.iter().map(riga_atto).collect()),
        OBIETTIVI.sezione(d.obiettivi.iter().map(riga_obiettivo).collect()),
        INDICATORI.sezione(d.indicatori.iter().map(riga_indicatore).collect()),
        VALORI.sezione(d.valori.iter().map(riga_valore).collect()),
        ASSEGNAZIONI.sezione(d.assegnazioni.iter().map(riga_assegnazione).collect()),
        TESTI.sezione(d.testi.iter().map(riga_testo).collect()),
        ALTRE.sezione(d.altre.iter().map(riga_campo).collect()),
    ];
    out.retain(|s| !s.righe.is_empty());
    out
}

/// How the table of one kind of change looks: its heading, caption, legend and columns
/// (header, width, role on the terminal).
struct Forma {
    titolo: &'static str,
    didascalia: &'static str,
    legenda: bool,
    colonne: &'static [(&'static str, Option<f64>, Ruolo)],
}

impl Forma {
    /// The section of these rows.
    fn sezione(&self, righe: Vec<Riga>) -> Sezione {
        Sezione {
            titolo: self.titolo,
            didascalia: self.didascalia,
            legenda: self.legenda,
            colonne: self
                .colonne
                .iter()
                .map(|&(titolo, larghezza, ruolo)| Colonna {
                    titolo,
                    larghezza,
                    ruolo,
                })
                .collect(),
            righe,
        }
    }
}

const ATTI: Forma = Forma {
    titolo: "Atti",
    didascalia: "Atti aggiunti, eliminati o modificati",
    legenda: false,
    colonne: &[
        ("Modifica", None, Ruolo::Capo),
        ("Atto", Some(1.0), Ruolo::Testo),
        ("Oggetto", Some(1.0), Ruolo::Nota),
    ],
};

const OBIETTIVI: Forma = Forma {
    titolo: "Obiettivi",
    didascalia: "Obiettivi aggiunti, eliminati, spostati, rinumerati o rinominati",
    legenda: false,
    colonne: &[
        ("Modifica", None, Ruolo::Capo),
        ("Livello", None, Ruolo::Capo),
        ("Codice prima", None, Ruolo::CodicePrima("")),
        ("Codice dopo", None, Ruolo::CodiceDopo),
        ("Obiettivo", Some(1.0), Ruolo::Testo),
        ("Note", Some(0.7), Ruolo::Nota),
    ],
};

const INDICATORI: Forma = Forma {
    titolo: "Indicatori",
    didascalia: "Indicatori aggiunti, eliminati, spostati, rinumerati o riformulati",
    legenda: false,
    colonne: &[
        ("Modifica", None, Ruolo::Capo),
        ("Obiettivo", None, Ruolo::Capo),
        ("N. prima", None, Ruolo::CodicePrima("indicatore")),
        ("N. dopo", None, Ruolo::CodiceDopo),
        ("Indicatore", Some(1.0), Ruolo::Testo),
        ("Note", Some(0.8), Ruolo::Nota),
    ],
};

const VALORI: Forma = Forma {
    titolo: "Target, baseline e pesi",
    didascalia: "Target, baseline e pesi modificati",
    legenda: false,
    colonne: &[
        ("Obiettivo", None, Ruolo::Capo),
        ("Indicatore", Some(1.0), Ruolo::Capo),
        ("Voce", None, Ruolo::Voce),
        ("Prima", None, Ruolo::Prima),
        ("Dopo", None, Ruolo::Dopo),
    ],
};

const ASSEGNAZIONI: Forma = Forma {
    titolo: "Assegnazioni ai dirigenti",
    didascalia: "Obiettivi assegnati, tolti, riassegnati o con peso modificato",
    legenda: false,
    colonne: &[
        ("Dirigente", None, Ruolo::Capo),
        ("Obiettivo", Some(1.0), Ruolo::Testo),
        ("Modifica", None, Ruolo::Voce),
        ("Prima", None, Ruolo::Prima),
        ("Dopo", None, Ruolo::Dopo),
    ],
};

const TESTI: Forma = Forma {
    titolo: "Testi",
    didascalia: "Testi modificati",
    legenda: true,
    colonne: &[
        ("Dove", Some(0.3), Ruolo::Capo),
        ("Modifiche", Some(1.0), Ruolo::Nota),
    ],
};

const ALTRE: Forma = Forma {
    titolo: "Altre modifiche",
    didascalia: "Altri valori modificati",
    legenda: false,
    colonne: &[
        ("Dove", Some(0.8), Ruolo::Capo),
        ("Prima", Some(1.0), Ruolo::Prima),
        ("Dopo", Some(1.0), Ruolo::Dopo),
    ],
};

/// A cell of plain text.
fn cella(testo: impl Into<String>) -> Vec<Segmento> {
    vec![Segmento {
        tipo: TipoSegmento::Uguale,
        testo: testo.into(),
    }]
}

/// A value that may be absent: `—` for absent.
fn o_trattino<T>(v: Option<T>, f: impl FnOnce(T) -> String) -> Vec<Segmento> {
    cella(v.map_or_else(|| "—".to_string(), f))
}

fn riga_atto(a: &ModificaAtto) -> Riga {
    let oggetto = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
    let modifica = match a.genere {
        Genere::Modificato => format!("oggetto modificato (prima: {})", oggetto(&a.oggetto_prima)),
        g => participio(g).0.to_string(),
    };
    Riga {
        segno: a.genere,
        celle: vec![
            cella(modifica),
            cella(a.atto.approvazione()),
            cella(oggetto(&a.atto.oggetto)),
        ],
    }
}

/// What happened to an objective or an indicator, in words ("rinumerato, rinominato");
/// `rinominato` is the word for a changed title or description.
pub fn generi(generi: &[Genere], rinominato: &str) -> String {
    generi
        .iter()
        .map(|g| match g {
            Genere::Rinominato => rinominato,
            g => participio(*g).0,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn codice(r: Option<&Rif>) -> Vec<Segmento> {
    o_trattino(r, |r| r.codice.clone())
}

fn genitore(g: &Genitore) -> String {
    match g {
        Genitore::Obiettivo(r) => r.codice.clone(),
        Genitore::PrimoLivello => "primo livello".into(),
        Genitore::Azienda(nome) => nome.clone(),
    }
}

fn riga_obiettivo(o: &ModificaObiettivo) -> Riga {
    let nota = match (&o.aggiunto, &o.spostato) {
        (Some((peso, indicatori)), _) => format!(
            "peso {}; {}",
            peso.map_or_else(|| "non indicato".into(), format_percent),
            quanti(*indicatori, "indicatore", "indicatori")
        ),
        (None, Some((da, a))) => format!("da {} a {}", genitore(da), genitore(a)),
        (None, None) => String::new(),
    };
    Riga {
        segno: o.generi[0],
        celle: vec![
            cella(generi(&o.generi, "rinominato")),
            cella(o.livello.clone()),
            codice(o.prima.as_ref()),
            codice(o.dopo.as_ref()),
            o.titolo.clone(),
            cella(nota),
        ],
    }
}

fn riga_indicatore(i: &ModificaIndicatore) -> Riga {
    let numero = |n: Option<usize>| o_trattino(n, |n| n.to_string());
    let nota = match (&i.aggiunto, i.generi.contains(&Genere::Spostato)) {
        (Some((ind, scadenze)), _) => dettagli(ind, scadenze),
        (None, true) => format!(
            "dall'obiettivo {} (indicatore {})",
            i.obiettivo_prima
                .as_ref()
                .map_or("—", |r| r.codice.as_str()),
            i.numero_prima.unwrap_or_default()
        ),
        (None, false) => String::new(),
    };
    // A removed indicator is named by its objective in the old version.
    let obiettivo = match i.numero_dopo {
        None => i.obiettivo_prima.as_ref().unwrap_or(&i.obiettivo),
        Some(_) => &i.obiettivo,
    };
    Riga {
        segno: i.generi[0],
        celle: vec![
            cella(generi(&i.generi, "riformulato")),
            cella(obiettivo.codice.clone()),
            numero(i.numero_prima),
            numero(i.numero_dopo),
            i.descrizione.clone(),
            cella(nota),
        ],
    }
}

/// Baseline, targets and weights of an added indicator, in one line.
fn dettagli(ind: &Indicatore, scadenze: &[String]) -> String {
    let mut parts = vec![format!(
        "baseline {}",
        ind.baseline.as_ref().map_or_else(|| "—".into(), target)
    )];
    for s in scadenze {
        if let Some(t) = ind.target.get(s) {
            parts.push(format!("target al {s} {}", target(t)));
        }
    }
    match &ind.peso {
        Some(Peso::Unico(p)) => parts.push(format!("peso {}", format_percent(*p))),
        Some(Peso::PerScadenza(_)) => {
            for s in scadenze {
                if let Some(p) = ind.peso_at(s) {
                    parts.push(format!("peso al {s} {}", format_percent(p)));
                }
            }
        }
        None => parts.push("peso non indicato".into()),
    }
    parts.join("; ")
}

/// A target as printed, with its numeric structure when it has one.
fn target(t: &Target) -> String {
    match t {
        Target::Strutturato(s) if s.confronto.is_some() || s.valore.is_some() => {
            let mut parts = Vec::new();
            parts.extend(s.confronto.clone());
            parts.extend(s.valore.map(format_plain));
            parts.extend(s.unita.clone());
            format!("{} ({})", plain(&s.testo), parts.join(" "))
        }
        t => plain(&t.testo()),
    }
}

/// Which value changed, in words: "target al 31/12", "peso dell'obiettivo".
pub fn voce(v: &Voce) -> String {
    match v {
        Voce::Baseline => "baseline".into(),
        Voce::Target(s) => format!("target al {s}"),
        Voce::Peso => "peso".into(),
        Voce::PesoAl(s) => format!("peso al {s}"),
        Voce::PesoObiettivo => "peso dell'obiettivo".into(),
    }
}

fn riga_valore(v: &ModificaValore) -> Riga {
    let valore = |x: Option<&Valore>| {
        o_trattino(x, |x| match x {
            Valore::Percentuale(p) => format_percent(*p),
            Valore::Target(t) => target(t),
        })
    };
    let oggetto = match &v.indicatore {
        Some((n, descrizione)) => format!("Indicatore {n}: {descrizione}"),
        None => v.titolo.clone(),
    };
    Riga {
        segno: Genere::Modificato,
        celle: vec![
            cella(v.obiettivo.codice.clone()),
            cella(oggetto),
            cella(voce(&v.voce)),
            valore(v.prima.as_ref()),
            valore(v.dopo.as_ref()),
        ],
    }
}

fn persona(p: &Persona) -> String {
    match &p.titolo {
        Some(t) => format!("{t} {}", p.nome),
        None => p.nome.clone(),
    }
}

fn riga_assegnazione(a: &ModificaAssegnazione) -> Riga {
    let obiettivo = match &a.obiettivo {
        Assegnato::Obiettivo(r, titolo) => format!("{} {titolo}", r.codice),
        Assegnato::Riferimento(t) => t.clone(),
    };
    let modifica = match &a.genere {
        GenereAssegnazione::Assegnato => "assegnato".into(),
        GenereAssegnazione::NonPiuAssegnato => "non più assegnato".into(),
        GenereAssegnazione::PesoModificato => "peso modificato".into(),
        GenereAssegnazione::Riassegnato(p) => format!("riassegnato (prima a {})", persona(p)),
    };
    let peso = |p: Option<f64>| o_trattino(p, format_percent);
    Riga {
        segno: Genere::Modificato,
        celle: vec![
            cella(persona(&a.dirigente)),
            cella(obiettivo),
            cella(modifica),
            peso(a.prima),
            peso(a.dopo),
        ],
    }
}

/// A location in words: `1.1.2 › risorse 1`, `«Premessa» › contenuto 1 › testo`.
pub fn dove(passi: &[Passo]) -> String {
    passi
        .iter()
        .map(|p| match p {
            Passo::Obiettivo(r) => r.codice.clone(),
            Passo::Indicatore(n) => format!("indicatore {n}"),
            Passo::Nome(t) => format!("«{}»", accorcia(t, MAX_NOME)),
            Passo::Campo(k) => k.replace('_', " "),
            Passo::Elemento(k, n) if k.is_empty() => n.to_string(),
            Passo::Elemento(k, n) => format!("{} {n}", k.replace('_', " ")),
        })
        .collect::<Vec<_>>()
        .join(" › ")
}

fn riga_testo(t: &ModificaTesto) -> Riga {
    Riga {
        segno: Genere::Modificato,
        celle: vec![cella(dove(&t.dove.passi)), t.segmenti.clone()],
    }
}

fn riga_campo(c: &ModificaCampo) -> Riga {
    Riga {
        segno: Genere::Modificato,
        celle: vec![
            cella(dove(&c.dove.passi)),
            o_trattino(c.prima.as_ref(), sintesi),
            o_trattino(c.dopo.as_ref(), sintesi),
        ],
    }
}

/// A value in a few words: texts as written, numbers in Italian format, records by title.
fn sintesi(v: &Value) -> String {
    let s = match v {
        Value::Null => "—".to_string(),
        Value::Bool(true) => "sì".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), format_plain),
        Value::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Array(items) => items.iter().map(sintesi).collect::<Vec<_>>().join("; "),
        Value::Object(map) => {
            if let Some(t) = ["titolo", "nome"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))
            {
                format!("«{t}»")
            } else if map.len() == 1 {
                map.values().map(sintesi).collect()
            } else {
                map.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| format!("{}: {}", k.replace('_', " "), sintesi(v)))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }
    };
    accorcia(&s, MAX_SINTESI)
}

/// A text cut to at most `max` characters, with `…` when cut.
fn accorcia(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The last component of a path, as given.
fn nome_file(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The words of a cell, without marks.
fn semplice(cella: &[Segmento]) -> String {
    cella
        .iter()
        .map(|s| s.testo.as_str())
        .collect::<Vec<_>>()
        .join(" ")
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
    fn segno(&self, g: Genere) -> String {
        match g {
            Genere::Aggiunto => self.stile("1;32", "+"),
            Genere::Eliminato => self.stile("1;31", "-"),
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

    /// A row in the compact layout: `  + capo: testo`, then `      note · voce: a → b`.
    fn riga(&self, colonne: &[Colonna], riga: &Riga) -> String {
        let assente = |s: &str| s.is_empty() || s == "—";
        let mut capo = vec![self.segno(riga.segno)];
        let (mut testo, mut sotto) = (Vec::new(), Vec::new());
        let (mut prima, mut voce) = (None::<(String, &str)>, None);
        for (c, cella) in colonne.iter().zip(&riga.celle) {
            let piano = semplice(cella);
            match c.ruolo {
                Ruolo::Capo if !assente(&piano) => capo.push(self.segmenti(cella)),
                Ruolo::Capo => {}
                Ruolo::CodicePrima(parola) => prima = Some((piano, parola)),
                Ruolo::CodiceDopo => {
                    let (a, parola) = prima.take().unwrap_or_default();
                    let codice = match (a.as_str(), piano.as_str()) {
                        ("—", c) | (c, "—") => c.to_string(),
                        (a, b) if a == b => a.to_string(),
                        (a, b) => format!("{a} → {b}"),
                    };
                    capo.extend((!parola.is_empty()).then(|| parola.to_string()));
                    capo.push(codice);
                }
                Ruolo::Testo => testo.push(self.segmenti(cella)),
                Ruolo::Nota if !assente(&piano) => sotto.push(self.segmenti(cella)),
                Ruolo::Nota => {}
                Ruolo::Voce => voce = Some(piano),
                Ruolo::Prima => prima = Some((piano, "")),
                Ruolo::Dopo => {
                    let (a, _) = prima.take().unwrap_or_default();
                    let cambio = format!("{} → {}", self.stile("31", &a), self.stile("32", &piano));
                    sotto.push(match voce.take() {
                        Some(v) => format!("{v}: {cambio}"),
                        None => cambio,
                    });
                }
            }
        }
        let mut s = format!("  {}", capo.join(" "));
        if !testo.is_empty() {
            let _ = write!(s, ": {}", testo.join(" "));
        }
        s.push('\n');
        if !sotto.is_empty() {
            let _ = writeln!(s, "      {}", sotto.join(" · "));
        }
        s
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[test]
    fn locations_and_values_read_as_words() {
        let r = Rif {
            chiave: "1.1.2".into(),
            codice: "3 bis".into(),
            percorso: "albero[0].figli[0].figli[1]".into(),
            vecchio: false,
        };
        let passi = [
            Passo::Obiettivo(r),
            Passo::Elemento("risorse_umane".into(), 2),
            Passo::Campo("unita_misura".into()),
        ];
        assert_eq!(dove(&passi), "3 bis › risorse umane 2 › unita misura");
        assert_eq!(
            dove(&[
                Passo::Nome("x".repeat(70)),
                Passo::Elemento(String::new(), 1)
            ]),
            format!("«{}…» › 1", "x".repeat(60))
        );
        assert_eq!(sintesi(&json!(1000.5)), "1.000,50");
        assert_eq!(
            sintesi(&json!({"titolo": "Premessa", "testo": "a"})),
            "«Premessa»"
        );
        assert_eq!(sintesi(&json!(true)), "sì");
    }

    #[test]
    fn the_terminal_row_puts_codes_first_and_values_below() {
        let colonne: Vec<Colonna> = [
            ("Modifica", Ruolo::Capo),
            ("Obiettivo", Ruolo::Capo),
            ("N. prima", Ruolo::CodicePrima("indicatore")),
            ("N. dopo", Ruolo::CodiceDopo),
            ("Indicatore", Ruolo::Testo),
            ("Voce", Ruolo::Voce),
            ("Prima", Ruolo::Prima),
            ("Dopo", Ruolo::Dopo),
        ]
        .into_iter()
        .map(|(titolo, ruolo)| Colonna {
            titolo,
            larghezza: None,
            ruolo,
        })
        .collect();
        let riga = |prima: &str, dopo: &str| Riga {
            segno: Genere::Rinumerato,
            celle: [
                "rinumerato",
                "1.2",
                prima,
                dopo,
                "pratiche",
                "peso",
                "—",
                "20,00%",
            ]
            .map(cella)
            .to_vec(),
        };
        assert_eq!(
            Pennello(false).riga(&colonne, &riga("2", "3")),
            "  ~ rinumerato 1.2 indicatore 2 → 3: pratiche\n      peso: — → 20,00%\n"
        );
        assert!(
            Pennello(false)
                .riga(&colonne, &riga("—", "3"))
                .starts_with("  ~ rinumerato 1.2 indicatore 3: pratiche\n")
        );
    }
}
