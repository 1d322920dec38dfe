//! View stage: derives from the plan everything a document shows (codes, effective
//! weights, totals, formatted numbers), once, so templates only lay it out.

pub mod blocchi;
mod scheda;
pub mod svg;

pub use scheda::*;

use std::collections::HashMap;

use serde::Serialize;

use crate::format::{Date, format_percent, periodo as periodo_di};
use crate::model::{Assegnazioni, Atto, Livello, Nodo, Piano, data_documento, somma_pesi};

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
    /// The tree as an indented list, in document order.
    pub albero: Vec<RigaAlbero>,
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

/// What a document's cover shows, the same for every document: the templates lay it out
/// once (`copertina.typ.j2`).
#[derive(Debug, Clone, Serialize)]
pub struct Copertina {
    /// Title.
    pub titolo: String,
    /// Period, e.g. `2021 - 2023`.
    pub periodo: String,
    /// A line under the title.
    pub sottotitolo: Option<String>,
    /// Legal basis, or the line that stands for it.
    pub riferimento: Option<String>,
    /// Lines of approval.
    pub approvazioni: Vec<String>,
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

/// Metadata written into the PDF.
#[derive(Debug, Serialize)]
pub struct Metadati {
    /// Document title with period.
    pub titolo: String,
    /// The body.
    pub autore: String,
    /// Subject: the adoption act.
    pub soggetto: String,
    /// Keywords.
    pub parole_chiave: Vec<String>,
    /// Date of the document (adoption, or `SOURCE_DATE_EPOCH`), if known.
    pub data: Option<Date>,
}

/// A line of the tree overview.
#[derive(Debug, Serialize)]
pub struct RigaAlbero {
    /// Depth, from 0.
    pub livello: usize,
    /// Name of the level.
    pub nome_livello: String,
    /// Code as shown (empty for an unnumbered level).
    pub codice: String,
    /// Title.
    pub titolo: String,
    /// "Obiettivo strategico 1.2: Titolo", or "Prospettiva BSC: Titolo" without a code.
    pub etichetta: String,
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
    /// Code as shown (with the agency name for agency objectives).
    pub codice: String,
    /// Level name.
    pub nome_livello: String,
    /// Title, taken from the tree.
    pub titolo: String,
    /// Weight, formatted.
    pub peso: String,
}

/// Where an objective sits: resolved from an `id` or a derived code.
#[derive(Debug, Clone)]
pub struct Voce {
    /// Code as shown.
    pub codice: String,
    /// Code by position (with the agency's name for its objectives): unique.
    pub chiave: String,
    /// Level name.
    pub nome_livello: String,
    /// Title.
    pub titolo: String,
}

/// All objectives of the plan, reachable by `id` and by derived code.
#[derive(Debug, Default)]
pub struct Catalogo {
    by_key: HashMap<String, Voce>,
    /// Ids declared more than once, with the codes that declare them.
    pub duplicati: Vec<(String, Vec<String>)>,
    /// Codes shown by more than one node of the tree, with the JSON paths of those nodes.
    pub codici_ripetuti: Vec<(String, Vec<String>)>,
}

impl Catalogo {
    /// Indexes every node of the tree and of the agencies.
    pub fn build(piano: &Piano) -> Catalogo {
        let mut cat = Catalogo::default();
        let mut ids: HashMap<String, Vec<String>> = HashMap::new();
        let mut codes: HashMap<String, Vec<String>> = HashMap::new();
        let codici = codici(piano);
        walk(&piano.albero, &[], &mut |nodo, pos| {
            let shown = codici.get(pos).cloned().unwrap_or_default();
            let nome = nome_livello(piano, pos.len() - 1);
            let voce = Voce {
                chiave: codice(pos),
                codice: if shown.is_empty() {
                    etichetta(&nome, "", &nodo.titolo)
                } else {
                    shown.clone()
                },
                nome_livello: nome,
                titolo: nodo.titolo.clone(),
            };
            if let Some(id) = &nodo.id {
                ids.entry(id.clone()).or_default().push(voce.codice.clone());
                cat.by_key.insert(id.clone(), voce.clone());
            }
            if !shown.is_empty() {
                codes.entry(shown.clone()).or_default().push(json_path(pos));
                cat.by_key.entry(shown).or_insert(voce);
            }
        });
        let mut rip: Vec<_> = codes.into_iter().filter(|(_, v)| v.len() > 1).collect();
        rip.sort();
        cat.codici_ripetuti = rip;
        for az in &piano.aziende_speciali {
            let livello = livello_azienda(piano, az.livello.as_ref());
            for (i, nodo) in az.obiettivi.iter().enumerate() {
                let codice = format!("{} {}", az.nome, i + 1);
                let voce = Voce {
                    chiave: codice.clone(),
                    codice: codice.clone(),
                    nome_livello: livello.map(|l| l.nome.clone()).unwrap_or_default(),
                    titolo: nodo.titolo.clone(),
                };
                if let Some(id) = &nodo.id {
                    ids.entry(id.clone()).or_default().push(codice.clone());
                    cat.by_key.insert(id.clone(), voce.clone());
                }
            }
        }
        let mut dup: Vec<_> = ids.into_iter().filter(|(_, v)| v.len() > 1).collect();
        dup.sort();
        cat.duplicati = dup;
        cat
    }

    /// The objective an assignment refers to.
    pub fn get(&self, key: &str) -> Option<&Voce> {
        self.by_key.get(key.trim())
    }
}

/// Visits every node depth-first with its 0-based position path.
pub fn walk<'a>(nodes: &'a [Nodo], prefix: &[usize], f: &mut dyn FnMut(&'a Nodo, &[usize])) {
    for (i, n) in nodes.iter().enumerate() {
        let mut pos = prefix.to_vec();
        pos.push(i);
        f(n, &pos);
        walk(&n.figli, &pos, f);
    }
}

/// The hierarchical code of a position path: `[1, 0, 2]` gives `2.1.3`.
pub fn codice(pos: &[usize]) -> String {
    pos.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(".")
}

/// The codes of the tree's nodes as shown, by position path. A node with its own `numero`
/// shows it; otherwise, on a numbered level, it follows its nearest coded ancestor
/// (`1.2.3`); on an unnumbered level it has none (empty).
pub fn codici(piano: &Piano) -> HashMap<Vec<usize>, String> {
    fn visit(
        piano: &Piano,
        nodes: &[Nodo],
        prefix: &[usize],
        inherited: &str,
        out: &mut HashMap<Vec<usize>, String>,
    ) {
        for (i, n) in nodes.iter().enumerate() {
            let mut pos = prefix.to_vec();
            pos.push(i);
            let numbered = piano
                .livelli
                .get(pos.len() - 1)
                .is_none_or(Livello::ha_numeri);
            let own = n.numero.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let code = match own {
                Some(c) => c.to_string(),
                None if !numbered => String::new(),
                None if inherited.is_empty() => (i + 1).to_string(),
                None => format!("{inherited}.{}", i + 1),
            };
            let next = if code.is_empty() { inherited } else { &code };
            visit(piano, &n.figli, &pos, next, out);
            out.insert(pos, code);
        }
    }
    let mut out = HashMap::new();
    visit(piano, &piano.albero, &[], "", &mut out);
    out
}

/// How an objective without a number is named in messages and in the prospetto: its first
/// words in guillemets ("«Accertamento della violazione dell'omesso deposito del…»").
pub fn titolo_breve(titolo: &str) -> String {
    const PAROLE: usize = 6;
    let words: Vec<&str> = titolo.split_whitespace().collect();
    if words.len() <= PAROLE {
        format!("«{}»", words.join(" "))
    } else {
        format!("«{}…»", words[..PAROLE].join(" "))
    }
}

/// A node's label: "Obiettivo strategico 1.2: Titolo", or "Prospettiva BSC: Titolo".
pub fn etichetta(nome_livello: &str, codice: &str, titolo: &str) -> String {
    match (nome_livello.is_empty(), codice.is_empty()) {
        (true, true) => titolo.to_string(),
        (true, false) => format!("{codice}: {titolo}"),
        (false, true) => format!("{nome_livello}: {titolo}"),
        (false, false) => format!("{nome_livello} {codice}: {titolo}"),
    }
}

/// The JSON path of a position path: `[1, 0]` gives `albero[1].figli[0]`.
pub fn json_path(pos: &[usize]) -> String {
    let mut s = format!("albero[{}]", pos[0]);
    for i in &pos[1..] {
        s.push_str(&format!(".figli[{i}]"));
    }
    s
}

fn nome_livello(piano: &Piano, depth: usize) -> String {
    piano
        .livelli
        .get(depth)
        .map(|l| l.nome.clone())
        .unwrap_or_default()
}

/// The level of an agency's objectives: its own, or the last of the main tree.
pub fn livello_azienda<'a>(piano: &'a Piano, own: Option<&'a Livello>) -> Option<&'a Livello> {
    own.or(piano.livelli.last())
}

impl View {
    /// Builds the view of a validated plan.
    pub fn build(piano: &Piano, catalogo: &Catalogo, source_date_epoch: Option<i64>) -> View {
        let doc = &piano.documento;
        let periodo = periodo_di(doc.anno_inizio, doc.anno_fine);
        let titolo_completo = format!("{} {}", doc.titolo, periodo);
        let approvazioni: Vec<String> = piano.atti.iter().map(Atto::approvazione).collect();
        let soggetto = approvazioni.join("; ");

        let codici = codici(piano);
        let shown = |pos: &[usize]| codici.get(pos).cloned().unwrap_or_default();
        let mut albero = Vec::new();
        walk(&piano.albero, &[], &mut |nodo, pos| {
            let nome = nome_livello(piano, pos.len() - 1);
            albero.push(RigaAlbero {
                livello: pos.len() - 1,
                etichetta: etichetta(&nome, &shown(pos), &nodo.titolo),
                nome_livello: nome,
                codice: shown(pos),
                titolo: nodo.titolo.clone(),
            })
        });

        let aree = piano
            .albero
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let mut schede = Vec::new();
                // The numbered scheda last opened, with its parent: siblings that follow
                // with the same number are printed inside it.
                let mut aperta: Option<(Vec<usize>, String)> = None;
                walk(&area.figli, &[i], &mut |nodo, pos| {
                    let depth = pos.len() - 1;
                    let livello = piano.livelli.get(depth);
                    if livello.is_none_or(|l| l.ha_scheda()) {
                        let parent = parent_label(piano, &codici, &pos[..pos.len() - 1]);
                        let mut s = scheda(
                            piano,
                            nodo,
                            Codici {
                                shown: shown(pos),
                                chiave: codice(pos),
                            },
                            depth,
                            livello,
                            &parent,
                        );
                        let numero = nodo
                            .scheda
                            .as_deref()
                            .map(str::trim)
                            .filter(|n| !n.is_empty());
                        if let Some(n) = numero {
                            let key = (pos[..depth].to_vec(), n.to_string());
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
                });
                let nome = nome_livello(piano, 0);
                AreaView {
                    codice: shown(&[i]),
                    chiave: codice(&[i]),
                    etichetta: etichetta(&nome, &shown(&[i]), &area.titolo),
                    nome_livello: nome,
                    titolo: area.titolo.clone(),
                    sottotitolo: area.sottotitolo.clone(),
                    schede,
                }
            })
            .collect();

        let aziende = piano
            .aziende_speciali
            .iter()
            .map(|az| {
                let livello = livello_azienda(piano, az.livello.as_ref());
                let depth = piano.livelli.len().saturating_sub(1);
                AziendaView {
                    nome: az.nome.clone(),
                    plurale_livello: livello.map(|l| l.plurale.clone()).unwrap_or_default(),
                    schede: az
                        .obiettivi
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            let c = (i + 1).to_string();
                            let codici = Codici {
                                shown: c.clone(),
                                chiave: format!("{} {c}", az.nome),
                            };
                            scheda(piano, n, codici, depth, livello, &az.nome)
                        })
                        .collect(),
                }
            })
            .collect();

        let diagramma = diagramma(piano, &codici, &periodo);
        let firme_piano = firme(&piano.firme);
        let pola = piano.pola.as_ref().map(|p| {
            let periodo = periodo_di(p.anno_inizio, p.anno_fine);
            let approvazioni: Vec<String> = p.atti.iter().map(Atto::approvazione).collect();
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
                tabelle: false,
                sezioni: blocchi::sezioni(&p.sezioni, 1, "pola-", blocchi::Stile::Parti),
                firme: firme(&p.firme),
            }
        });
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
            metadati: Metadati {
                titolo: titolo_completo,
                autore: piano.ente.nome.clone(),
                soggetto,
                parole_chiave: vec![
                    doc.titolo.clone(),
                    "ciclo della performance".into(),
                    "D.Lgs. 150/2009".into(),
                    "Amministrazione Trasparente".into(),
                ],
                data: data_documento(&piano.atti, source_date_epoch, doc.anno_inizio),
            },
            approvazioni,
            introduzione: piano.introduzione.clone(),
            programmazione: piano.programmazione.clone(),
            albero,
            aree,
            aziende,
            assegnazioni: piano
                .assegnazioni
                .as_ref()
                .map(|a| assegnazioni(a, catalogo)),
            sezioni: blocchi::sezioni(&piano.sezioni, 1, "sez-", blocchi::Stile::Capitoli),
            numeri: NumeriCapitolo::new(
                blocchi::numerate(&piano.sezioni) + 1,
                piano.aziende_speciali.len(),
            ),
            diagramma,
            firme: firme_piano,
            tabelle: false,
            figure: false,
            pola,
        };
        view.figure = blocchi::ha_figure(&view.sezioni)
            || view
                .pola
                .as_ref()
                .is_some_and(|p| blocchi::ha_figure(&p.sezioni));
        view.tabelle = blocchi::ha_tabelle(&view.sezioni)
            || view
                .pola
                .as_ref()
                .is_some_and(|p| blocchi::ha_tabelle(&p.sezioni));
        if let Some(p) = &mut view.pola {
            p.tabelle = blocchi::ha_tabelle(&p.sezioni);
        }
        view
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

fn nodo_diagramma(
    piano: &Piano,
    codici: &HashMap<Vec<usize>, String>,
    nodo: &Nodo,
    pos: &[usize],
) -> NodoDiagramma {
    NodoDiagramma {
        livello: nome_livello(piano, pos.len() - 1),
        codice: codici.get(pos).cloned().unwrap_or_default(),
        titolo: nodo.titolo.clone(),
        figli: nodo
            .figli
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut p = pos.to_vec();
                p.push(i);
                nodo_diagramma(piano, codici, f, &p)
            })
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
fn diagramma(piano: &Piano, codici: &HashMap<Vec<usize>, String>, periodo: &str) -> Diagramma {
    let rami: Vec<NodoDiagramma> = piano
        .albero
        .iter()
        .enumerate()
        .map(|(i, n)| nodo_diagramma(piano, codici, n, &[i]))
        .collect();
    let aziende: Vec<NodoDiagramma> = piano
        .aziende_speciali
        .iter()
        .map(|az| {
            let livello = livello_azienda(piano, az.livello.as_ref())
                .map(|l| l.nome.clone())
                .unwrap_or_default();
            NodoDiagramma {
                livello: String::new(),
                codice: String::new(),
                titolo: az.nome.clone(),
                figli: az
                    .obiettivi
                    .iter()
                    .enumerate()
                    .map(|(i, o)| NodoDiagramma {
                        livello: livello.clone(),
                        codice: (i + 1).to_string(),
                        titolo: o.titolo.clone(),
                        figli: Vec::new(),
                    })
                    .collect(),
            }
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

fn parent_label(
    piano: &Piano,
    codici: &HashMap<Vec<usize>, String>,
    parent_pos: &[usize],
) -> String {
    if parent_pos.is_empty() {
        return String::new();
    }
    let nome = nome_livello(piano, parent_pos.len() - 1).to_lowercase();
    match codici.get(parent_pos).filter(|c| !c.is_empty()) {
        Some(c) => format!("{nome} {c}"),
        None => nome,
    }
}

fn assegnazioni(a: &Assegnazioni, catalogo: &Catalogo) -> AssegnazioniView {
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
                        let voce = catalogo.get(&o.obiettivo);
                        RigaAssegnazione {
                            codice: voce.map_or_else(|| o.obiettivo.clone(), |v| v.codice.clone()),
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

    #[test]
    fn codes_follow_position() {
        assert_eq!(codice(&[0]), "1");
        assert_eq!(codice(&[1, 0, 2]), "2.1.3");
        assert_eq!(json_path(&[1, 0, 2]), "albero[1].figli[0].figli[2]");
    }
}
