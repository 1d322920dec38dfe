//! View of narrative sections and their blocks: tables with formatted cells, charts with
//! their alternative text, organisation charts, and the POLA's typed tables with the
//! figures derived from them.

use serde::Serialize;

use crate::format::{format_euro, format_number, format_plain};
use crate::model::{
    Allineamento, Blocco, Cella, Colonna, Conteggi, DimensioneDfp, Formato, Grafico, IndicatoriDfp,
    Organigramma, PosizioneSezione, ProgrammaSviluppo, SerieMensile, Sezione, Tabella, TipoGrafico,
    Unita,
};

/// A section heading followed by its blocks, in document order (subsections flattened).
#[derive(Debug, Serialize)]
pub struct SezioneView {
    /// Heading level, from 1.
    pub livello: usize,
    /// Derived number (`1.2.3`), empty when not numbered.
    pub numero: String,
    /// Anchor for links to this section.
    pub ancora: String,
    /// Whether the heading is numbered.
    pub numerata: bool,
    /// How the heading is numbered in the PDF.
    pub numerazione: Numerazione,
    /// Title.
    pub titolo: String,
    /// Its blocks.
    pub blocchi: Vec<BloccoView>,
}

/// How a section heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Numerazione {
    /// With the document's heading numbers (`1.2`).
    Automatica,
    /// Without a number.
    Nessuna,
    /// As a part of the POLA: "Parte N".
    Parte,
}

/// How the sections of a document are numbered: chapters of the plan, parts, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stile {
    /// Numbered headings at every level (the plan's chapters).
    Capitoli,
    /// Numbered first-level sections are "Parte N", the rest unnumbered (the POLA).
    Parti,
    /// No numbers: the narrative of a node, among the schede, whose headings are not
    /// numbered either.
    Narrativa,
}

/// A block ready to lay out.
#[derive(Debug, Serialize)]
#[serde(tag = "tipo", rename_all = "snake_case")]
pub enum BloccoView {
    /// Markdown text.
    Testo {
        /// The text.
        testo: String,
    },
    /// A table with formatted cells.
    Tabella(TabellaView),
    /// A chart.
    Grafico(GraficoView),
    /// An organisation chart.
    Organigramma(OrganigrammaView),
    /// A traffic light per objective (the Relazione's principal results).
    Semaforo(SemaforoView),
    /// A Gantt chart (the PIAO's monitoring sub-phases), view-only.
    Gantt(GanttView),
}

/// A Gantt chart: one bar per row on a time axis of months, milestones as markers. Every
/// position is a share of the axis (0 its start, 1 its end), computed from the dates.
#[derive(Debug, Serialize)]
pub struct GanttView {
    /// Caption.
    pub titolo: String,
    /// The years on the axis, each over its months.
    pub anni: Vec<TaccaView>,
    /// The months on the axis, labelled (initials when there are many, none beyond four
    /// years).
    pub mesi: Vec<TaccaView>,
    /// One bar per row.
    pub barre: Vec<BarraView>,
    /// Text alternative: every bar and milestone with its dates, in words.
    pub alt: String,
    /// The drawing as SVG, for the HTML page (the PDF draws the same data in Typst).
    pub svg: String,
}

/// A stretch of the time axis with its label.
#[derive(Debug, Serialize)]
pub struct TaccaView {
    /// Label (`2024`, `gen`, `G`, or empty).
    pub etichetta: String,
    /// Where it starts, as a share of the axis.
    pub inizio: f64,
    /// How wide it is, as a share of the axis.
    pub ampiezza: f64,
}

/// A bar of a Gantt chart.
#[derive(Debug, Serialize)]
pub struct BarraView {
    /// The row's label.
    pub etichetta: String,
    /// Its dates in words.
    pub periodo: String,
    /// Where it starts, as a share of the axis.
    pub inizio: f64,
    /// How wide it is, as a share of the axis.
    pub ampiezza: f64,
    /// Its milestones.
    pub milestone: Vec<MarcatoreView>,
}

/// A milestone on a bar.
#[derive(Debug, Serialize)]
pub struct MarcatoreView {
    /// Its short name on the chart and in the table (`M1`).
    pub sigla: String,
    /// Description.
    pub descrizione: String,
    /// Date in words.
    pub data: String,
    /// Where it falls, as a share of the axis.
    pub posizione: f64,
}

/// A traffic light per objective: a coloured light beside the words that say the same.
#[derive(Debug, Serialize)]
pub struct SemaforoView {
    /// Caption.
    pub titolo: String,
    /// One light per objective.
    pub righe: Vec<LuceView>,
}

/// One objective's light.
#[derive(Debug, Serialize)]
pub struct LuceView {
    /// Code as printed.
    pub codice: String,
    /// Title.
    pub titolo: String,
    /// Achievement, formatted ("n.d." when not measured).
    pub grado: String,
    /// In words: raggiunto, parzialmente raggiunto, non raggiunto, non misurato.
    pub esito: String,
    /// Colour: `verde`, `giallo`, `rosso`, `grigio`.
    pub colore: &'static str,
}

/// A table with every cell already formatted.
#[derive(Debug, Serialize)]
pub struct TabellaView {
    /// Caption.
    pub titolo: String,
    /// Headers.
    pub intestazioni: Vec<String>,
    /// Typst alignment per column (`left`, `center`, `right`).
    pub allineamenti: Vec<&'static str>,
    /// Relative column widths; empty when the layout measures them from the cells.
    pub larghezze: Vec<f64>,
    /// Rows.
    pub righe: Vec<Vec<String>>,
    /// Totals row.
    pub totale: Option<Vec<String>>,
    /// Note (Markdown).
    pub note: Option<String>,
    /// Source.
    pub fonte: Option<String>,
    /// Whether it goes on a landscape page.
    pub orizzontale: bool,
}

/// A chart with normalised geometry and its alternative text.
#[derive(Debug, Serialize)]
pub struct GraficoView {
    /// `barre`, `torta` or `linee` (not `tipo`: that key names the kind of block).
    pub forma: &'static str,
    /// Title.
    pub titolo: String,
    /// Categories.
    pub categorie: Vec<String>,
    /// Series.
    pub serie: Vec<SerieView>,
    /// Largest value, for the scale.
    pub massimo: f64,
    /// Labels of the scale at 0, half and the largest value (the unit, other than `%`, is
    /// written once above the scale).
    pub scala: Vec<String>,
    /// Unit.
    pub unita: Option<String>,
    /// Source.
    pub fonte: Option<String>,
    /// Text alternative, generated from the data.
    pub alt: String,
    /// The drawing, as SVG: the same in the PDF and in the HTML page.
    pub svg: String,
}

/// A series of a chart.
#[derive(Debug, Serialize)]
pub struct SerieView {
    /// Name.
    pub nome: String,
    /// Values (0 where missing, see `etichette`).
    pub valori: Vec<f64>,
    /// Formatted values, "n.d." where missing.
    pub etichette: Vec<String>,
    /// Whether each value is given (a line chart breaks where it is not).
    pub presenti: Vec<bool>,
}

/// An organisation chart and its text alternative.
#[derive(Debug, Serialize)]
pub struct OrganigrammaView {
    /// Title.
    pub titolo: String,
    /// The top unit.
    pub radice: UnitaView,
    /// Text alternative.
    pub alt: String,
}

/// A unit of the chart.
#[derive(Debug, Serialize)]
pub struct UnitaView {
    /// Name.
    pub nome: String,
    /// Person responsible, or empty.
    pub responsabile: String,
    /// Staff units.
    pub staff: Vec<UnitaView>,
    /// Units below.
    pub unita: Vec<UnitaView>,
}

/// Flattens sections into headings and blocks; `base` is the heading level of the top.
/// Whether any of the sections has a chart or an organisation chart (figures besides the
/// tree, for the list of figures).
pub fn ha_figure(list: &[SezioneView]) -> bool {
    list.iter().any(|s| {
        s.blocchi.iter().any(|b| {
            matches!(
                b,
                BloccoView::Grafico(_) | BloccoView::Organigramma(_) | BloccoView::Gantt(_)
            )
        })
    })
}

/// Whether any of the sections has a table with a caption (for the list of tables).
pub fn ha_tabelle(list: &[SezioneView]) -> bool {
    list.iter().any(|s| {
        s.blocchi
            .iter()
            .any(|b| matches!(b, BloccoView::Tabella(_) | BloccoView::Semaforo(_)))
    })
}

/// The sections flattened in document order, numbered from level `base` (the first
/// numbered one of that level gets `primo`), with anchors starting with `prefisso`.
pub fn sezioni<'a>(
    list: impl IntoIterator<Item = &'a Sezione>,
    base: usize,
    primo: usize,
    prefisso: &str,
    stile: Stile,
) -> Vec<SezioneView> {
    let mut out = Vec::new();
    flatten(list, base, &[], primo.saturating_sub(1), prefisso, &mut out);
    for s in &mut out {
        s.numerazione = match (stile, s.numerata) {
            (Stile::Narrativa, _) => {
                s.numerata = false;
                s.numero.clear();
                Numerazione::Nessuna
            }
            (_, false) => Numerazione::Nessuna,
            (Stile::Capitoli, true) => Numerazione::Automatica,
            (Stile::Parti, true) if s.livello == base => Numerazione::Parte,
            (Stile::Parti, true) => Numerazione::Nessuna,
        };
    }
    out
}

/// The sections flattened under the numbered heading `parent` ("2.3" is `[2, 3]`): the
/// first at `level`, numbered after `dopo` siblings, with anchors starting with `prefisso`.
pub fn sezioni_sotto<'a>(
    list: impl IntoIterator<Item = &'a Sezione>,
    level: usize,
    parent: &[usize],
    dopo: usize,
    prefisso: &str,
) -> Vec<SezioneView> {
    let mut out = Vec::new();
    flatten(list, level, parent, dopo, prefisso, &mut out);
    for s in &mut out {
        s.numerazione = if s.numerata {
            Numerazione::Automatica
        } else {
            Numerazione::Nessuna
        };
    }
    out
}

/// The top-level sections of `list` printed at `posizione` (a section without one is
/// printed before: at the start of the document, or under its node's heading).
pub fn al_posto(list: &[Sezione], posizione: PosizioneSezione) -> impl Iterator<Item = &Sezione> {
    list.iter()
        .filter(move |s| s.posizione.unwrap_or(PosizioneSezione::Prima) == posizione)
}

/// The narrative sections of a node printed at `posizione`, unnumbered, with anchors
/// after the node's position key (`chiave`).
pub fn del_nodo(
    sezioni_nodo: &[Sezione],
    chiave: &str,
    posizione: PosizioneSezione,
) -> Vec<SezioneView> {
    let tag = match posizione {
        PosizioneSezione::Prima => "p",
        PosizioneSezione::DopoScheda => "s",
        PosizioneSezione::Dopo => "d",
    };
    let prefisso = format!("nodo-{}-{tag}", chiave.replace(['.', ' '], "-"));
    sezioni(
        al_posto(sezioni_nodo, posizione),
        1,
        1,
        &prefisso,
        Stile::Narrativa,
    )
}

/// Numbers only numbered sections, as Typst does: an unnumbered one (Premessa) does not
/// advance the count; the first numbered one of the list gets `dopo + 1`.
fn flatten<'a>(
    list: impl IntoIterator<Item = &'a Sezione>,
    level: usize,
    parent: &[usize],
    dopo: usize,
    prefisso: &str,
    out: &mut Vec<SezioneView>,
) {
    let mut n = dopo;
    for s in list {
        let numerata = s.numerata.unwrap_or(true) && (parent.is_empty() || !parent.contains(&0));
        let mut pos = parent.to_vec();
        if numerata {
            n += 1;
            pos.push(n);
        } else {
            pos.push(0);
        }
        let numero = if numerata {
            pos.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(".")
        } else {
            String::new()
        };
        out.push(SezioneView {
            livello: level,
            ancora: format!("{prefisso}{}", out.len() + 1),
            numero,
            numerata,
            numerazione: Numerazione::Automatica,
            titolo: s.titolo.clone(),
            blocchi: s.contenuto.iter().flat_map(blocco).collect(),
        });
        flatten(&s.sezioni, level + 1, &pos, 0, prefisso, out);
    }
}

/// The view of one block; POLA blocks become a table and, where the data allow, a chart.
pub fn blocco(b: &Blocco) -> Vec<BloccoView> {
    match b {
        Blocco::Testo(t) => vec![BloccoView::Testo { testo: t.clone() }],
        Blocco::Tabella(t) => vec![BloccoView::Tabella(tabella(t))],
        Blocco::Grafico(g) => vec![BloccoView::Grafico(grafico(g))],
        Blocco::Organigramma(o) => vec![BloccoView::Organigramma(organigramma(o))],
        Blocco::SerieMensile(m) => serie_mensile(m),
        Blocco::Conteggi(c) => vec![BloccoView::Tabella(conteggi(c))],
        Blocco::ProgrammaSviluppo(p) => vec![BloccoView::Tabella(programma(p))],
        Blocco::IndicatoriDfp(d) => vec![BloccoView::Tabella(indicatori_dfp(d))],
    }
}

fn cell(c: &Cella, col: &Colonna) -> String {
    match c {
        Cella::Vuota => String::new(),
        Cella::Testo(t) => t.clone(),
        Cella::Numero(n) => match (col.formato.unwrap_or(Formato::Numero), col.decimali) {
            (Formato::Percentuale, d) => {
                format!("{}%", format_number(*n, usize::from(d.unwrap_or(2))))
            }
            (Formato::Euro, Some(0)) => format!("€ {}", format_number(*n, 0)),
            (Formato::Euro, _) => format_euro(*n),
            (_, Some(d)) => format_number(*n, usize::from(d)),
            (_, None) => format_plain(*n),
        },
    }
}

fn align(col: &Colonna) -> &'static str {
    match col.allineamento {
        Some(Allineamento::Sinistra) => "left",
        Some(Allineamento::Centro) => "center",
        Some(Allineamento::Destra) => "right",
        None => match col.formato {
            Some(Formato::Numero | Formato::Percentuale | Formato::Euro) => "right",
            _ => "left",
        },
    }
}

/// About how many characters a table's line holds (8.5 pt text over the 17 cm of a
/// portrait page, the 25.7 cm of a landscape one), cell insets included.
const CARATTERI_RIGA: f64 = 105.0;
const CARATTERI_RIGA_ORIZZONTALE: f64 = 155.0;
/// A cell's inset on both sides, in characters.
const MARGINE_CELLA: f64 = 3.0;
/// A column whose longest text (or header word) is at most this many characters is given
/// the room it needs; the wider ones share what is left.
const COLONNA_STRETTA: f64 = 14.0;

/// Column widths: each column's room is its longest text (a header counts by its longest
/// word), plus the cell's inset. When the table is wider than the page, narrow columns
/// (codes, numbers, levels) keep the room they need and the wide text columns share the
/// rest, in proportion to their text up to 40 characters: a code column is never squeezed
/// beside long descriptions.
fn widths(headers: &[String], rows: &[Vec<String>], orizzontale: bool) -> Vec<f64> {
    let naturali: Vec<f64> = (0..headers.len())
        .map(|i| {
            let longest_cell = rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0);
            let header_word = headers[i]
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            (longest_cell.max(header_word) as f64).max(2.0)
        })
        .collect();
    let riga = if orizzontale {
        CARATTERI_RIGA_ORIZZONTALE
    } else {
        CARATTERI_RIGA
    };
    let con_margine = |n: f64| n + MARGINE_CELLA;
    if naturali.iter().map(|&n| con_margine(n)).sum::<f64>() <= riga {
        return naturali.into_iter().map(con_margine).collect();
    }
    let strette: f64 = naturali
        .iter()
        .filter(|&&n| n <= COLONNA_STRETTA)
        .map(|&n| con_margine(n))
        .sum();
    let larghe: Vec<f64> = naturali
        .iter()
        .filter(|&&n| n > COLONNA_STRETTA)
        .map(|&n| n.min(40.0))
        .collect();
    let peso_larghe: f64 = larghe.iter().sum();
    // What is left for the wide columns, and never less than 12 characters each.
    let resto = (riga - strette).max(12.0 * larghe.len() as f64);
    naturali
        .into_iter()
        .map(|n| {
            if n <= COLONNA_STRETTA {
                con_margine(n)
            } else {
                resto * n.min(40.0) / peso_larghe
            }
        })
        .collect()
}

/// Formats a generic table.
pub fn tabella(t: &Tabella) -> TabellaView {
    let righe: Vec<Vec<String>> = t
        .righe
        .iter()
        .map(|r| {
            r.iter()
                .zip(&t.colonne)
                .map(|(c, col)| cell(c, col))
                .collect()
        })
        .collect();
    let intestazioni: Vec<String> = t.colonne.iter().map(|c| c.titolo.clone()).collect();
    let orizzontale = t.orizzontale.unwrap_or(t.colonne.len() > 9);
    TabellaView {
        titolo: t.titolo.clone(),
        larghezze: widths(&intestazioni, &righe, orizzontale),
        intestazioni,
        allineamenti: t.colonne.iter().map(align).collect(),
        righe,
        totale: t.totale.as_ref().map(|r| {
            r.iter()
                .zip(&t.colonne)
                .map(|(c, col)| cell(c, col))
                .collect()
        }),
        note: t.note.clone(),
        fonte: t.fonte.clone(),
        orizzontale,
    }
}

fn value_label(v: Option<f64>, unita: Option<&str>) -> String {
    match v {
        None => "n.d.".into(),
        Some(v) => match unita {
            Some("%") => format!(
                "{}%",
                format_number(v, if v.fract() == 0.0 { 0 } else { 1 })
            ),
            Some(u) => format!("{} {u}", format_plain(v)),
            None => format_plain(v),
        },
    }
}

/// A chart with its text alternative: every category with every value, in words.
pub fn grafico(g: &Grafico) -> GraficoView {
    let unita = g.unita.as_deref();
    let serie: Vec<SerieView> = g
        .serie
        .iter()
        .map(|s| SerieView {
            nome: s.nome.clone(),
            valori: s.valori.iter().map(|v| v.unwrap_or(0.0).max(0.0)).collect(),
            etichette: s.valori.iter().map(|v| value_label(*v, unita)).collect(),
            presenti: s.valori.iter().map(Option::is_some).collect(),
        })
        .collect();
    let massimo = serie
        .iter()
        .flat_map(|s| s.valori.iter().copied())
        .fold(0.0_f64, f64::max);
    let forma = match g.tipo {
        TipoGrafico::Barre => "barre",
        TipoGrafico::Torta => "torta",
        TipoGrafico::Linee => "linee",
    };
    let kind = match g.tipo {
        TipoGrafico::Barre => "Grafico a barre",
        TipoGrafico::Torta => "Grafico a torta",
        TipoGrafico::Linee => "Grafico a linee",
    };
    let mut alt = format!("{kind}: {}.", g.titolo);
    for s in &serie {
        let items: Vec<String> = g
            .categorie
            .iter()
            .zip(&s.etichette)
            .map(|(c, v)| format!("{c} {v}"))
            .collect();
        if serie.len() > 1 {
            alt.push_str(&format!(" {}: {}.", s.nome, items.join("; ")));
        } else {
            alt.push_str(&format!(" {}.", items.join("; ")));
        }
    }
    if let Some(f) = &g.fonte {
        alt.push_str(&format!(" Fonte: {f}."));
    }
    let massimo = if massimo > 0.0 { massimo } else { 1.0 };
    let mut view = GraficoView {
        forma,
        titolo: g.titolo.clone(),
        categorie: g.categorie.clone(),
        serie,
        scala: [0.0, massimo / 2.0, massimo]
            .iter()
            .map(|v| value_label(Some(*v), unita.filter(|u| *u == "%")))
            .collect(),
        massimo,
        unita: g.unita.clone(),
        fonte: g.fonte.clone(),
        alt,
        svg: String::new(),
    };
    view.svg = super::svg::grafico(&view);
    view
}

fn unita_view(u: &Unita) -> UnitaView {
    UnitaView {
        nome: u.nome.clone(),
        responsabile: u.responsabile.clone().unwrap_or_default(),
        staff: u.staff.iter().map(unita_view).collect(),
        unita: u.unita.iter().map(unita_view).collect(),
    }
}

fn describe_unit(u: &Unita, out: &mut String) {
    out.push_str(&u.nome);
    if let Some(r) = &u.responsabile {
        out.push_str(&format!(" ({r})"));
    }
    if !u.staff.is_empty() {
        out.push_str(", con in staff: ");
        let parts: Vec<String> = u
            .staff
            .iter()
            .map(|s| {
                let mut t = String::new();
                describe_unit(s, &mut t);
                t
            })
            .collect();
        out.push_str(&parts.join(", "));
    }
    if !u.unita.is_empty() {
        out.push_str("; da cui dipendono: ");
        let parts: Vec<String> = u
            .unita
            .iter()
            .map(|s| {
                let mut t = String::new();
                describe_unit(s, &mut t);
                t
            })
            .collect();
        out.push_str(&parts.join("; "));
    }
}

/// An organisation chart with its text alternative.
pub fn organigramma(o: &Organigramma) -> OrganigrammaView {
    let titolo = o
        .titolo
        .clone()
        .unwrap_or_else(|| "Struttura organizzativa".into());
    let mut alt = format!("Organigramma. {titolo}: ");
    describe_unit(&o.radice, &mut alt);
    alt.push('.');
    OrganigrammaView {
        titolo,
        radice: unita_view(&o.radice),
        alt,
    }
}

fn testo_col(titolo: &str) -> Colonna {
    Colonna {
        titolo: titolo.into(),
        allineamento: None,
        formato: Some(Formato::Testo),
        decimali: None,
    }
}

fn num_col(titolo: &str, formato: Formato, decimali: u8) -> Colonna {
    Colonna {
        titolo: titolo.into(),
        allineamento: None,
        formato: Some(formato),
        decimali: Some(decimali),
    }
}

/// The share of agile workers among employees, month by month (0 where there are none).
fn quote_agili(m: &SerieMensile) -> Vec<f64> {
    m.mesi
        .iter()
        .map(|x| {
            if x.dipendenti == 0 {
                0.0
            } else {
                f64::from(x.lavoratori_agili) * 100.0 / f64::from(x.dipendenti)
            }
        })
        .collect()
}

/// The rows of the monthly table: the counts as given, then the share computed from them,
/// each with its year's mean or total.
fn righe_mensili(m: &SerieMensile, share: &[f64]) -> Vec<Vec<String>> {
    let n = m.mesi.len().max(1) as f64;
    let avg =
        |f: &dyn Fn(&crate::model::MeseLavoroAgile) -> f64| m.mesi.iter().map(f).sum::<f64>() / n;
    let total_days: u32 = m.mesi.iter().map(|x| x.giornate_totali).sum();
    let row = |label: &str, vals: Vec<String>, year: String| {
        let mut r = vec![label.to_string()];
        r.extend(vals);
        r.push(year);
        r
    };
    vec![
        row(
            "N° dipendenti totali",
            m.mesi
                .iter()
                .map(|x| format_number(f64::from(x.dipendenti), 0))
                .collect(),
            format!(
                "media {}",
                format_number(avg(&|x| f64::from(x.dipendenti)), 1)
            ),
        ),
        row(
            "N° lavoratori agili",
            m.mesi
                .iter()
                .map(|x| format_number(f64::from(x.lavoratori_agili), 0))
                .collect(),
            format!(
                "media {}",
                format_number(avg(&|x| f64::from(x.lavoratori_agili)), 1)
            ),
        ),
        row(
            "N° giornate in lavoro agile svolte in media a settimana per dipendente",
            m.mesi
                .iter()
                .map(|x| format_plain(x.giorni_medi_settimana))
                .collect(),
            format!(
                "media {}",
                format_number(avg(&|x| x.giorni_medi_settimana), 1)
            ),
        ),
        row(
            "N° di giornate in lavoro agile svolte complessivamente nel mese",
            m.mesi
                .iter()
                .map(|x| format_number(f64::from(x.giornate_totali), 0))
                .collect(),
            format!("totale {}", format_number(f64::from(total_days), 0)),
        ),
        row(
            "Quota di lavoratori agili sui dipendenti (calcolata)",
            share
                .iter()
                .map(|s| format!("{}%", format_number(*s, 1)))
                .collect(),
            format!("media {}%", format_number(share.iter().sum::<f64>() / n, 1)),
        ),
    ]
}

/// The monthly table (months as columns, as the plans print it) with the derived share of
/// agile workers and the yearly figures, and a bar chart of that share.
fn serie_mensile(m: &SerieMensile) -> Vec<BloccoView> {
    let mut colonne = vec![testo_col(&m.titolo)];
    colonne.extend(m.mesi.iter().map(|x| num_col(&x.mese, Formato::Numero, 0)));
    colonne.push(num_col(&format!("Anno {}", m.anno), Formato::Numero, 0));
    let share = quote_agili(m);
    let righe = righe_mensili(m, &share);
    let intestazioni: Vec<String> = colonne.iter().map(|c| c.titolo.clone()).collect();
    let mut larghezze = vec![9.0];
    larghezze.extend(std::iter::repeat_n(2.2, m.mesi.len()));
    larghezze.push(3.2);
    let table = TabellaView {
        titolo: m.titolo.clone(),
        intestazioni,
        allineamenti: colonne.iter().enumerate().map(|(i, _)| if i == 0 { "left" } else { "right" }).collect(),
        larghezze,
        righe,
        totale: None,
        note: Some(
            "L'ultima riga e l'ultima colonna sono calcolate dai dati della tabella: quota = lavoratori agili / dipendenti totali del mese.".into(),
        ),
        fonte: None,
        orizzontale: false,
    };
    let chart = grafico(&Grafico {
        tipo: TipoGrafico::Barre,
        titolo: format!(
            "Quota di lavoratori agili sui dipendenti, per mese ({})",
            m.anno
        ),
        categorie: m.mesi.iter().map(|x| x.mese.clone()).collect(),
        serie: vec![crate::model::Serie {
            nome: "Lavoratori agili".into(),
            valori: share
                .iter()
                .map(|s| Some((s * 10.0).round() / 10.0))
                .collect(),
        }],
        unita: Some("%".into()),
        fonte: None,
    });
    vec![BloccoView::Tabella(table), BloccoView::Grafico(chart)]
}

fn conteggi(c: &Conteggi) -> TabellaView {
    let mut colonne = vec![testo_col(&c.titolo)];
    colonne.extend(c.periodi.iter().map(|p| num_col(p, Formato::Numero, 0)));
    let t = Tabella {
        titolo: match c.dimensione {
            Some(d) => format!("{} ({})", c.titolo, dimensione(d).to_lowercase()),
            None => c.titolo.clone(),
        },
        righe: c
            .righe
            .iter()
            .map(|r| {
                std::iter::once(Cella::Testo(r.voce.clone()))
                    .chain(r.valori.iter().cloned())
                    .collect()
            })
            .collect(),
        colonne,
        totale: None,
        note: None,
        fonte: None,
        orizzontale: None,
    };
    let mut v = tabella(&t);
    v.titolo = t.titolo;
    v
}

fn programma(p: &ProgrammaSviluppo) -> TabellaView {
    let mut intestazioni = vec![p.titolo.clone()];
    intestazioni.extend(p.fasi.iter().cloned());
    let righe: Vec<Vec<String>> = p
        .condizioni
        .iter()
        .map(|c| {
            std::iter::once(c.condizione.clone())
                .chain(p.fasi.iter().map(|f| {
                    if *f == c.fase {
                        f.clone()
                    } else {
                        String::new()
                    }
                }))
                .collect()
        })
        .collect();
    let mut larghezze = vec![16.0];
    larghezze.extend(std::iter::repeat_n(6.0, p.fasi.len()));
    TabellaView {
        titolo: p.titolo.clone(),
        allineamenti: std::iter::once("left")
            .chain(p.fasi.iter().map(|_| "center"))
            .collect(),
        intestazioni,
        larghezze,
        righe,
        totale: None,
        note: None,
        fonte: None,
        orizzontale: false,
    }
}

/// The label of a DFP dimension, as the guidelines name it.
pub fn dimensione(d: DimensioneDfp) -> &'static str {
    match d {
        DimensioneDfp::SaluteOrganizzativa => "Condizioni abilitanti – Salute organizzativa",
        DimensioneDfp::SaluteProfessionale => "Condizioni abilitanti – Salute professionale",
        DimensioneDfp::SaluteEconomicoFinanziaria => {
            "Condizioni abilitanti – Salute economico-finanziaria"
        }
        DimensioneDfp::SaluteDigitale => "Condizioni abilitanti – Salute digitale",
        DimensioneDfp::StatoImplementazione => "Stato di implementazione",
        DimensioneDfp::Economicita => "Performance organizzativa – Economicità",
        DimensioneDfp::Efficienza => "Performance organizzativa – Efficienza",
        DimensioneDfp::Efficacia => "Performance organizzativa – Efficacia",
        DimensioneDfp::ImpattoSociale => "Impatti esterni – Sociale",
        DimensioneDfp::ImpattoAmbientale => "Impatti esterni – Ambientale",
        DimensioneDfp::ImpattoEconomico => "Impatti esterni – Economico",
        DimensioneDfp::ImpattoInterno => "Impatti interni",
    }
}

/// Indicators grouped in the order of the guidelines (the enum's order).
fn indicatori_dfp(d: &IndicatoriDfp) -> TabellaView {
    let mut inds: Vec<_> = d.indicatori.iter().collect();
    inds.sort_by_key(|i| i.dimensione);
    let mut intestazioni = vec![
        "Dimensione".to_string(),
        "Indicatore".to_string(),
        "Baseline".to_string(),
    ];
    intestazioni.extend(d.fasi.iter().map(|f| format!("Target {f}")));
    intestazioni.push("Fonte".into());
    let righe: Vec<Vec<String>> = inds
        .iter()
        .map(|i| {
            let mut r = vec![
                dimensione(i.dimensione).to_string(),
                i.indicatore.clone(),
                i.baseline
                    .as_ref()
                    .map_or_else(|| "-".into(), |b| b.testo()),
            ];
            r.extend(
                d.fasi
                    .iter()
                    .map(|f| i.target.get(f).map_or_else(|| "-".into(), |t| t.testo())),
            );
            r.push(i.fonte.clone().unwrap_or_else(|| "-".into()));
            r
        })
        .collect();
    let orizzontale = d.fasi.len() > 3;
    TabellaView {
        titolo: d.titolo.clone(),
        allineamenti: intestazioni.iter().map(|_| "left").collect(),
        larghezze: widths(&intestazioni, &righe, orizzontale),
        intestazioni,
        righe,
        totale: None,
        note: None,
        fonte: None,
        orizzontale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Serie;

    #[test]
    fn narrow_columns_keep_their_room_beside_long_texts() {
        let headers: Vec<String> = ["ID", "Evento", "P", "Livello", "Motivazione"]
            .map(String::from)
            .into();
        let long = "a".repeat(60);
        let rows = vec![vec![
            "E1".to_string(),
            long.clone(),
            "3".into(),
            "Medio".into(),
            long,
        ]];
        // Naturals 2, 60, 2, 7, 60 plus 3 each: 149 > 105, so the narrow ones keep 5, 5
        // and 10 and the two long texts share the 85 left, capped at 40 each: 42.5.
        assert_eq!(widths(&headers, &rows, false), [5.0, 42.5, 5.0, 10.0, 42.5]);
        // A table narrower than the page: every column its own text plus the inset.
        let short = vec![vec![
            "E1".to_string(),
            "Ritardi".into(),
            "3".into(),
            "Basso".into(),
            "ok".into(),
        ]];
        assert_eq!(
            widths(&headers, &short, false),
            [5.0, 10.0, 5.0, 10.0, 14.0]
        );
    }

    #[test]
    fn cells_follow_their_column_format() {
        let pct = num_col("x", Formato::Percentuale, 1);
        assert_eq!(cell(&Cella::Numero(11.5), &pct), "11,5%");
        let eur = num_col("x", Formato::Euro, 2);
        assert_eq!(cell(&Cella::Numero(1171568.59), &eur), "€ 1.171.568,59");
        let n = Colonna {
            titolo: "n".into(),
            allineamento: None,
            formato: None,
            decimali: None,
        };
        assert_eq!(cell(&Cella::Numero(13538.0), &n), "13.538");
        assert_eq!(cell(&Cella::Vuota, &n), "");
        assert_eq!(align(&n), "left");
        assert_eq!(align(&eur), "right");
    }

    #[test]
    fn chart_alt_text_lists_every_value() {
        let g = Grafico {
            tipo: TipoGrafico::Torta,
            titolo: "Valore aggiunto per settore".into(),
            categorie: vec!["Industria".into(), "Servizi".into()],
            serie: vec![Serie {
                nome: "2019".into(),
                valori: vec![Some(36.3), None],
            }],
            unita: Some("%".into()),
            fonte: Some("Istat".into()),
        };
        let v = grafico(&g);
        assert_eq!(
            v.alt,
            "Grafico a torta: Valore aggiunto per settore. Industria 36,3%; Servizi n.d.. Fonte: Istat."
        );
        assert_eq!(v.massimo, 36.3);
    }

    #[test]
    fn monthly_share_is_derived_from_the_data() {
        let m = SerieMensile {
            titolo: "t".into(),
            anno: 2020,
            mesi: vec![
                crate::model::MeseLavoroAgile {
                    mese: "gen".into(),
                    dipendenti: 134,
                    lavoratori_agili: 17,
                    giorni_medi_settimana: 0.0,
                    giornate_totali: 37,
                },
                crate::model::MeseLavoroAgile {
                    mese: "feb".into(),
                    dipendenti: 130,
                    lavoratori_agili: 122,
                    giorni_medi_settimana: 3.0,
                    giornate_totali: 1244,
                },
            ],
        };
        let blocks = serie_mensile(&m);
        let BloccoView::Tabella(t) = &blocks[0] else {
            panic!()
        };
        assert_eq!(t.righe[4][1], "12,7%");
        assert_eq!(t.righe[4][2], "93,8%");
        assert_eq!(t.righe[3][3], "totale 1.281");
        let BloccoView::Grafico(g) = &blocks[1] else {
            panic!()
        };
        assert!(g.alt.contains("gen 12,7%; feb 93,8%"), "{}", g.alt);
    }
}
