//! View stage: derives from the plan and its index everything a document shows (effective
//! weights, totals, formatted numbers; codes as the index prints them), once, so templates
//! only lay it out.

pub mod blocchi;
pub mod relazione;
pub use crate::documento::{Copertina, Metadati};
mod scheda;
pub mod svg;

pub use scheda::*;

use std::collections::HashMap;

use serde::Serialize;

use crate::format::{format_percent, periodo as periodo_di};
use crate::indice::{Indice, Ramo, Voce, livello_azienda};
use crate::model::{Assegnazioni, Atto, Nodo, Piano, data_documento, somma_pesi};

/// Everything the templates of a plan document need.
#[derive(Debug, Serialize)]
pub struct View {
    /// The body.
    pub ente: EnteView,
    /// Title, period and legal basis.
    pub documento: DocumentoView,
    /// Lines of approval for the cover ("Approvato dall'OIV in data ...").
    pub approvazioni: Vec<String>,
    /// PDF metadata.
    pub metadati: Metadati,
    /// What the cover shows.
    pub copertina: Copertina,
    /// Introductory text of the planning chapter (Markdown).
    pub introduzione: Option<String>,
    /// Programming documents at the top of the tree.
    pub programmazione: Vec<String>,
    /// The top-level nodes, each with the schede below it.
    pub aree: Vec<AreaView>,
    /// Controlled agencies with their schede.
    pub aziende: Vec<AziendaView>,
    /// Objectives per manager.
    pub assegnazioni: Option<AssegnazioniView>,
    /// Chapters before the planning chapter, flattened (level 1 = chapter).
    pub sezioni: Vec<blocchi::SezioneView>,
    /// Numbers of the planning chapter and its sections, for the HTML page (the PDF numbers
    /// its headings itself, by the same rule).
    pub numeri: NumeriCapitolo,
    /// The albero della performance as data for the diagram.
    pub diagramma: Diagramma,
    /// Signatures.
    pub firme: Vec<FirmaView>,
    /// The POLA, when the plan has one.
    pub pola: Option<PolaView>,
    /// The Relazione sulla Performance, when the build reports results.
    pub relazione: Option<relazione::RelazioneView>,
    /// Whether the document has captioned tables (and so a list of tables after the index).
    pub tabelle: bool,
    /// Whether it has figures besides the tree (and so a list of figures).
    pub figure: bool,
}

/// Numbers of the planning chapter's sections: the chapter follows the numbered chapters
/// before it; then the tree, the schede, one section per agency, the assignments.
#[derive(Debug, Serialize)]
pub struct NumeriCapitolo {
    /// The chapter ("4").
    pub capitolo: String,
    /// The tree ("4.1").
    pub albero: String,
    /// The summary tables ("4.1.1").
    pub sintesi: String,
    /// The schede ("4.2").
    pub schede: String,
    /// One per agency ("4.3").
    pub aziende: Vec<String>,
    /// The assignments ("4.4").
    pub assegnazioni: String,
}

impl NumeriCapitolo {
    fn new(capitolo: usize, aziende: usize) -> NumeriCapitolo {
        NumeriCapitolo {
            capitolo: capitolo.to_string(),
            albero: format!("{capitolo}.1"),
            sintesi: format!("{capitolo}.1.1"),
            schede: format!("{capitolo}.2"),
            aziende: (0..aziende)
                .map(|i| format!("{capitolo}.{}", i + 3))
                .collect(),
            assegnazioni: format!("{capitolo}.{}", aziende + 3),
        }
    }
}

/// The albero della performance as nested data, with its text alternatives: one for the
/// head (documents and plan) and one for each top-level branch, each branch being a figure
/// of its own, so that no alternative of a large plan passes the PDF's string limit.
#[derive(Debug, Serialize)]
pub struct Diagramma {
    /// Programming documents at the top.
    pub documenti: Vec<String>,
    /// The plan, at the root.
    pub radice: String,
    /// Top-level nodes with their descendants.
    pub rami: Vec<NodoDiagramma>,
    /// Agencies, each a branch of its own.
    pub aziende: Vec<NodoDiagramma>,
    /// Text alternative of the head: the plan, its documents, what its branches are.
    pub alt: String,
}

/// A node of the diagram.
#[derive(Debug, Serialize)]
pub struct NodoDiagramma {
    /// Level name.
    pub livello: String,
    /// Code (empty for an agency's root).
    pub codice: String,
    /// Title.
    pub titolo: String,
    /// Children.
    pub figli: Vec<NodoDiagramma>,
    /// The branch's text alternative, on a top-level node only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// The longest text alternative, in bytes: PDF/A allows strings of at most 32,767 bytes;
/// the rest is a margin.
pub const MAX_ALT: usize = 32_000;

/// A signature.
#[derive(Debug, Serialize)]
pub struct FirmaView {
    /// Role.
    pub ruolo: String,
    /// Name, or empty.
    pub nome: String,
}

/// The POLA as shown, inside the plan or on its own.
#[derive(Debug, Serialize)]
pub struct PolaView {
    /// Title.
    pub titolo: String,
    /// Subtitle.
    pub sottotitolo: Option<String>,
    /// Period, e.g. `2021`.
    pub periodo: String,
    /// Approval lines.
    pub approvazioni: Vec<String>,
    /// Parts, flattened (level 1 = part).
    /// Whether it has captioned tables (and so a list of tables after the index).
    pub tabelle: bool,
    /// Its sections.
    pub sezioni: Vec<blocchi::SezioneView>,
    /// Signatures.
    pub firme: Vec<FirmaView>,
    /// Metadata for its own PDF.
    pub metadati: Metadati,
    /// What the cover of its own PDF shows.
    pub copertina: Copertina,
}

/// The body, as shown.
#[derive(Debug, Serialize)]
pub struct EnteView {
    /// Full name.
    pub nome: String,
    /// Short name for running headers.
    pub nome_breve: String,
    /// Path of the logo inside the Typst world (`/logo.png`), when the plan names one.
    pub logo: Option<String>,
}

/// The document, as shown.
#[derive(Debug, Serialize)]
pub struct DocumentoView {
    /// Title.
    pub titolo: String,
    /// Period, e.g. `2021 - 2023`, or a single year.
    pub periodo: String,
    /// A line under the title.
    pub sottotitolo: Option<String>,
    /// Legal basis.
    pub riferimento_normativo: Option<String>,
    /// Title of the planning chapter.
    pub titolo_capitolo: String,
}

/// A top-level node and the schede of its descendants.
#[derive(Debug, Serialize)]
pub struct AreaView {
    /// Code as shown (empty for an unnumbered level).
    pub codice: String,
    /// Position code, unique: for anchors.
    pub chiave: String,
    /// "Area strategica 1: Titolo".
    pub etichetta: String,
    /// Name of the level ("Area strategica").
    pub nome_livello: String,
    /// Title.
    pub titolo: String,
    /// Subtitle.
    pub sottotitolo: Option<String>,
    /// Descendants with a scheda, in document order.
    pub schede: Vec<SchedaView>,
}

/// A controlled agency with its schede.
#[derive(Debug, Serialize)]
pub struct AziendaView {
    /// Name.
    pub nome: String,
    /// Name of its objectives' level, plural.
    pub plurale_livello: String,
    /// Its schede.
    pub schede: Vec<SchedaView>,
}

/// Objectives per manager.
#[derive(Debug, Serialize)]
pub struct AssegnazioniView {
    /// Year.
    pub anno: i32,
    /// One table per manager.
    pub dirigenti: Vec<DirigenteView>,
}

/// A manager's objectives.
#[derive(Debug, Serialize)]
pub struct DirigenteView {
    /// Role.
    pub ruolo: String,
    /// Honorific and name.
    pub nome: String,
    /// Assigned objectives.
    pub righe: Vec<RigaAssegnazione>,
    /// Total of weights, formatted.
    pub totale: String,
}

/// One assigned objective.
#[derive(Debug, Serialize)]
pub struct RigaAssegnazione {
    /// Code as shown (after the agency's name for an agency's objective), or the short
    /// title of an objective without a code.
    pub codice: String,
    /// Level name.
    pub nome_livello: String,
    /// Title, taken from the tree.
    pub titolo: String,
    /// Weight, formatted.
    pub peso: String,
}

impl View {
    /// Builds the view of a validated plan.
    pub fn build(piano: &Piano, indice: &Indice, source_date_epoch: Option<i64>) -> View {
        let doc = &piano.documento;
        let periodo = periodo_di(doc.anno_inizio, doc.anno_fine);
        let approvazioni: Vec<String> = piano.atti.iter().map(Atto::approvazione).collect();
        let metadati = Metadati {
            titolo: format!("{} {}", doc.titolo, periodo),
            autore: piano.ente.nome.clone(),
            soggetto: approvazioni.join("; "),
            parole_chiave: vec![
                doc.titolo.clone(),
                "ciclo della performance".into(),
                "D.Lgs. 150/2009".into(),
                "Amministrazione Trasparente".into(),
            ],
            data: data_documento(&piano.atti, source_date_epoch, doc.anno_inizio),
        };
        let copertina = Copertina {
            titolo: doc.titolo.clone(),
            periodo: periodo.clone(),
            sottotitolo: doc.sottotitolo.clone(),
            riferimento: doc.riferimento_normativo.clone(),
            approvazioni: approvazioni.clone(),
            avvertenza: crate::documento::avvertenza(doc.illustrativo),
        };
        let mut view = View {
            copertina,
            ente: EnteView {
                nome: piano.ente.nome.clone(),
                nome_breve: piano
                    .ente
                    .nome_breve
                    .clone()
                    .unwrap_or_else(|| piano.ente.nome.clone()),
                logo: piano.ente.logo.as_deref().map(logo_path),
            },
            diagramma: diagramma(piano, indice, &periodo),
            documento: DocumentoView {
                titolo: doc.titolo.clone(),
                periodo,
                sottotitolo: doc.sottotitolo.clone(),
                riferimento_normativo: doc.riferimento_normativo.clone(),
                titolo_capitolo: doc
                    .titolo_capitolo
                    .clone()
                    .unwrap_or_else(|| "Pianificazione".into()),
            },
            metadati,
            approvazioni,
            introduzione: piano.introduzione.clone(),
            programmazione: piano.programmazione.clone(),
            aree: aree(piano, indice),
            aziende: aziende(piano, indice),
            assegnazioni: piano.assegnazioni.as_ref().map(|a| assegnazioni(a, indice)),
            sezioni: blocchi::sezioni(&piano.sezioni, 1, "sez-", blocchi::Stile::Capitoli),
            numeri: NumeriCapitolo::new(
                blocchi::numerate(&piano.sezioni) + 1,
                piano.aziende_speciali.len(),
            ),
            firme: firme(&piano.firme),
            tabelle: false,
            figure: false,
            pola: piano
                .pola
                .as_ref()
                .map(|p| pola(piano, p, source_date_epoch)),
            relazione: None,
        };
        let pola_ha = |f: fn(&[blocchi::SezioneView]) -> bool| {
            view.pola.as_ref().is_some_and(|p| f(&p.sezioni))
        };
        let (figure, tabelle) = (pola_ha(blocchi::ha_figure), pola_ha(blocchi::ha_tabelle));
        view.figure = blocchi::ha_figure(&view.sezioni) || figure;
        view.tabelle = blocchi::ha_tabelle(&view.sezioni) || tabelle;
        view
    }
}

/// The top-level nodes of the tree, each with the schede of its descendants; nodes with
/// the same scheda number that follow each other under one parent share a scheda.
fn aree(piano: &Piano, indice: &Indice) -> Vec<AreaView> {
    let albero: Vec<(&Nodo, &Voce)> = indice
        .con_nodi(piano)
        .filter(|(_, v)| v.ramo == Ramo::Albero)
        .collect();
    albero
        .iter()
        .filter(|(_, v)| v.profondita == 0)
        .map(|&(area, va)| {
            let mut schede = Vec::new();
            // The numbered scheda last opened, with its parent: siblings that follow with
            // the same number are printed inside it.
            let mut aperta: Option<(Option<usize>, String)> = None;
            let discendenti = albero
                .iter()
                .filter(|(_, v)| v.profondita > 0 && v.posizione[0] == va.posizione[0]);
            for &(nodo, voce) in discendenti {
                if voce.livello(piano).is_some_and(|l| !l.ha_scheda()) {
                    continue;
                }
                let parent = parent_label(indice, voce);
                let mut s = scheda(piano, indice, nodo, voce, &parent);
                let numero = nodo
                    .scheda
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty());
                if let Some(n) = numero {
                    let key = (voce.padre, n.to_string());
                    if aperta.as_ref() != Some(&key) {
                        s.gruppo = Some(format!("Scheda {n}"));
                    }
                    s.scheda = Some(format!("Scheda {n}"));
                    s.in_gruppo = true;
                    aperta = Some(key);
                } else {
                    aperta = None;
                }
                schede.push(s);
            }
            AreaView {
                codice: va.codice.clone(),
                chiave: va.chiave.clone(),
                etichetta: va.etichetta.clone(),
                nome_livello: va.nome_livello.clone(),
                titolo: area.titolo.clone(),
                sottotitolo: area.sottotitolo.clone(),
                schede,
            }
        })
        .collect()
}

/// The controlled agencies, each with the schede of its objectives.
fn aziende(piano: &Piano, indice: &Indice) -> Vec<AziendaView> {
    piano
        .aziende_speciali
        .iter()
        .enumerate()
        .map(|(k, az)| AziendaView {
            nome: az.nome.clone(),
            plurale_livello: livello_azienda(piano, az.livello.as_ref())
                .map(|l| l.plurale.clone())
                .unwrap_or_default(),
            schede: indice
                .con_nodi(piano)
                .filter(|(_, v)| v.ramo == Ramo::Azienda(k) && v.profondita == 0)
                .map(|(n, v)| scheda(piano, indice, n, v, &az.nome))
                .collect(),
        })
        .collect()
}

/// The POLA, as an annex of the plan and as a document of its own.
fn pola(piano: &Piano, p: &crate::model::Pola, source_date_epoch: Option<i64>) -> PolaView {
    let periodo = periodo_di(p.anno_inizio, p.anno_fine);
    let approvazioni: Vec<String> = p.atti.iter().map(Atto::approvazione).collect();
    let sezioni = blocchi::sezioni(&p.sezioni, 1, "pola-", blocchi::Stile::Parti);
    PolaView {
        titolo: p.titolo.clone(),
        sottotitolo: p.sottotitolo.clone(),
        metadati: Metadati {
            titolo: format!("{} {periodo}", p.titolo),
            autore: piano.ente.nome.clone(),
            soggetto: approvazioni.join("; "),
            parole_chiave: vec![
                p.titolo.clone(),
                "POLA".into(),
                "lavoro agile".into(),
                "Amministrazione Trasparente".into(),
            ],
            data: data_documento(&p.atti, source_date_epoch, p.anno_inizio),
        },
        copertina: Copertina {
            titolo: p.titolo.clone(),
            periodo: periodo.clone(),
            sottotitolo: None,
            riferimento: p.sottotitolo.clone(),
            approvazioni: approvazioni.clone(),
            avvertenza: crate::documento::avvertenza(piano.documento.illustrativo),
        },
        periodo,
        approvazioni,
        tabelle: blocchi::ha_tabelle(&sezioni),
        sezioni,
        firme: firme(&p.firme),
    }
}

/// Where the logo file is served in the Typst world: `/logo` plus its extension.
pub fn logo_path(file: &str) -> String {
    let ext = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("png")
        .to_lowercase();
    format!("/logo.{ext}")
}

impl View {
    /// Marks what an amendment changed: each touched scheda gets a note citing the act, and
    /// each added or changed indicator row a mark.
    pub fn segna(&mut self, segni: &crate::diff::segni::Segni) {
        let mark = |s: &mut SchedaView| {
            let key = s.chiave.clone();
            let mut voci = segni.obiettivi.get(&key).cloned().unwrap_or_default();
            for ind in &mut s.indicatori {
                ind.modificato = segni.indicatori.contains(&(key.clone(), ind.numero));
            }
            for a in &mut s.azioni {
                if let Some(v) = segni.obiettivi.get(&a.chiave) {
                    voci.extend(v.iter().map(|x| format!("{}: {x}", a.etichetta)));
                }
                for (k, r) in a.righe.iter_mut().enumerate() {
                    r.modificato = segni.indicatori.contains(&(a.chiave.clone(), k + 1));
                }
            }
            if !voci.is_empty() {
                s.modifiche = Some(ModificheView {
                    nota: segni.nota.clone(),
                    voci,
                });
            }
        };
        for area in &mut self.aree {
            area.schede.iter_mut().for_each(mark);
        }
        for az in &mut self.aziende {
            az.schede.iter_mut().for_each(mark);
        }
    }
}

fn firme(list: &[crate::model::Firma]) -> Vec<FirmaView> {
    list.iter()
        .map(|f| FirmaView {
            ruolo: f.ruolo.clone(),
            nome: f.nome.clone().unwrap_or_default(),
        })
        .collect()
}

fn nodo_diagramma(indice: &Indice, voce: &Voce) -> NodoDiagramma {
    NodoDiagramma {
        livello: voce.nome_livello.clone(),
        codice: voce.codice.clone(),
        titolo: voce.titolo.clone(),
        figli: indice
            .figli(voce)
            .map(|f| nodo_diagramma(indice, f))
            .collect(),
        alt: None,
    }
}

/// How a node is named in a text alternative: "obiettivo strategico 1.2 «Titolo»".
fn intestazione(n: &NodoDiagramma) -> String {
    if n.livello.is_empty() {
        n.titolo.clone()
    } else if n.codice.is_empty() {
        format!("{} «{}»", n.livello.to_lowercase(), n.titolo)
    } else {
        format!("{} {} «{}»", n.livello.to_lowercase(), n.codice, n.titolo)
    }
}

/// Plural names of the levels, by singular name, for counts ("16 obiettivi operativi").
type Plurali = HashMap<String, String>;

/// How many nodes of each level, among `nodes` and (when `deep`) their descendants:
/// "4 obiettivi strategici e 16 obiettivi operativi".
fn conteggio(nodes: &[NodoDiagramma], deep: bool, plurali: &Plurali) -> String {
    fn count<'a>(n: &'a NodoDiagramma, deep: bool, counts: &mut Vec<(&'a str, usize)>) {
        match counts.iter_mut().find(|(l, _)| *l == n.livello) {
            Some((_, k)) => *k += 1,
            None => counts.push((&n.livello, 1)),
        }
        if deep {
            n.figli.iter().for_each(|f| count(f, deep, counts));
        }
    }
    let mut counts = Vec::new();
    nodes.iter().for_each(|n| count(n, deep, &mut counts));
    let parts: Vec<String> = counts
        .iter()
        .map(|&(livello, k)| {
            let nome = match plurali.get(livello) {
                Some(p) if k > 1 => p.as_str(),
                _ => livello,
            };
            let nome = if nome.is_empty() { "elementi" } else { nome };
            format!("{k} {}", nome.to_lowercase())
        })
        .collect();
    elenco(&parts)
}

/// Items joined as in a sentence: "a, b e c".
fn elenco(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} e {last}", rest.join(", ")),
    }
}

/// A node and its descendants down to `depth` levels below it, in words; further down,
/// only how many there are of each level.
fn describe(n: &NodoDiagramma, depth: usize, plurali: &Plurali) -> String {
    let head = intestazione(n);
    if n.figli.is_empty() {
        head
    } else if depth == 0 {
        format!(
            "{head}, che comprende {}",
            conteggio(&n.figli, true, plurali)
        )
    } else {
        let children: Vec<String> = n
            .figli
            .iter()
            .map(|f| describe(f, depth - 1, plurali))
            .collect();
        format!("{head}, che comprende: {}", children.join("; "))
    }
}

/// How many levels a node has below it.
fn altezza(n: &NodoDiagramma) -> usize {
    n.figli.iter().map(|f| altezza(f) + 1).max().unwrap_or(0)
}

/// The text alternative of a branch within [`MAX_ALT`] bytes: the whole branch when it
/// fits; else down to fewer levels, counting the ones below; else its children one by one
/// as long as they fit, counting the others.
fn alt_ramo(n: &NodoDiagramma, plurali: &Plurali) -> String {
    if n.figli.is_empty() {
        return tronca(format!("{}.", intestazione(n)));
    }
    for depth in (1..=altezza(n)).rev() {
        let s = describe(n, depth, plurali);
        if s.len() < MAX_ALT {
            return format!("{s}.");
        }
    }
    let mut s = format!("{}: ", describe(n, 0, plurali));
    let mut shown = 0;
    for f in &n.figli {
        let next = describe(f, 0, plurali);
        // Room for the closing "; e ancora N …" (at most a few hundred bytes).
        if s.len() + next.len() + 1000 > MAX_ALT {
            break;
        }
        if shown > 0 {
            s.push_str("; ");
        }
        s.push_str(&next);
        shown += 1;
    }
    let rest = &n.figli[shown..];
    if !rest.is_empty() {
        s.push_str(&format!(
            "; e ancora {}, descritti nel quadro di sintesi e nelle schede",
            conteggio(rest, true, plurali)
        ));
    }
    s.push('.');
    tronca(s)
}

/// A string cut to [`MAX_ALT`] bytes at a character boundary, with an ellipsis: the last
/// guard for texts made of what the plan says (a title of 40,000 characters).
fn tronca(mut s: String) -> String {
    if s.len() > MAX_ALT {
        let mut end = MAX_ALT - '…'.len_utf8();
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
    s
}

/// The albero della performance as data, and its text alternatives generated from it.
fn diagramma(piano: &Piano, indice: &Indice, periodo: &str) -> Diagramma {
    let mut plurali: Plurali = piano
        .livelli
        .iter()
        .map(|l| (l.nome.clone(), l.plurale.clone()))
        .collect();
    let mut rami: Vec<NodoDiagramma> = indice
        .radici(Ramo::Albero)
        .map(|v| nodo_diagramma(indice, v))
        .collect();
    // An agency is a branch of its own, with its objectives (not what hangs below them).
    let mut aziende: Vec<NodoDiagramma> = piano
        .aziende_speciali
        .iter()
        .enumerate()
        .map(|(k, az)| {
            if let Some(l) = livello_azienda(piano, az.livello.as_ref()) {
                plurali.insert(l.nome.clone(), l.plurale.clone());
            }
            NodoDiagramma {
                livello: String::new(),
                codice: String::new(),
                titolo: az.nome.clone(),
                figli: indice
                    .radici(Ramo::Azienda(k))
                    .map(|o| NodoDiagramma {
                        livello: o.nome_livello.clone(),
                        codice: o.codice.clone(),
                        titolo: o.titolo.clone(),
                        figli: Vec::new(),
                        alt: None,
                    })
                    .collect(),
                alt: None,
            }
        })
        .collect();
    for r in rami.iter_mut().chain(aziende.iter_mut()) {
        r.alt = Some(alt_ramo(r, &plurali));
    }
    let radice = format!("{} {periodo}", piano.documento.titolo);
    let mut alt = format!("Albero della performance. {radice}");
    if !piano.programmazione.is_empty() {
        alt.push_str(&format!(
            ", che discende da: {}",
            piano.programmazione.join(", ")
        ));
    }
    let mut parti = Vec::new();
    if !rami.is_empty() {
        parti.push(conteggio(&rami, false, &plurali));
    }
    match aziende.len() {
        0 => {}
        1 => parti.push("1 azienda speciale".into()),
        k => parti.push(format!("{k} aziende speciali")),
    }
    if !parti.is_empty() {
        alt.push_str(&format!(
            ". Si articola in {}; ogni ramo è descritto nella figura che lo disegna",
            elenco(&parti)
        ));
    }
    alt.push('.');
    Diagramma {
        documenti: piano.programmazione.clone(),
        radice,
        rami,
        aziende,
        alt: tronca(alt),
    }
}

/// How a scheda names its parent in the label of its weight: "obiettivo strategico 1.2".
fn parent_label(indice: &Indice, voce: &Voce) -> String {
    match indice.padre(voce) {
        None => String::new(),
        Some(p) if p.codice.is_empty() => p.nome_livello.to_lowercase(),
        Some(p) => format!("{} {}", p.nome_livello.to_lowercase(), p.codice),
    }
}

fn assegnazioni(a: &Assegnazioni, indice: &Indice) -> AssegnazioniView {
    AssegnazioniView {
        anno: a.anno,
        dirigenti: a
            .dirigenti
            .iter()
            .map(|d| DirigenteView {
                ruolo: d.ruolo.clone(),
                nome: match &d.titolo {
                    Some(t) => format!("{t} {}", d.nome),
                    None => d.nome.clone(),
                },
                righe: d
                    .obiettivi
                    .iter()
                    .map(|o| {
                        let voce = indice.cerca(&o.obiettivo);
                        RigaAssegnazione {
                            codice: voce
                                .map_or_else(|| o.obiettivo.clone(), |v| v.riferimento.clone()),
                            nome_livello: voce.map(|v| v.nome_livello.clone()).unwrap_or_default(),
                            titolo: voce.map(|v| v.titolo.clone()).unwrap_or_default(),
                            peso: format_percent(o.peso),
                        }
                    })
                    .collect(),
                totale: format_percent(
                    somma_pesi(d.obiettivi.iter().map(|o| Some(o.peso))).unwrap_or(0.0),
                ),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan of three levels: `aree[i]` strategic objectives under area `i + 1`, each
    /// with `operativi` operational objectives.
    fn piano_grande(aree: &[usize], operativi: usize) -> Piano {
        let albero: Vec<serde_json::Value> = aree
            .iter()
            .enumerate()
            .map(|(a, &n)| {
                serde_json::json!({
                    "titolo": format!("Area {}", a + 1),
                    "figli": (0..n).map(|s| serde_json::json!({
                        "titolo": format!("Strategico {}.{}", a + 1, s + 1),
                        "figli": (0..operativi).map(|o| serde_json::json!({
                            "titolo": format!("Operativo {}.{}.{} con un titolo di media lunghezza", a + 1, s + 1, o + 1),
                        })).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Comune" },
            "documento": { "titolo": "Piano della Performance", "anno_inizio": 2024, "anno_fine": 2026 },
            "livelli": [
                { "nome": "Area strategica", "plurale": "Aree strategiche", "scheda": false },
                { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici" },
                { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi" }
            ],
            "programmazione": ["DUP 2024-2026"],
            "albero": albero,
        }))
        .unwrap()
    }

    /// A large plan's tree: each branch has its own text alternative, none longer than a
    /// PDF string may be (32,767 bytes); a small branch is described whole, a branch too
    /// large for that down to its strategic objectives, with the operational ones counted.
    #[test]
    fn tree_alternatives_fit_the_pdf_string_limit() {
        // Area 1: 2 × 2 = 4 objectives; area 2: 40 strategic objectives with 25 operational
        // objectives each, 1,040 objectives in all (about 60,000 bytes described whole).
        let piano = piano_grande(&[2, 40], 25);
        let piano_piccolo = piano_grande(&[2], 2);
        let small = diagramma(
            &piano_piccolo,
            &Indice::build(&piano_piccolo),
            "2024 - 2026",
        );
        let d = diagramma(&piano, &Indice::build(&piano), "2024 - 2026");
        assert_eq!(
            d.alt,
            "Albero della performance. Piano della Performance 2024 - 2026, che discende da: \
             DUP 2024-2026. Si articola in 2 aree strategiche; ogni ramo è descritto nella \
             figura che lo disegna."
        );
        assert_eq!(
            small.rami[0].alt.as_deref(),
            Some(
                "area strategica 1 «Area 1», che comprende: obiettivo strategico 1.1 \
                 «Strategico 1.1», che comprende: obiettivo operativo 1.1.1 «Operativo 1.1.1 \
                 con un titolo di media lunghezza»; obiettivo operativo 1.1.2 «Operativo 1.1.2 \
                 con un titolo di media lunghezza»; obiettivo strategico 1.2 «Strategico 1.2», \
                 che comprende: obiettivo operativo 1.2.1 «Operativo 1.2.1 con un titolo di \
                 media lunghezza»; obiettivo operativo 1.2.2 «Operativo 1.2.2 con un titolo di \
                 media lunghezza»."
            )
        );
        // Area 1 of the large plan is described whole: its 2 strategic objectives with their
        // 25 operational objectives each.
        let whole = d.rami[0].alt.as_deref().unwrap();
        assert_eq!(whole.matches("obiettivo operativo 1.").count(), 50);
        assert!(whole.ends_with(
            "obiettivo operativo 1.2.25 «Operativo 1.2.25 con un titolo di media lunghezza»."
        ));
        let big = d.rami[1].alt.as_deref().unwrap();
        assert!(big.len() <= 32_767, "{} bytes", big.len());
        assert!(big.starts_with(
            "area strategica 2 «Area 2», che comprende: obiettivo strategico 2.1 \
             «Strategico 2.1», che comprende 25 obiettivi operativi; obiettivo strategico 2.2"
        ));
        assert!(big.ends_with(
            "obiettivo strategico 2.40 «Strategico 2.40», che comprende 25 obiettivi operativi."
        ));
        // Below the figures' level, no objective has an alternative of its own.
        assert!(d.rami[1].figli.iter().all(|f| f.alt.is_none()));
    }

    /// A branch so wide that even its children's names do not fit: as many as fit, then
    /// how many more there are.
    #[test]
    fn a_branch_too_wide_to_name_is_counted() {
        // 3,000 strategic objectives of about 70 bytes each: 210,000 bytes.
        let piano = piano_grande(&[3000], 1);
        let d = diagramma(&piano, &Indice::build(&piano), "2024");
        let alt = d.rami[0].alt.as_deref().unwrap();
        assert!(alt.len() <= 32_767, "{} bytes", alt.len());
        assert!(alt.starts_with(
            "area strategica 1 «Area 1», che comprende 3000 obiettivi strategici e 3000 \
             obiettivi operativi: obiettivo strategico 1.1 «Strategico 1.1», che comprende 1 \
             obiettivo operativo; "
        ));
        // The ones left out are counted: shown + left out = 3,000.
        let shown = alt.matches("obiettivo strategico 1.").count();
        let tail = format!(
            "; e ancora {} obiettivi strategici e {} obiettivi operativi, descritti nel quadro \
             di sintesi e nelle schede.",
            3000 - shown,
            3000 - shown
        );
        assert!(alt.ends_with(&tail), "{}", &alt[alt.len() - 200..]);
    }
}
