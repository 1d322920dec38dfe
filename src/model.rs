//! Model stage: the plan as the office writes it, plain Rust types deserialised from JSON.
//!
//! Keys are the Italian domain terms of `DOMAIN.md`. Every struct rejects unknown fields,
//! so a misspelt key is reported instead of silently ignored. Derived facts (codes,
//! effective weights, totals) are not stored here: see [`crate::view`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A whole performance plan: the body, the document, its acts and its objective tree.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Piano {
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
}

/// The public body.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
}

/// Title and period of the document.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Documento {
    /// Title, e.g. "Piano della Performance".
    pub titolo: String,
    /// First year of the plan.
    pub anno_inizio: i32,
    /// Last year of the plan (equal to `anno_inizio` for a one-year plan).
    pub anno_fine: i32,
    /// Legal basis printed under the title, e.g. "art. 10 D.Lgs. 150/2009".
    #[serde(default)]
    pub riferimento_normativo: Option<String>,
    /// Title of the planning chapter; defaults to "Pianificazione".
    #[serde(default)]
    pub titolo_capitolo: Option<String>,
}

/// Kind of act in the plan's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
}

/// How a node's achievement combines its own indicators and its children.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ponderazione {
    /// Share (percent) of a node's own indicators; the rest goes to its children.
    pub quota_indicatori: f64,
}

/// A node of the objective tree: an area, a strategic or operational objective, an action.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Nodo {
    /// Stable identity that survives renumbering; referenced by assignments.
    #[serde(default)]
    pub id: Option<String>,
    /// Title, written once and shown everywhere.
    pub titolo: String,
    /// Short qualifier shown under the title.
    #[serde(default)]
    pub sottotitolo: Option<String>,
    /// Weight (percent) within the parent.
    #[serde(default)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bilancio {
    /// Missione.
    pub missione: VoceBilancio,
    /// Programma.
    pub programma: VoceBilancio,
}

/// A coded budget entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VoceBilancio {
    /// Code, e.g. "011".
    pub codice: String,
    /// Description.
    pub descrizione: String,
}

/// Kind of indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Peso {
    /// One weight.
    Unico(f64),
    /// A weight per deadline (e.g. per year).
    PerScadenza(BTreeMap<String, f64>),
}

/// A target as the plan states it, with optional numeric structure.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assegnazioni {
    /// Year of the assignment.
    pub anno: i32,
    /// One entry per manager.
    pub dirigenti: Vec<Dirigente>,
}

/// A manager and the objectives assigned to them.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObiettivoAssegnato {
    /// The objective: its `id`, or its derived code (e.g. "1.1.2").
    pub obiettivo: String,
    /// Weight (percent) in the manager's list.
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
}

impl Peso {
    /// The weight that applies at a deadline, if one is set for it.
    pub fn at(&self, scadenza: &str) -> Option<f64> {
        match self {
            Peso::Unico(v) => Some(*v),
            Peso::PerScadenza(map) => map.get(scadenza).copied(),
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
