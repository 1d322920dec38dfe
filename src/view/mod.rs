//! View stage: derives from the plan everything a document shows (codes, effective
//! weights, totals, formatted numbers), once, so templates only lay it out.

pub mod blocchi;

use std::collections::HashMap;

use serde::Serialize;

use crate::format::{Date, format_euro, format_percent};
use crate::model::{
    Assegnazioni, Atto, Livello, Nodo, Piano, Risorsa, TipoAtto, TipoIndicatore, somma_pesi,
};

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
    pub sezioni: Vec<blocchi::SezioneView>,
    /// Signatures.
    pub firme: Vec<FirmaView>,
    /// Metadata for its own PDF.
    pub metadati: Metadati,
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
    /// Derived code.
    pub codice: String,
    /// Title.
    pub titolo: String,
}

/// A top-level node and the schede of its descendants.
#[derive(Debug, Serialize)]
pub struct AreaView {
    /// Derived code.
    pub codice: String,
    /// Name of the level ("Area strategica").
    pub nome_livello: String,
    /// Title.
    pub titolo: String,
    /// Subtitle.
    pub sottotitolo: Option<String>,
    /// Descendants with a scheda, in document order.
    pub schede: Vec<SchedaView>,
}

/// One objective sheet.
#[derive(Debug, Serialize)]
pub struct SchedaView {
    /// Derived code ("1.1.2"); for agencies, the position ("1").
    pub codice: String,
    /// Depth in the tree, from 0.
    pub livello: usize,
    /// Name of the level ("Obiettivo operativo").
    pub nome_livello: String,
    /// Title.
    pub titolo: String,
    /// Subtitle.
    pub sottotitolo: Option<String>,
    /// Weight in the parent, formatted.
    pub peso: Option<String>,
    /// What the weight is relative to.
    pub etichetta_peso: String,
    /// Budget link lines.
    pub bilancio: Option<BilancioView>,
    /// Description (Markdown).
    pub descrizione: Option<String>,
    /// Offices involved.
    pub uffici: Vec<String>,
    /// Staff committed (Markdown).
    pub impegno: Option<String>,
    /// Notes (Markdown).
    pub note: Option<String>,
    /// Target columns.
    pub scadenze: Vec<ScadenzaView>,
    /// Whether weights are given per deadline (one weight column per deadline).
    pub pesi_per_scadenza: bool,
    /// Indicators.
    pub indicatori: Vec<IndicatoreView>,
    /// Whether any indicator has evidence for the OIV.
    pub ha_documentazione: bool,
    /// Whether any indicator names responsible offices.
    pub ha_uffici_indicatori: bool,
    /// Financial resources.
    pub risorse: RisorseView,
    /// How achievement splits between own indicators and children, when it does.
    pub ponderazione: Option<PonderazioneView>,
    /// When the build compares with a previous version: what the amendment changed here.
    pub modifiche: Option<ModificheView>,
}

/// What an amendment changed in a scheda.
#[derive(Debug, Serialize)]
pub struct ModificheView {
    /// "Modificato con deliberazione di Giunta n. 78 del 19 luglio 2021".
    pub nota: String,
    /// What changed, in words ("indicatore 5 aggiunto", "peso modificato").
    pub voci: Vec<String>,
}

/// A target column.
#[derive(Debug, Serialize)]
pub struct ScadenzaView {
    /// Key in the data ("2021", "31/12").
    pub chiave: String,
    /// Column header.
    pub etichetta: String,
}

/// Budget classification lines.
#[derive(Debug, Serialize)]
pub struct BilancioView {
    /// "Missione 011 – Competitività e sviluppo delle imprese".
    pub missione: String,
    /// "Programma 005 – ...".
    pub programma: String,
}

/// An indicator as shown.
#[derive(Debug, Serialize)]
pub struct IndicatoreView {
    /// Position in the objective, from 1.
    pub numero: usize,
    /// What it measures.
    pub descrizione: String,
    /// Formula.
    pub formula: Option<String>,
    /// Unit.
    pub unita: Option<String>,
    /// Kind, in words.
    pub tipo: Option<String>,
    /// Source.
    pub fonte: Option<String>,
    /// Baseline, "-" when none.
    pub baseline: String,
    /// One cell per deadline.
    pub valori: Vec<ValoreView>,
    /// Single weight (when not per deadline), formatted, "-" when missing.
    pub peso: String,
    /// Evidence for the OIV.
    pub documentazione: Option<String>,
    /// Offices responsible.
    pub uffici: Vec<String>,
    /// Whether the amendment compared against added or changed this row.
    pub modificato: bool,
}

/// Target and weight at one deadline.
#[derive(Debug, Serialize)]
pub struct ValoreView {
    /// Target as worded, "-" when none.
    pub target: String,
    /// Weight at this deadline, formatted, "-" when none.
    pub peso: String,
}

/// Financial resources in one of the two shapes plans use.
#[derive(Debug, Serialize)]
pub struct RisorseView {
    /// Years of the estimates, when lines carry per-year estimates.
    pub anni: Vec<String>,
    /// Lines with a single amount.
    pub importi: Vec<RigaImporto>,
    /// Lines with per-year estimates.
    pub stime: Vec<RigaStima>,
}

/// A resource line with one amount.
#[derive(Debug, Serialize)]
pub struct RigaImporto {
    /// Amount, formatted, "-" when none.
    pub importo: String,
    /// Account.
    pub conto: String,
    /// Budget line.
    pub budget: String,
}

/// A resource line with per-year estimates.
#[derive(Debug, Serialize)]
pub struct RigaStima {
    /// Account.
    pub conto: String,
    /// One amount per year, "-" when none.
    pub stime: Vec<String>,
}

/// Split of an objective's achievement between its indicators and its children.
#[derive(Debug, Serialize)]
pub struct PonderazioneView {
    /// Share of own indicators, formatted.
    pub quota_indicatori: String,
    /// Own indicators' descriptions.
    pub indicatori: Vec<String>,
    /// Children with weight and effective weight.
    pub figli: Vec<FiglioView>,
}

/// A child objective in a parent's summary.
#[derive(Debug, Serialize)]
pub struct FiglioView {
    /// Code.
    pub codice: String,
    /// Title.
    pub titolo: String,
    /// Weight in the parent, formatted, "-" when missing.
    pub peso: String,
    /// Effective weight in the parent's achievement, formatted, "-" when unknown.
    pub peso_effettivo: String,
    /// Its indicators' descriptions.
    pub indicatori: Vec<String>,
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
}

impl Catalogo {
    /// Indexes every node of the tree and of the agencies.
    pub fn build(piano: &Piano) -> Catalogo {
        let mut cat = Catalogo::default();
        let mut ids: HashMap<String, Vec<String>> = HashMap::new();
        walk(&piano.albero, &[], &mut |nodo, pos| {
            let codice = codice(pos);
            let voce = Voce {
                codice: codice.clone(),
                nome_livello: nome_livello(piano, pos.len() - 1),
                titolo: nodo.titolo.clone(),
            };
            if let Some(id) = &nodo.id {
                ids.entry(id.clone()).or_default().push(codice.clone());
                cat.by_key.insert(id.clone(), voce.clone());
            }
            cat.by_key.insert(codice, voce);
        });
        for az in &piano.aziende_speciali {
            let livello = livello_azienda(piano, az.livello.as_ref());
            for (i, nodo) in az.obiettivi.iter().enumerate() {
                let codice = format!("{} {}", az.nome, i + 1);
                let voce = Voce {
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

/// The date stamped on the document, always from the data so that the same plan gives the
/// same bytes: the latest adoption or amendment act; else `SOURCE_DATE_EPOCH`; else the
/// latest act of any kind; else 1 January of the plan's first year (a draft).
pub fn data_documento(
    atti: &[Atto],
    source_date_epoch: Option<i64>,
    anno_inizio: i32,
) -> Option<Date> {
    let latest = |pred: &dyn Fn(&Atto) -> bool| {
        atti.iter()
            .filter(|a| pred(a))
            .filter_map(|a| Date::parse_iso(&a.data))
            .max()
    };
    latest(&|a| a.tipo != TipoAtto::Validazione)
        .or_else(|| source_date_epoch.map(Date::from_unix_seconds))
        .or_else(|| latest(&|_| true))
        .or(Some(Date {
            year: anno_inizio,
            month: 1,
            day: 1,
        }))
}

fn approvazione(atto: &Atto) -> String {
    let data = Date::parse_iso(&atto.data).map_or_else(|| atto.data.clone(), |d| d.long());
    let numero = atto
        .numero
        .as_ref()
        .map(|n| format!(" n. {n}"))
        .unwrap_or_default();
    match atto.tipo {
        TipoAtto::Validazione => format!("Validato dall'{} in data {data}", atto.organo),
        TipoAtto::Adozione => {
            format!(
                "Adottato con deliberazione di {}{numero} del {data}",
                atto.organo
            )
        }
        TipoAtto::Aggiornamento => {
            format!(
                "Aggiornato con deliberazione di {}{numero} del {data}",
                atto.organo
            )
        }
    }
}

fn tipo_indicatore(t: TipoIndicatore) -> &'static str {
    match t {
        TipoIndicatore::Efficacia => "efficacia",
        TipoIndicatore::Efficienza => "efficienza",
        TipoIndicatore::Qualita => "qualità",
        TipoIndicatore::Volume => "volume",
        TipoIndicatore::Outcome => "outcome",
        TipoIndicatore::StatoRisorse => "stato delle risorse",
    }
}

fn opt_percent(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), format_percent)
}

impl View {
    /// Builds the view of a validated plan.
    pub fn build(piano: &Piano, catalogo: &Catalogo, source_date_epoch: Option<i64>) -> View {
        let doc = &piano.documento;
        let periodo = periodo_di(doc.anno_inizio, doc.anno_fine);
        let titolo_completo = format!("{} {}", doc.titolo, periodo);
        let approvazioni: Vec<String> = piano.atti.iter().map(approvazione).collect();
        let soggetto = approvazioni.join("; ");

        let mut albero = Vec::new();
        walk(&piano.albero, &[], &mut |nodo, pos| {
            albero.push(RigaAlbero {
                livello: pos.len() - 1,
                nome_livello: nome_livello(piano, pos.len() - 1),
                codice: codice(pos),
                titolo: nodo.titolo.clone(),
            })
        });

        let aree = piano
            .albero
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let mut schede = Vec::new();
                walk(&area.figli, &[i], &mut |nodo, pos| {
                    let depth = pos.len() - 1;
                    let livello = piano.livelli.get(depth);
                    if livello.is_none_or(|l| l.ha_scheda()) {
                        let parent = parent_label(piano, &pos[..pos.len() - 1]);
                        schede.push(scheda(piano, nodo, codice(pos), depth, livello, &parent));
                    }
                });
                AreaView {
                    codice: codice(&[i]),
                    nome_livello: nome_livello(piano, 0),
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
                            scheda(piano, n, (i + 1).to_string(), depth, livello, &az.nome)
                        })
                        .collect(),
                }
            })
            .collect();

        let diagramma = diagramma(piano, &periodo);
        let firme_piano = firme(&piano.firme);
        let pola = piano.pola.as_ref().map(|p| {
            let periodo = periodo_di(p.anno_inizio, p.anno_fine);
            let approvazioni: Vec<String> = p.atti.iter().map(approvazione).collect();
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
                periodo,
                approvazioni,
                sezioni: blocchi::sezioni(&p.sezioni, 1, "pola-"),
                firme: firme(&p.firme),
            }
        });
        View {
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
            sezioni: blocchi::sezioni(&piano.sezioni, 1, "sez-"),
            numeri: NumeriCapitolo::new(
                blocchi::numerate(&piano.sezioni) + 1,
                piano.aziende_speciali.len(),
            ),
            diagramma,
            firme: firme_piano,
            pola,
        }
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
        let mark = |s: &mut SchedaView, key: &str| {
            if let Some(voci) = segni.obiettivi.get(key) {
                s.modifiche = Some(ModificheView {
                    nota: segni.nota.clone(),
                    voci: voci.clone(),
                });
            }
            for ind in &mut s.indicatori {
                ind.modificato = segni.indicatori.contains(&(key.to_string(), ind.numero));
            }
        };
        for area in &mut self.aree {
            for s in &mut area.schede {
                let key = s.codice.clone();
                mark(s, &key);
            }
        }
        for az in &mut self.aziende {
            for s in &mut az.schede {
                let key = format!("{} {}", az.nome, s.codice);
                mark(s, &key);
            }
        }
    }
}

/// A period as printed: `2021 - 2023`, or one year.
fn periodo_di(inizio: i32, fine: i32) -> String {
    if inizio == fine {
        inizio.to_string()
    } else {
        format!("{inizio} - {fine}")
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

fn nodo_diagramma(piano: &Piano, nodo: &Nodo, pos: &[usize]) -> NodoDiagramma {
    NodoDiagramma {
        livello: nome_livello(piano, pos.len() - 1),
        codice: codice(pos),
        titolo: nodo.titolo.clone(),
        figli: nodo
            .figli
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut p = pos.to_vec();
                p.push(i);
                nodo_diagramma(piano, f, &p)
            })
            .collect(),
    }
}

fn describe(n: &NodoDiagramma, out: &mut Vec<String>) {
    let head = if n.codice.is_empty() {
        n.titolo.clone()
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
fn diagramma(piano: &Piano, periodo: &str) -> Diagramma {
    let rami: Vec<NodoDiagramma> = piano
        .albero
        .iter()
        .enumerate()
        .map(|(i, n)| nodo_diagramma(piano, n, &[i]))
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

fn parent_label(piano: &Piano, parent_pos: &[usize]) -> String {
    if parent_pos.is_empty() {
        return String::new();
    }
    format!(
        "{} {}",
        nome_livello(piano, parent_pos.len() - 1).to_lowercase(),
        codice(parent_pos)
    )
}

fn scheda(
    piano: &Piano,
    nodo: &Nodo,
    codice_nodo: String,
    depth: usize,
    livello: Option<&Livello>,
    parent: &str,
) -> SchedaView {
    let scadenze_keys = livello.map_or_else(
        || piano.documento.anni(),
        |l| l.scadenze_effettive(&piano.documento),
    );
    let pesi_per_scadenza = nodo
        .indicatori
        .iter()
        .any(|i| matches!(i.peso, Some(crate::model::Peso::PerScadenza(_))));
    let indicatori = nodo
        .indicatori
        .iter()
        .enumerate()
        .map(|(k, ind)| IndicatoreView {
            numero: k + 1,
            descrizione: ind.descrizione.clone(),
            formula: ind.formula.clone(),
            unita: ind.unita.clone(),
            tipo: ind.tipo.map(|t| tipo_indicatore(t).to_string()),
            fonte: ind.fonte.clone(),
            baseline: ind
                .baseline
                .as_ref()
                .map_or_else(|| "-".into(), |b| b.testo()),
            valori: scadenze_keys
                .iter()
                .map(|s| ValoreView {
                    target: ind.target.get(s).map_or_else(|| "-".into(), |t| t.testo()),
                    peso: opt_percent(ind.peso_at(s)),
                })
                .collect(),
            peso: match &ind.peso {
                Some(crate::model::Peso::Unico(v)) => format_percent(*v),
                _ => "-".into(),
            },
            documentazione: ind.documentazione.clone(),
            uffici: ind.uffici.clone(),
            modificato: false,
        })
        .collect();

    let child_codes: Vec<String> = (0..nodo.figli.len())
        .map(|i| format!("{codice_nodo}.{}", i + 1))
        .collect();
    let quota = piano.ponderazione.as_ref().map(|p| p.quota_indicatori);
    let (own_share, children_share) = match (nodo.indicatori.is_empty(), nodo.figli.is_empty()) {
        (false, false) => {
            let q = quota.unwrap_or(50.0);
            (q, 100.0 - q)
        }
        (true, _) => (0.0, 100.0),
        (false, true) => (100.0, 0.0),
    };
    let ponderazione =
        (!nodo.indicatori.is_empty() && !nodo.figli.is_empty()).then(|| PonderazioneView {
            quota_indicatori: format_percent(own_share),
            indicatori: nodo
                .indicatori
                .iter()
                .map(|i| i.descrizione.clone())
                .collect(),
            figli: nodo
                .figli
                .iter()
                .zip(&child_codes)
                .map(|(f, c)| FiglioView {
                    codice: c.clone(),
                    titolo: f.titolo.clone(),
                    peso: opt_percent(f.peso),
                    peso_effettivo: opt_percent(f.peso.map(|p| p * children_share / 100.0)),
                    indicatori: f.indicatori.iter().map(|i| i.descrizione.clone()).collect(),
                })
                .collect(),
        });

    let nome = livello.map(|l| l.nome.clone()).unwrap_or_default();
    let etichetta_peso = match livello.and_then(|l| l.etichetta_peso.clone()) {
        Some(e) => e,
        None if parent.is_empty() => format!("Peso dell'{}", nome.to_lowercase()),
        None => format!("Peso nel livello superiore: {parent}"),
    };
    SchedaView {
        codice: codice_nodo,
        livello: depth,
        nome_livello: nome,
        titolo: nodo.titolo.clone(),
        sottotitolo: nodo.sottotitolo.clone(),
        peso: nodo.peso.map(format_percent),
        etichetta_peso,
        bilancio: nodo.bilancio.as_ref().map(|b| BilancioView {
            missione: format!(
                "Missione {} – {}",
                b.missione.codice, b.missione.descrizione
            ),
            programma: format!(
                "Programma {} – {}",
                b.programma.codice, b.programma.descrizione
            ),
        }),
        descrizione: nodo.descrizione.clone(),
        uffici: nodo.uffici.clone(),
        impegno: nodo.impegno.clone(),
        note: nodo.note.clone(),
        scadenze: scadenze_keys
            .iter()
            .map(|s| ScadenzaView {
                chiave: s.clone(),
                etichetta: format!("al {s}"),
            })
            .collect(),
        pesi_per_scadenza,
        ha_documentazione: nodo.indicatori.iter().any(|i| i.documentazione.is_some()),
        ha_uffici_indicatori: nodo.indicatori.iter().any(|i| !i.uffici.is_empty()),
        indicatori,
        risorse: risorse(&nodo.risorse, &piano.documento.anni()),
        ponderazione,
        modifiche: None,
    }
}

fn risorse(righe: &[Risorsa], anni: &[String]) -> RisorseView {
    let mut view = RisorseView {
        anni: Vec::new(),
        importi: Vec::new(),
        stime: Vec::new(),
    };
    for r in righe {
        if r.stime.is_empty() {
            view.importi.push(RigaImporto {
                importo: r.importo.map_or_else(|| "-".into(), format_euro),
                conto: r.conto.clone().unwrap_or_else(|| "-".into()),
                budget: r.budget.clone().unwrap_or_else(|| "-".into()),
            });
        } else {
            view.stime.push(RigaStima {
                conto: r.conto.clone().unwrap_or_else(|| "-".into()),
                stime: anni
                    .iter()
                    .map(|a| {
                        r.stime
                            .get(a)
                            .map_or_else(|| "-".into(), |v| format_euro(*v))
                    })
                    .collect(),
            });
        }
    }
    if !view.stime.is_empty() {
        view.anni = anni.to_vec();
    }
    view
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

    #[test]
    fn document_date_prefers_adoption() {
        let atti = vec![
            Atto {
                organo: "OIV".into(),
                tipo: TipoAtto::Validazione,
                numero: None,
                data: "2021-04-19".into(),
                oggetto: None,
            },
            Atto {
                organo: "Giunta".into(),
                tipo: TipoAtto::Adozione,
                numero: Some("45".into()),
                data: "2021-04-26".into(),
                oggetto: None,
            },
        ];
        assert_eq!(
            data_documento(&atti, Some(0), 2021).unwrap().long(),
            "26 aprile 2021"
        );
        assert_eq!(
            data_documento(&atti[..1], Some(0), 2021).unwrap().long(),
            "1 gennaio 1970"
        );
        assert_eq!(
            data_documento(&atti[..1], None, 2021).unwrap().long(),
            "19 aprile 2021"
        );
        assert_eq!(
            data_documento(&[], None, 2027).unwrap().long(),
            "1 gennaio 2027"
        );
        assert_eq!(
            approvazione(&atti[1]),
            "Adottato con deliberazione di Giunta n. 45 del 26 aprile 2021"
        );
    }
}
