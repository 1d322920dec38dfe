//! View stage: derives from the plan and its index everything a document shows (effective
//! weights, totals, formatted numbers; codes as the index prints them), once, so templates
//! only lay it out.

pub mod blocchi;
pub mod piao;
pub mod relazione;
pub use crate::documento::{Approvazione, Copertina, Metadati};
mod scheda;
pub mod svg;

pub use scheda::*;

use std::collections::HashMap;

use serde::Serialize;

use crate::format::{format_percent, periodo as periodo_di};
use crate::indice::{Indice, Posto, Ramo, Voce, livello_azienda};
use crate::inline::plain;
use crate::model::{Assegnazioni, Atto, Nodo, Piano, PosizioneSezione, data_documento, somma_pesi};

/// Everything the templates of a plan document need.
#[derive(Debug, Serialize)]
pub struct View {
    /// The body.
    pub ente: EnteView,
    /// Title, period and legal basis.
    pub documento: DocumentoView,
    /// Lines of approval for the cover ("Approvato dall'OIV in data ...").
    pub approvazioni: Vec<Approvazione>,
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
    /// The rules of measurement the plan states, in words, each with its value.
    pub regole: Vec<RegolaView>,
    /// Chapters before the planning chapter, flattened (level 1 = chapter).
    pub sezioni: Vec<blocchi::SezioneView>,
    /// Chapters after the planning chapter (before the signatures), flattened.
    pub sezioni_dopo: Vec<blocchi::SezioneView>,
    /// The planning chapter's number, title and part headings (the PDF numbers its headings
    /// itself, by the same rule as the numbers here).
    pub capitolo: CapitoloView,
    /// The albero della performance as data for the diagram.
    pub diagramma: Diagramma,
    /// Signatures.
    pub firme: Vec<FirmaView>,
    /// The POLA, when the plan has one.
    pub pola: Option<PolaView>,
    /// The Relazione sulla Performance, when the build reports results.
    pub relazione: Option<relazione::RelazioneView>,
    /// The PIAO, when the plan is one.
    pub piao: Option<piao::PiaoView>,
    /// Whether the document has captioned tables (and so a list of tables after the index).
    pub tabelle: bool,
    /// Whether it has figures besides the tree (and so a list of figures).
    pub figure: bool,
}

/// Where the planning chapter's parts go: under the plan's own chapter (level 1, number
/// `N`), or under a subsection of a larger document (the PIAO's 2.2: level 2, number
/// `2.2`, its parts after the subsection's own numbered ones).
#[derive(Debug, Clone)]
pub struct PostoCapitolo {
    /// Levels added to every heading of the chapter (0 for the plan's own chapter).
    pub base: usize,
    /// The chapter's number as printed ("3", "2.2").
    pub numero: String,
    /// How many numbered headings of the parts' level precede the first part.
    pub prima: usize,
}

/// The planning chapter: its number, title and the headings of its parts, as the plan
/// sets them or by default. A part whose heading is empty is printed without it, and the
/// headings inside it move up one level, so that no level is skipped; numbers follow the
/// headings printed, as Typst numbers them.
#[derive(Debug, Serialize)]
pub struct CapitoloView {
    /// Number ("3", or "2.2" inside the PIAO).
    pub numero: String,
    /// When the plan sets the number: the value of Typst's heading counter just before the
    /// chapter (the number less one).
    pub contatore: Option<u32>,
    /// Title ("Pianificazione").
    pub titolo: String,
    /// The tree diagram's heading.
    pub albero: Option<ParteView>,
    /// The summary tables' heading.
    pub sintesi: Option<ParteView>,
    /// The schede's heading.
    pub schede: Option<ParteView>,
    /// One heading per agency.
    pub aziende: Vec<ParteView>,
    /// The assignments' heading.
    pub assegnazioni: Option<ParteView>,
    /// The rules of measurement the plan states (`misurazione`), when it states them.
    pub misurazione: Option<ParteView>,
    /// Level of the top-level nodes' headings among the schede (3, or 2 without the schede's
    /// heading); the schede are one level below.
    pub livello_aree: usize,
    /// Whether the schede's headings are at a level the PDF numbers (the third, without
    /// the schede's heading), and so must say that they take no number: the schede of the
    /// tree are never numbered.
    pub schede_senza_numero: bool,
    /// Level of the managers' headings (3, or 2 without the assignments' heading).
    pub livello_dirigenti: usize,
    /// The second-level headings, in order, for the HTML page's index.
    pub indice: Vec<ParteView>,
}

/// A rule of measurement and its value, as the plan states it.
#[derive(Debug, Serialize)]
pub struct RegolaView {
    /// The rule.
    pub regola: String,
    /// Its value, in words.
    pub valore: String,
}

/// The heading of a part of the planning chapter.
#[derive(Debug, Clone, Serialize)]
pub struct ParteView {
    /// Heading level in the PDF (2 or 3; the HTML page's is one more).
    pub livello: usize,
    /// Number ("4.1").
    pub numero: String,
    /// Text.
    pub titolo: String,
    /// Anchor in the HTML page.
    pub ancora: String,
}

impl CapitoloView {
    /// The plan's own chapter, numbered after the chapters before it (or as the plan says).
    fn new(piano: &Piano) -> CapitoloView {
        let posto = PostoCapitolo {
            base: 0,
            numero: piano.numero_capitolo().to_string(),
            prima: 0,
        };
        CapitoloView::at(piano, &posto)
    }

    /// The chapter's headings placed at `posto`.
    pub fn at(piano: &Piano, posto: &PostoCapitolo) -> CapitoloView {
        let doc = &piano.documento;
        let (base, numero) = (posto.base, &posto.numero);
        let h = doc.intestazioni.clone().unwrap_or_default();
        // The plan's heading, else the default; an empty one is left out.
        let titolo = |t: Option<String>, default: &str| {
            let t = t.unwrap_or_else(|| default.to_string());
            (!t.trim().is_empty()).then_some(t)
        };
        // The second-level headings, numbered in order.
        let mut indice: Vec<ParteView> = Vec::new();
        let mut parte = |titolo: String, ancora: String| {
            let p = ParteView {
                livello: base + 2,
                numero: format!("{numero}.{}", posto.prima + indice.len() + 1),
                titolo,
                ancora,
            };
            indice.push(p.clone());
            p
        };
        let albero =
            titolo(h.albero, "Albero della performance").map(|t| parte(t, "albero".into()));
        let sintesi = titolo(h.sintesi, "Obiettivi e indicatori: quadro di sintesi");
        let sintesi = match &albero {
            Some(a) => sintesi.map(|t| ParteView {
                livello: base + 3,
                numero: format!("{}.1", a.numero),
                titolo: t,
                ancora: "sintesi".into(),
            }),
            None => sintesi.map(|t| parte(t, "sintesi".into())),
        };
        let schede = titolo(h.schede, "Schede obiettivi");
        // An agency's heading names the schede, when they have a heading.
        let aziende_titoli: Vec<String> = piano
            .aziende_speciali
            .iter()
            .map(|a| match &schede {
                Some(t) => format!("{t} {}", a.nome),
                None => a.nome.clone(),
            })
            .collect();
        let schede = schede.map(|t| parte(t, "schede".into()));
        let aziende = aziende_titoli
            .into_iter()
            .enumerate()
            .map(|(k, t)| parte(t, format!("azienda-{}", k + 1)))
            .collect();
        let assegnazioni = piano.assegnazioni.as_ref().and_then(|a| {
            titolo(
                h.assegnazioni,
                "Assegnazione degli obiettivi {anno} ai dirigenti",
            )
            .map(|t| {
                parte(
                    t.replace("{anno}", &a.anno.to_string()),
                    "assegnazioni".into(),
                )
            })
        });
        let misurazione = piano.misurazione.as_ref().map(|_| {
            parte(
                "Regole di misurazione del grado di raggiungimento".into(),
                "misurazione".into(),
            )
        });
        CapitoloView {
            misurazione,
            numero: numero.clone(),
            contatore: doc
                .numero_capitolo
                .filter(|_| base == 0)
                .map(|n| n.saturating_sub(1)),
            titolo: doc
                .titolo_capitolo
                .clone()
                .unwrap_or_else(|| "Pianificazione".into()),
            livello_aree: base + if schede.is_some() { 3 } else { 2 },
            // The PDF numbers the first three levels.
            schede_senza_numero: base + if schede.is_some() { 4 } else { 3 } <= 3,
            livello_dirigenti: base + if assegnazioni.is_some() { 3 } else { 2 },
            indice,
            albero,
            sintesi,
            schede,
            aziende,
            assegnazioni,
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
    pub approvazioni: Vec<Approvazione>,
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
    /// Website, on the cover.
    pub sito: Option<String>,
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
    /// Weight in the plan, formatted.
    pub peso: Option<String>,
    /// What the weight is relative to.
    pub etichetta_peso: String,
    /// Budget link lines.
    pub bilancio: Option<scheda::BilancioView>,
    /// Description (Markdown), under the heading: a first-level node has no scheda.
    pub descrizione: Option<String>,
    /// Notes (Markdown), under the description.
    pub note: Option<String>,
    /// Its narrative sections under its heading, before the schede (it has no scheda of its
    /// own, so those before and after it go together).
    pub sezioni_prima: Vec<blocchi::SezioneView>,
    /// Its narrative sections after the schede of its descendants.
    pub sezioni_dopo: Vec<blocchi::SezioneView>,
    /// Whether the node has a scheda of its own (its level asks for one): the first of
    /// `schede`, which then stands for its heading, fields and sections.
    pub scheda_propria: bool,
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
        let approvazioni: Vec<Approvazione> = piano.atti.iter().map(Approvazione::of).collect();
        let metadati = Metadati {
            titolo: format!("{} {}", plain(&doc.titolo), periodo),
            autore: piano.ente.nome.clone(),
            soggetto: soggetto(&piano.atti),
            parole_chiave: [
                plain(&doc.titolo),
                "ciclo della performance".into(),
                "D.Lgs. 150/2009".into(),
                "Amministrazione Trasparente".into(),
            ]
            .into_iter()
            .chain(piano.ente.tipo.clone())
            .collect(),
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
        let capitolo = CapitoloView::new(piano);
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
                sito: piano.ente.sito.clone(),
            },
            diagramma: diagramma(piano, indice, &periodo),
            documento: DocumentoView {
                titolo: doc.titolo.clone(),
                periodo,
                sottotitolo: doc.sottotitolo.clone(),
                riferimento_normativo: doc.riferimento_normativo.clone(),
            },
            metadati,
            approvazioni,
            introduzione: piano.introduzione.clone(),
            programmazione: piano.programmazione.clone(),
            aree: aree(piano, indice),
            aziende: aziende(piano, indice),
            assegnazioni: piano.assegnazioni.as_ref().map(|a| assegnazioni(a, indice)),
            regole: piano.misurazione.as_ref().map_or_else(Vec::new, |m| {
                m.in_parole(piano.ponderazione.as_ref())
                    .into_iter()
                    .map(|(regola, valore)| RegolaView { regola, valore })
                    .collect()
            }),
            sezioni: blocchi::sezioni(
                piano.sezioni_prima(),
                1,
                1,
                "sez-",
                blocchi::Stile::Capitoli,
            ),
            sezioni_dopo: blocchi::sezioni(
                blocchi::al_posto(&piano.sezioni, PosizioneSezione::Dopo),
                1,
                piano.numero_capitolo() + 1,
                "dopo-",
                blocchi::Stile::Capitoli,
            ),
            capitolo,
            firme: firme(&piano.firme),
            tabelle: false,
            figure: false,
            pola: piano
                .pola
                .as_ref()
                .map(|p| pola(piano, p, source_date_epoch)),
            relazione: None,
            piao: piao::build(piano, indice, source_date_epoch),
        };
        if view.piao.is_some() {
            // In a PIAO the plan's own document is subsection 2.2, for the OIV; the POLA is
            // subsection 3.2 of the PIAO, not an annex.
            let titolo = format!("{} {}", plain(&doc.titolo), view.documento.periodo);
            view.copertina.titolo = piao::TITOLO_PERFORMANCE.into();
            view.copertina.sottotitolo = Some(format!("Sottosezione 2.2 del {titolo}"));
            view.metadati.titolo = format!(
                "{} – sottosezione 2.2 del {titolo}",
                piao::TITOLO_PERFORMANCE
            );
            view.pola = None;
        }
        let pola_ha = |f: fn(&[blocchi::SezioneView]) -> bool| {
            view.pola.as_ref().is_some_and(|p| f(&p.sezioni))
        };
        let (figure, tabelle) = (pola_ha(blocchi::ha_figure), pola_ha(blocchi::ha_tabelle));
        let narrativa = view.narrativa();
        let figure = narrativa.iter().any(|l| blocchi::ha_figure(l)) || figure;
        let tabelle = narrativa.iter().any(|l| blocchi::ha_tabelle(l)) || tabelle;
        (view.figure, view.tabelle) = (figure, tabelle);
        view
    }

    /// Every list of narrative sections of the plan document: before and after the planning
    /// chapter, and those of its nodes.
    fn narrativa(&self) -> Vec<&[blocchi::SezioneView]> {
        let mut out: Vec<&[blocchi::SezioneView]> = vec![&self.sezioni, &self.sezioni_dopo];
        for a in &self.aree {
            out.extend([&a.sezioni_prima[..], &a.sezioni_dopo]);
        }
        let schede = self.aree.iter().flat_map(|a| &a.schede);
        for s in schede.chain(self.aziende.iter().flat_map(|a| &a.schede)) {
            out.extend([&s.sezioni_prima[..], &s.sezioni_dopo, &s.sezioni_chiusura]);
            for a in &s.tabella_azioni.azioni {
                out.extend([&a.sezioni_prima[..], &a.sezioni_dopo]);
            }
        }
        out
    }
}

/// The top-level nodes of the tree, each with the schede of its descendants; nodes with
/// the same scheda number that follow each other under one parent share a scheda, and a
/// node whose actions carry scheda numbers is printed in one numbered scheda per run. A
/// node's sections after its children follow the last scheda of its descendants.
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
            // The nodes whose schede are printed and whose descendants' may follow, with
            // the index of their scheda: their sections after their children wait for them.
            let mut aperti: Vec<(&Nodo, &Voce, usize)> = Vec::new();
            // The node itself, when its level gives it a scheda, then its descendants.
            let propria = indice.posto(piano, va) == Posto::Scheda;
            let discendenti = albero
                .iter()
                .filter(|(_, v)| v.posizione[0] == va.posizione[0]);
            for &(nodo, voce) in discendenti {
                if indice.posto(piano, voce) != Posto::Scheda {
                    continue;
                }
                while let Some(&(n, v, i)) = aperti.last() {
                    if voce.posizione.starts_with(&v.posizione) {
                        break;
                    }
                    aperti.pop();
                    chiudi(&mut schede, n, v, i);
                }
                let parent = parent_label(indice, voce);
                let parti = scheda::schede(piano, indice, nodo, voce, &parent);
                // The summary names every numbered scheda the node is printed in.
                let numeri: Vec<String> = parti.iter().filter_map(|(n, _)| n.clone()).collect();
                let sintesi = match numeri.as_slice() {
                    [] | [_] => None,
                    _ => Some(format!("Schede {}", elenco(&numeri))),
                };
                for (k, (numero, mut s)) in parti.into_iter().enumerate() {
                    if let Some(n) = numero {
                        let key = (voce.padre, n.clone());
                        if aperta.as_ref() != Some(&key) {
                            s.gruppo = Some(format!("Scheda {n}"));
                        }
                        s.scheda = match (k, &sintesi) {
                            (0, Some(tutte)) => Some(tutte.clone()),
                            _ => Some(format!("Scheda {n}")),
                        };
                        s.in_gruppo = true;
                        aperta = Some(key);
                    } else {
                        aperta = None;
                    }
                    schede.push(s);
                }
                aperti.push((nodo, voce, schede.len() - 1));
            }
            while let Some((n, v, i)) = aperti.pop() {
                chiudi(&mut schede, n, v, i);
            }
            // A node with a scheda of its own prints its sections with it.
            let sezioni_area = |p| {
                if propria {
                    Vec::new()
                } else {
                    blocchi::del_nodo(&area.sezioni, &va.chiave, p)
                }
            };
            AreaView {
                codice: va.codice.clone(),
                chiave: va.chiave.clone(),
                etichetta: va.etichetta.clone(),
                nome_livello: va.nome_livello.clone(),
                titolo: area.titolo.clone(),
                sottotitolo: area.sottotitolo.clone(),
                peso: area.peso.map(format_percent),
                etichetta_peso: va
                    .livello(piano)
                    .and_then(|l| l.etichetta_peso.clone())
                    .unwrap_or_else(|| "Peso nel piano".into()),
                bilancio: area.bilancio.as_ref().map(scheda::bilancio),
                descrizione: area.descrizione.clone(),
                note: area.note.clone(),
                sezioni_prima: [PosizioneSezione::Prima, PosizioneSezione::DopoScheda]
                    .into_iter()
                    .flat_map(sezioni_area)
                    .collect(),
                sezioni_dopo: sezioni_area(PosizioneSezione::Dopo),
                scheda_propria: propria,
                schede,
            }
        })
        .collect()
}

/// Places the sections after the children of the node whose scheda is `schede[i]`: inside
/// its scheda when it is the last one printed, else after the last one, one level up.
fn chiudi(schede: &mut [SchedaView], nodo: &Nodo, voce: &Voce, i: usize) {
    let dopo = blocchi::del_nodo(&nodo.sezioni, &voce.chiave, PosizioneSezione::Dopo);
    match schede.len().checked_sub(1) {
        Some(last) if last == i => schede[i].sezioni_dopo.extend(dopo),
        Some(last) => schede[last].sezioni_chiusura.extend(dopo),
        None => {}
    }
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
                .flat_map(|(n, v)| {
                    let mut parti: Vec<SchedaView> = scheda::schede(piano, indice, n, v, &az.nome)
                        .into_iter()
                        .map(|(_, s)| s)
                        .collect();
                    if let Some(ultima) = parti.last_mut() {
                        ultima.sezioni_dopo.extend(blocchi::del_nodo(
                            &n.sezioni,
                            &v.chiave,
                            PosizioneSezione::Dopo,
                        ));
                    }
                    parti
                })
                .collect(),
        })
        .collect()
}

/// The POLA, as an annex of the plan and as a document of its own.
fn pola(piano: &Piano, p: &crate::model::Pola, source_date_epoch: Option<i64>) -> PolaView {
    let periodo = periodo_di(p.anno_inizio, p.anno_fine);
    let approvazioni: Vec<Approvazione> = p.atti.iter().map(Approvazione::of).collect();
    let sezioni = blocchi::sezioni(&p.sezioni, 1, 1, "pola-", blocchi::Stile::Parti);
    PolaView {
        titolo: p.titolo.clone(),
        sottotitolo: p.sottotitolo.clone(),
        metadati: Metadati {
            titolo: format!("{} {periodo}", plain(&p.titolo)),
            autore: piano.ente.nome.clone(),
            soggetto: soggetto(&p.atti),
            parole_chiave: vec![
                plain(&p.titolo),
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
            if let Some(t) = &mut s.target {
                t.modificato = segni.target.contains(&key);
            }
            for a in &mut s.tabella_azioni.azioni {
                if let Some(v) = segni.obiettivi.get(&a.chiave) {
                    voci.extend(v.iter().map(|x| format!("{}: {x}", a.etichetta)));
                }
                for r in &mut a.righe {
                    r.modificato = match r.numero {
                        Some(n) => segni.indicatori.contains(&(a.chiave.clone(), n)),
                        None => segni.target.contains(&a.chiave),
                    };
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

/// The acts in the document's metadata: how each approved it, without their subjects.
pub(crate) fn soggetto(atti: &[Atto]) -> String {
    atti.iter()
        .map(Atto::approvazione)
        .collect::<Vec<_>>()
        .join("; ")
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
        titolo: plain(&voce.titolo),
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
                        titolo: plain(&o.titolo),
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
    let radice = format!("{} {periodo}", plain(&piano.documento.titolo));
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

    /// Sections after a node's children wait for the last scheda of its descendants, the
    /// nearest node's first; a node without descendants' schede keeps them in its own.
    #[test]
    fn sections_after_the_children_follow_the_last_descendant() {
        let dopo =
            |t: &str| serde_json::json!([{ "titolo": t, "posizione": "dopo", "contenuto": [] }]);
        let piano: Piano = serde_json::from_value(serde_json::json!({
            "ente": { "nome": "Comune" },
            "documento": { "titolo": "Piano", "anno_inizio": 2024, "anno_fine": 2024 },
            "livelli": [ { "nome": "Area", "plurale": "Aree", "scheda": false } ],
            "albero": [{ "titolo": "Area", "sezioni": dopo("dopo area"), "figli": [
                { "titolo": "A", "sezioni": dopo("dopo A"), "figli": [
                    { "titolo": "A1", "sezioni": dopo("dopo A1"), "figli": [
                        { "titolo": "A1a", "sezioni": dopo("dopo A1a") }
                    ] },
                    { "titolo": "A2" }
                ] },
                { "titolo": "B", "sezioni": dopo("dopo B") }
            ] }]
        }))
        .unwrap();
        let aree = aree(&piano, &Indice::build(&piano));
        let titoli = |l: &[blocchi::SezioneView]| -> Vec<String> {
            l.iter().map(|s| s.titolo.clone()).collect()
        };
        let schede: Vec<(&str, Vec<String>, Vec<String>)> = aree[0]
            .schede
            .iter()
            .map(|s| {
                (
                    s.titolo.as_str(),
                    titoli(&s.sezioni_dopo),
                    titoli(&s.sezioni_chiusura),
                )
            })
            .collect();
        let none = Vec::<String>::new;
        assert_eq!(
            schede,
            [
                ("A", none(), none()),
                ("A1", none(), none()),
                ("A1a", vec!["dopo A1a".into()], vec!["dopo A1".into()]),
                ("A2", none(), vec!["dopo A".into()]),
                ("B", vec!["dopo B".into()], none()),
            ]
        );
        assert_eq!(titoli(&aree[0].sezioni_dopo), ["dopo area"]);
    }

    /// The chapter's parts are numbered as Typst numbers the headings printed: without
    /// the tree's heading the summary is a part of its own; an agency's heading is its name
    /// after the schede's heading, or its name alone; `{anno}` is the assignments' year.
    #[test]
    fn the_chapters_parts_are_numbered_by_the_headings_printed() {
        let mut piano = piano_grande(&[1], 1);
        piano.documento.numero_capitolo = Some(7);
        piano.aziende_speciali = serde_json::from_value(serde_json::json!([
            { "nome": "Azienda Uno", "obiettivi": [] },
            { "nome": "Azienda Due", "obiettivi": [] }
        ]))
        .unwrap();
        piano.assegnazioni = Some(
            serde_json::from_value(serde_json::json!({ "anno": 2025, "dirigenti": [] })).unwrap(),
        );
        let parti = |c: &CapitoloView| -> Vec<(usize, String, String)> {
            [&c.albero, &c.sintesi, &c.schede]
                .into_iter()
                .flatten()
                .chain(&c.aziende)
                .chain(&c.assegnazioni)
                .map(|p| (p.livello, p.numero.clone(), p.titolo.clone()))
                .collect()
        };
        let c = CapitoloView::new(&piano);
        assert_eq!((c.numero.as_str(), c.contatore), ("7", Some(6)));
        assert_eq!(
            parti(&c),
            [
                (2, "7.1".into(), "Albero della performance".into()),
                (
                    3,
                    "7.1.1".into(),
                    "Obiettivi e indicatori: quadro di sintesi".into()
                ),
                (2, "7.2".into(), "Schede obiettivi".into()),
                (2, "7.3".into(), "Schede obiettivi Azienda Uno".into()),
                (2, "7.4".into(), "Schede obiettivi Azienda Due".into()),
                (
                    2,
                    "7.5".into(),
                    "Assegnazione degli obiettivi 2025 ai dirigenti".into()
                ),
            ]
        );
        assert_eq!((c.livello_aree, c.livello_dirigenti), (3, 3));
        piano.documento.intestazioni = Some(crate::model::Intestazioni {
            albero: Some(String::new()),
            sintesi: None,
            schede: Some(" ".into()),
            assegnazioni: Some("Obiettivi {anno}".into()),
        });
        let c = CapitoloView::new(&piano);
        assert_eq!(
            parti(&c),
            [
                (
                    2,
                    "7.1".into(),
                    "Obiettivi e indicatori: quadro di sintesi".into()
                ),
                (2, "7.2".into(), "Azienda Uno".into()),
                (2, "7.3".into(), "Azienda Due".into()),
                (2, "7.4".into(), "Obiettivi 2025".into()),
            ]
        );
        assert_eq!(c.indice.len(), 4);
        assert!(c.schede_senza_numero);
        assert_eq!(c.livello_aree, 2);
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
