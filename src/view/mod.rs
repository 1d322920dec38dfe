//! View stage: derives from the plan and its index everything a document shows (effective
//! weights, totals, formatted numbers; codes as the index prints them), once, so templates
//! only lay it out.

pub mod blocchi;
pub use crate::documento::{Copertina, Metadati};
mod scheda;
pub mod svg;

pub use scheda::*;

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

/// The albero della performance as nested data, with its text alternative.
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
    /// Text alternative.
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
}

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
    }
}

fn describe(n: &NodoDiagramma, out: &mut Vec<String>) {
    let head = if n.livello.is_empty() {
        n.titolo.clone()
    } else if n.codice.is_empty() {
        format!("{} «{}»", n.livello.to_lowercase(), n.titolo)
    } else {
        format!("{} {} «{}»", n.livello.to_lowercase(), n.codice, n.titolo)
    };
    if n.figli.is_empty() {
        out.push(head);
    } else {
        let mut children = Vec::new();
        for f in &n.figli {
            describe(f, &mut children);
        }
        out.push(format!("{head}, che comprende: {}", children.join("; ")));
    }
}

/// The albero della performance as data, and its text alternative generated from it.
fn diagramma(piano: &Piano, indice: &Indice, periodo: &str) -> Diagramma {
    let rami: Vec<NodoDiagramma> = indice
        .radici(Ramo::Albero)
        .map(|v| nodo_diagramma(indice, v))
        .collect();
    // An agency is a branch of its own, with its objectives (not what hangs below them).
    let aziende: Vec<NodoDiagramma> = piano
        .aziende_speciali
        .iter()
        .enumerate()
        .map(|(k, az)| NodoDiagramma {
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
                })
                .collect(),
        })
        .collect();
    let radice = format!("{} {periodo}", piano.documento.titolo);
    let mut parts = Vec::new();
    for r in rami.iter().chain(&aziende) {
        describe(r, &mut parts);
    }
    let mut alt = format!("Albero della performance. {radice}",);
    if !piano.programmazione.is_empty() {
        alt.push_str(&format!(
            ", che discende da: {}",
            piano.programmazione.join(", ")
        ));
    }
    alt.push_str(&format!(". Si articola in: {}.", parts.join(". ")));
    Diagramma {
        documenti: piano.programmazione.clone(),
        radice,
        rami,
        aziende,
        alt,
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
