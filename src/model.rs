//! Model stage: the plan as the office writes it, plain Rust types deserialised from JSON.
//!
//! Keys are the Italian domain terms of `DOMAIN.md`. Every struct rejects unknown fields,
//! so a misspelt key is reported instead of silently ignored. Derived facts are not stored
//! here: codes are in [`crate::indice`], effective weights and totals in [`crate::view`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A whole performance plan: the body, the document, its acts and its objective tree.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Piano {
    /// Where an editor finds the plan's JSON Schema (`piano schema`); not used otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The public body that adopts the plan.
    pub ente: Ente,
    /// Title and period of the document.
    pub documento: Documento,
    /// Acts of the plan's life: OIV validation, Giunta adoption, later amendments.
    #[serde(default)]
    pub atti: Vec<Atto>,
    /// Names of the tree's levels, from the top (e.g. Area strategica) down.
    pub livelli: Vec<Livello>,
    /// How a node's achievement splits between its own indicators and its children.
    #[serde(default)]
    pub ponderazione: Option<Ponderazione>,
    /// Introductory text of the planning chapter (Markdown subset).
    #[serde(default)]
    pub introduzione: Option<String>,
    /// Programming documents the tree descends from, shown at its top.
    #[serde(default)]
    pub programmazione: Vec<String>,
    /// The objective tree: top-level nodes (areas, perspectives, missions...).
    pub albero: Vec<Nodo>,
    /// Objectives of controlled agencies (Aziende Speciali), each a branch of its own.
    #[serde(default)]
    pub aziende_speciali: Vec<AziendaSpeciale>,
    /// Assignment of objectives to managers, with a weight each.
    #[serde(default)]
    pub assegnazioni: Option<Assegnazioni>,
    /// Chapters before the planning chapter (Premessa, Presentazione, Scenario...).
    #[serde(default)]
    pub sezioni: Vec<Sezione>,
    /// Signatures at the end of the document.
    #[serde(default)]
    pub firme: Vec<Firma>,
    /// The POLA (Piano Organizzativo del Lavoro Agile), annex of the plan.
    #[serde(default)]
    pub pola: Option<Pola>,
}

/// A narrative chapter or section: blocks of content and subsections.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sezione {
    /// Title (its number is derived).
    pub titolo: String,
    /// Whether it is numbered; defaults to true (Premessa is not).
    #[serde(default)]
    pub numerata: Option<bool>,
    /// Content, in order.
    #[serde(default)]
    pub contenuto: Vec<Blocco>,
    /// Subsections.
    #[serde(default)]
    pub sezioni: Vec<Sezione>,
}

/// A block of content in a section.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Blocco {
    /// Text in the Markdown subset.
    Testo(String),
    /// A data table.
    Tabella(Tabella),
    /// A chart drawn from data.
    Grafico(Grafico),
    /// An organisation chart drawn from data.
    Organigramma(Organigramma),
    /// POLA: the month-by-month series of agile work.
    SerieMensile(SerieMensile),
    /// POLA: counts per period for one dimension (technology, training...).
    Conteggi(Conteggi),
    /// POLA: the enabling conditions and the phase or year each is adopted.
    ProgrammaSviluppo(ProgrammaSviluppo),
    /// POLA: indicators by dimension of the DFP guidelines.
    IndicatoriDfp(IndicatoriDfp),
}

/// A generic table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tabella {
    /// Caption.
    pub titolo: String,
    /// Columns, with header, alignment and number format.
    pub colonne: Vec<Colonna>,
    /// Rows of cells, one per column.
    pub righe: Vec<Vec<Cella>>,
    /// A totals row, as stated by the plan.
    #[serde(default)]
    pub totale: Option<Vec<Cella>>,
    /// Note under the table (Markdown subset).
    #[serde(default)]
    pub note: Option<String>,
    /// Source of the data.
    #[serde(default)]
    pub fonte: Option<String>,
    /// Whether it needs a landscape page.
    #[serde(default)]
    pub orizzontale: Option<bool>,
}

/// A table column.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Colonna {
    /// Header.
    pub titolo: String,
    /// Alignment; numbers default to right.
    #[serde(default)]
    pub allineamento: Option<Allineamento>,
    /// How numbers in this column are printed.
    #[serde(default)]
    pub formato: Option<Formato>,
    /// Decimals of numbers in this column (default: 0 for numbers, 2 for percent and euro).
    #[serde(default)]
    pub decimali: Option<u8>,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Allineamento {
    /// Left.
    Sinistra,
    /// Centre.
    Centro,
    /// Right.
    Destra,
}

/// Number format of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Formato {
    /// Text as written.
    Testo,
    /// A number with Italian separators.
    Numero,
    /// A percentage (the value is in percent: 11.5 is 11,5%).
    Percentuale,
    /// An amount in euro.
    Euro,
}

/// A table cell: a number, a text, or empty.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Cella {
    /// A number, formatted by its column.
    Numero(f64),
    /// A text, printed as written.
    Testo(String),
    /// An empty cell.
    Vuota,
}

/// Kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TipoGrafico {
    /// Bars, one group per category.
    Barre,
    /// A pie, one slice per category (first series only).
    Torta,
    /// Lines over the categories.
    Linee,
}

/// A chart drawn from data.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grafico {
    /// Kind.
    pub tipo: TipoGrafico,
    /// Title.
    pub titolo: String,
    /// Categories (x axis, or slices).
    pub categorie: Vec<String>,
    /// Series of values, one per category.
    pub serie: Vec<Serie>,
    /// Unit of the values (`%`, `milioni di euro`).
    #[serde(default)]
    pub unita: Option<String>,
    /// Source.
    #[serde(default)]
    pub fonte: Option<String>,
}

/// A series of a chart.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Serie {
    /// Name, for the legend.
    pub nome: String,
    /// One value per category; null where missing.
    pub valori: Vec<Option<f64>>,
}

/// An organisation chart.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organigramma {
    /// Title.
    #[serde(default)]
    pub titolo: Option<String>,
    /// The top unit (e.g. Segretario Generale).
    pub radice: Unita,
}

/// An organisational unit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unita {
    /// Name.
    pub nome: String,
    /// Person responsible.
    #[serde(default)]
    pub responsabile: Option<String>,
    /// Staff units beside this one.
    #[serde(default)]
    pub staff: Vec<Unita>,
    /// Units below.
    #[serde(default)]
    pub unita: Vec<Unita>,
}

/// A signature.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Firma {
    /// Role, e.g. "Il Segretario Generale".
    pub ruolo: String,
    /// Name, e.g. "dr Massimo Ziletti".
    #[serde(default)]
    pub nome: Option<String>,
}

/// The POLA document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pola {
    /// Title, e.g. "Piano Organizzativo del Lavoro Agile".
    pub titolo: String,
    /// Subtitle.
    #[serde(default)]
    pub sottotitolo: Option<String>,
    /// First year.
    pub anno_inizio: i32,
    /// Last year.
    pub anno_fine: i32,
    /// Its acts (validation, adoption).
    #[serde(default)]
    pub atti: Vec<Atto>,
    /// Its parts, in order.
    #[serde(default)]
    pub sezioni: Vec<Sezione>,
    /// Signatures.
    #[serde(default)]
    pub firme: Vec<Firma>,
}

/// Dimensions of the DFP guidelines for the POLA (DM 9 December 2020).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DimensioneDfp {
    /// Condizioni abilitanti: salute organizzativa.
    SaluteOrganizzativa,
    /// Condizioni abilitanti: salute professionale.
    SaluteProfessionale,
    /// Condizioni abilitanti: salute economico-finanziaria.
    SaluteEconomicoFinanziaria,
    /// Condizioni abilitanti: salute digitale.
    SaluteDigitale,
    /// Stato di implementazione.
    StatoImplementazione,
    /// Performance organizzativa: economicità.
    Economicita,
    /// Performance organizzativa: efficienza.
    Efficienza,
    /// Performance organizzativa: efficacia.
    Efficacia,
    /// Impatti esterni: sociale.
    ImpattoSociale,
    /// Impatti esterni: ambientale.
    ImpattoAmbientale,
    /// Impatti esterni: economico.
    ImpattoEconomico,
    /// Impatti interni (change in the four kinds of health).
    ImpattoInterno,
}

/// One month of agile work.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeseLavoroAgile {
    /// Month label, e.g. "gen".
    pub mese: String,
    /// Total employees.
    pub dipendenti: u32,
    /// Agile workers.
    pub lavoratori_agili: u32,
    /// Average agile days per week per employee.
    pub giorni_medi_settimana: f64,
    /// Total agile days in the month.
    pub giornate_totali: u32,
}

/// The month-by-month series of agile work in a year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SerieMensile {
    /// Caption.
    pub titolo: String,
    /// Year.
    pub anno: i32,
    /// Months in order.
    pub mesi: Vec<MeseLavoroAgile>,
}

/// Counts per period for one DFP dimension.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conteggi {
    /// Caption (header of the first column, e.g. "Tecnologia").
    pub titolo: String,
    /// The DFP dimension these counts are a baseline of.
    #[serde(default)]
    pub dimensione: Option<DimensioneDfp>,
    /// Period labels (columns).
    pub periodi: Vec<String>,
    /// One row per item.
    pub righe: Vec<RigaConteggi>,
}

/// A row of counts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RigaConteggi {
    /// What is counted.
    pub voce: String,
    /// One value per period (a number, or a text such as "tutti").
    pub valori: Vec<Cella>,
}

/// Enabling conditions and when each is adopted.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammaSviluppo {
    /// Caption.
    pub titolo: String,
    /// Phases or years, in order (columns).
    pub fasi: Vec<String>,
    /// Conditions, each with its phase.
    pub condizioni: Vec<CondizioneAbilitante>,
}

/// An enabling condition and its phase.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CondizioneAbilitante {
    /// What is adopted.
    pub condizione: String,
    /// The phase or year (one of `fasi`).
    pub fase: String,
}

/// Indicators by DFP dimension.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatoriDfp {
    /// Caption.
    pub titolo: String,
    /// Phases or years of the targets, in order.
    pub fasi: Vec<String>,
    /// Indicators.
    pub indicatori: Vec<IndicatoreDfp>,
}

/// An indicator of the POLA development programme.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatoreDfp {
    /// Dimension.
    pub dimensione: DimensioneDfp,
    /// The indicator.
    pub indicatore: String,
    /// Baseline.
    #[serde(default)]
    pub baseline: Option<Target>,
    /// Target per phase or year.
    #[serde(default)]
    pub target: BTreeMap<String, Target>,
    /// Source.
    #[serde(default)]
    pub fonte: Option<String>,
}

/// The public body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ente {
    /// Full legal name, as on the cover.
    pub nome: String,
    /// Short name used in running headers; defaults to `nome`.
    #[serde(default)]
    pub nome_breve: Option<String>,
    /// Kind of body (Camera di Commercio, Comune, ...).
    #[serde(default)]
    pub tipo: Option<String>,
    /// Website, shown on the cover and in metadata.
    #[serde(default)]
    pub sito: Option<String>,
    /// The body's logo for the cover: a PNG, JPEG or SVG file, relative to the plan file.
    #[serde(default)]
    pub logo: Option<String>,
}

/// Title and period of the document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Documento {
    /// Title, e.g. "Piano della Performance".
    pub titolo: String,
    /// First year of the plan.
    pub anno_inizio: i32,
    /// Last year of the plan (equal to `anno_inizio` for a one-year plan).
    pub anno_fine: i32,
    /// A line under the title, e.g. the plan the document belongs to.
    #[serde(default)]
    pub sottotitolo: Option<String>,
    /// Legal basis printed under the title, e.g. "art. 10 D.Lgs. 150/2009".
    #[serde(default)]
    pub riferimento_normativo: Option<String>,
    /// Title of the planning chapter; defaults to "Pianificazione".
    #[serde(default)]
    pub titolo_capitolo: Option<String>,
    /// Licence of the open data (an SPDX identifier); defaults to `CC-BY-4.0`.
    #[serde(default)]
    pub licenza_dati: Option<String>,
}

/// Kind of act in the plan's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TipoAtto {
    /// Validation by the OIV.
    Validazione,
    /// Adoption by the Giunta.
    Adozione,
    /// A later amendment.
    Aggiornamento,
}

/// One act: who, what, number and date.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Atto {
    /// The organ, e.g. "OIV", "Giunta".
    pub organo: String,
    /// Kind of act.
    pub tipo: TipoAtto,
    /// Number of the deliberazione, if any.
    #[serde(default)]
    pub numero: Option<String>,
    /// Date, `AAAA-MM-GG`.
    pub data: String,
    /// Subject of the act.
    #[serde(default)]
    pub oggetto: Option<String>,
}

/// A level of the objective tree, named by the body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Livello {
    /// Singular name, e.g. "Obiettivo strategico".
    pub nome: String,
    /// Plural name, e.g. "Obiettivi strategici".
    pub plurale: String,
    /// Deadlines of this level's targets ("2021", "30/6", "31/12"); defaults to every year
    /// of the plan.
    #[serde(default)]
    pub scadenze: Option<Vec<String>>,
    /// Whether each node of this level gets its own scheda; defaults to true.
    #[serde(default)]
    pub scheda: Option<bool>,
    /// Label of the weight of a node of this level within its parent.
    #[serde(default)]
    pub etichetta_peso: Option<String>,
    /// Whether the nodes of this level carry a code ("1.2"); defaults to true. When false,
    /// only nodes with their own `numero` show one.
    #[serde(default)]
    pub numerato: Option<bool>,
}

/// How a node's achievement combines its own indicators and its children.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ponderazione {
    /// Share (percent) of a node's own indicators; the rest goes to its children.
    pub quota_indicatori: f64,
}

/// A node of the objective tree: an area, a strategic or operational objective, an action.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nodo {
    /// Stable identity that survives renumbering; referenced by assignments.
    #[serde(default)]
    pub id: Option<String>,
    /// The body's own number for this node ("1", "3", "7"), when it numbers objectives
    /// itself instead of by position; the codes of the children follow from it.
    #[serde(default)]
    pub numero: Option<String>,
    /// The number of the scheda this node is printed in, when the body numbers its schede
    /// ("SCHEDA 3"); consecutive siblings with the same number share one scheda.
    #[serde(default)]
    pub scheda: Option<String>,
    /// Title, written once and shown everywhere.
    pub titolo: String,
    /// Short qualifier shown under the title.
    #[serde(default)]
    pub sottotitolo: Option<String>,
    /// Weight (percent) within the parent.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub peso: Option<f64>,
    /// Link to the state budget classification.
    #[serde(default)]
    pub bilancio: Option<Bilancio>,
    /// Description and actions (Markdown subset).
    #[serde(default)]
    pub descrizione: Option<String>,
    /// Offices involved.
    #[serde(default)]
    pub uffici: Vec<String>,
    /// Staff committed (Markdown subset).
    #[serde(default)]
    pub impegno: Option<String>,
    /// Timings of the work, its phases and deadlines (Markdown subset).
    #[serde(default)]
    pub tempi: Option<String>,
    /// Expected benefits and improvements (Markdown subset).
    #[serde(default)]
    pub benefici: Option<String>,
    /// Indicators.
    #[serde(default)]
    pub indicatori: Vec<Indicatore>,
    /// Financial resources.
    #[serde(default)]
    pub risorse: Vec<Risorsa>,
    /// Notes printed at the end of the scheda (Markdown subset).
    #[serde(default)]
    pub note: Option<String>,
    /// Children at the next level.
    #[serde(default)]
    pub figli: Vec<Nodo>,
}

/// Missione and Programma of the state budget classification.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bilancio {
    /// Missione.
    pub missione: VoceBilancio,
    /// Programma.
    pub programma: VoceBilancio,
}

/// A coded budget entry.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoceBilancio {
    /// Code, e.g. "011".
    pub codice: String,
    /// Description.
    pub descrizione: String,
}

/// Kind of indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TipoIndicatore {
    /// Efficacia.
    Efficacia,
    /// Efficienza.
    Efficienza,
    /// Qualità.
    Qualita,
    /// Volume.
    Volume,
    /// Outcome.
    Outcome,
    /// Stato delle risorse.
    StatoRisorse,
}

/// An indicator with its baseline, targets and weight.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicatore {
    /// Stable identity that survives renumbering.
    #[serde(default)]
    pub id: Option<String>,
    /// What it measures.
    pub descrizione: String,
    /// Formula (algoritmo).
    #[serde(default)]
    pub formula: Option<String>,
    /// Unit of measure.
    #[serde(default)]
    pub unita: Option<String>,
    /// Kind.
    #[serde(default)]
    pub tipo: Option<TipoIndicatore>,
    /// Source of the data.
    #[serde(default)]
    pub fonte: Option<String>,
    /// Baseline (target storico).
    #[serde(default)]
    pub baseline: Option<Target>,
    /// Target per deadline of the node's level.
    #[serde(default)]
    pub target: BTreeMap<String, Target>,
    /// Weight (percent) in the objective: one value, or one per deadline.
    #[serde(default)]
    pub peso: Option<Peso>,
    /// Evidence to show the OIV.
    #[serde(default)]
    pub documentazione: Option<String>,
    /// Offices responsible for this indicator.
    #[serde(default)]
    pub uffici: Vec<String>,
}

/// A weight: the same for every deadline, or one per deadline.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Peso {
    /// One weight.
    Unico(#[schemars(range(min = 0, max = 100))] f64),
    /// A weight per deadline (e.g. per year).
    PerScadenza(BTreeMap<String, Percentuale>),
}

/// A percentage between 0 and 100.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Percentuale(#[schemars(range(min = 0, max = 100))] pub f64);

/// A target as the plan states it, with optional numeric structure.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Target {
    /// A number, printed in Italian format.
    Numero(f64),
    /// The wording of the plan, kept as written (`SI`, `>= 250`, `entro il 1/6/2019`).
    Testo(String),
    /// Wording plus explicit structure.
    Strutturato(TargetStrutturato),
}

/// A target with its wording and explicit numeric structure.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetStrutturato {
    /// The wording, as printed.
    pub testo: String,
    /// Comparator: `>=`, `<=`, `=`, `>`, `<`.
    #[serde(default)]
    pub confronto: Option<String>,
    /// Numeric value.
    #[serde(default)]
    pub valore: Option<f64>,
    /// Unit of the value (`%`, `gg.`, `imprese`).
    #[serde(default)]
    pub unita: Option<String>,
}

/// A line of financial resources.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risorsa {
    /// Revenue/cost account and description.
    #[serde(default)]
    pub conto: Option<String>,
    /// Amount in euro (operational objectives).
    #[serde(default)]
    pub importo: Option<f64>,
    /// Estimated amount per year in euro (strategic objectives).
    #[serde(default)]
    pub stime: BTreeMap<String, f64>,
    /// Budget line.
    #[serde(default)]
    pub budget: Option<String>,
}

/// A controlled agency and its objectives.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AziendaSpeciale {
    /// Name, e.g. "Azienda Speciale Pro Brixia".
    pub nome: String,
    /// Level of its objectives; defaults to the last level of the main tree.
    #[serde(default)]
    pub livello: Option<Livello>,
    /// Its objectives, numbered 1, 2, 3...
    pub obiettivi: Vec<Nodo>,
}

/// Assignment of objectives to managers.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assegnazioni {
    /// Year of the assignment.
    pub anno: i32,
    /// One entry per manager.
    pub dirigenti: Vec<Dirigente>,
}

/// A manager and the objectives assigned to them.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dirigente {
    /// Name and surname.
    pub nome: String,
    /// Honorific (dr, dr.ssa, sig.).
    #[serde(default)]
    pub titolo: Option<String>,
    /// Role, e.g. "Segretario Generale e Dirigente Area Amministrativa".
    pub ruolo: String,
    /// Objectives assigned, each with its weight.
    pub obiettivi: Vec<ObiettivoAssegnato>,
}

/// One objective assigned to a manager.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObiettivoAssegnato {
    /// The objective: its `id`, or its derived code (e.g. "1.1.2").
    pub obiettivo: String,
    /// The objective's title as the office reads it in its own list; checked against the
    /// tree, never printed (the tree's title is).
    #[serde(default)]
    pub titolo: Option<String>,
    /// Weight (percent) in the manager's list.
    #[schemars(range(min = 0, max = 100))]
    pub peso: f64,
}

impl Documento {
    /// Every year of the plan's period, in order.
    pub fn anni(&self) -> Vec<String> {
        (self.anno_inizio..=self.anno_fine)
            .map(|y| y.to_string())
            .collect()
    }
}

impl Livello {
    /// The deadlines of this level's targets: as declared, or every year of the plan.
    pub fn scadenze_effettive(&self, documento: &Documento) -> Vec<String> {
        self.scadenze.clone().unwrap_or_else(|| documento.anni())
    }

    /// Whether nodes of this level get their own scheda.
    pub fn ha_scheda(&self) -> bool {
        self.scheda.unwrap_or(true)
    }

    /// Whether nodes of this level carry a code derived from their position.
    pub fn ha_numeri(&self) -> bool {
        self.numerato.unwrap_or(true)
    }
}

impl Peso {
    /// The weight that applies at a deadline, if one is set for it.
    pub fn at(&self, scadenza: &str) -> Option<f64> {
        match self {
            Peso::Unico(v) => Some(*v),
            Peso::PerScadenza(map) => map.get(scadenza).map(|p| p.0),
        }
    }
}

impl Indicatore {
    /// The indicator's weight at a deadline, if set.
    pub fn peso_at(&self, scadenza: &str) -> Option<f64> {
        self.peso.as_ref().and_then(|p| p.at(scadenza))
    }
}

impl Target {
    /// The target as printed: the plan's wording, or the number in Italian format.
    pub fn testo(&self) -> String {
        match self {
            Target::Numero(n) => crate::format::format_plain(*n),
            Target::Testo(t) => t.clone(),
            Target::Strutturato(s) => s.testo.clone(),
        }
    }
}

impl Target {
    /// Whether the target sets something to reach: `-`, `NA`, `Non applicabile` do not.
    pub fn applicabile(&self) -> bool {
        let t = self.testo();
        let t = t.trim().to_lowercase();
        !matches!(
            t.as_str(),
            "" | "-" | "--" | "//" | "na" | "n.a." | "n/a" | "non applicabile"
        )
    }
}

impl Dirigente {
    /// The sum of the weights of the objectives assigned to this manager.
    pub fn totale(&self) -> f64 {
        self.obiettivi.iter().map(|o| o.peso).sum()
    }
}

/// Tolerance within which a sum of percentages counts as 100.
pub const TOLLERANZA_PESI: f64 = 0.01;

/// The sum of the set weights among `weights`, or `None` when none is set.
pub fn somma_pesi(weights: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    weights
        .into_iter()
        .flatten()
        .fold(None, |acc, w| Some(acc.unwrap_or(0.0) + w))
}
