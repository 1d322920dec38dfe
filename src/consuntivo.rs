//! The results file (consuntivo): the year's results against the targets of the plan it
//! names, kept apart from the adopted plan, which stays untouched. The Relazione sulla
//! Performance is built from the two.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Atto, Firma, Sezione};

/// The year's results of a plan.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Consuntivo",
    description = "I risultati dell'anno rispetto ai target del piano: da questo file e dal piano nasce la Relazione sulla Performance"
)]
pub struct Consuntivo {
    /// Where the schema is, for an editor.
    #[serde(rename = "$schema", default)]
    #[schemars(
        description = "Il percorso dello schema JSON, per l'editor; ignorato nei documenti"
    )]
    pub schema: Option<String>,
    /// The plan in force (its last amendment), relative to this file.
    #[schemars(
        description = "Il file del piano a cui si riferiscono i risultati (l'ultimo aggiornamento, se il piano è stato modificato), con il percorso relativo a questo file"
    )]
    pub piano: String,
    /// The year reported on.
    #[schemars(description = "L'anno a cui si riferiscono i risultati")]
    pub anno: i32,
    /// Title; defaults to "Relazione sulla Performance".
    #[serde(default)]
    #[schemars(description = "Titolo del documento; se assente, \"Relazione sulla Performance\"")]
    pub titolo: Option<String>,
    /// Whether the results are illustrative (not from a real act).
    #[serde(default)]
    #[schemars(
        description = "Se i risultati sono illustrativi (non tratti da un atto reale): la copertina e la pagina lo dichiarano"
    )]
    pub illustrativo: Option<bool>,
    /// The acts of the Relazione: adoption by the Giunta, validation by the OIV.
    #[serde(default)]
    #[schemars(
        description = "Gli atti della Relazione: approvazione della Giunta, validazione dell'OIV"
    )]
    pub atti: Vec<Atto>,
    /// Narrative chapters, before the results (context, resources, the process).
    #[serde(default)]
    #[schemars(
        description = "I capitoli narrativi (contesto, risorse, processo di misurazione); con `posizione: \"dopo\"` vanno dopo i risultati"
    )]
    pub sezioni: Vec<Sezione>,
    /// The results, one per indicator and deadline.
    #[serde(default)]
    #[schemars(description = "I risultati, uno per indicatore e scadenza")]
    pub risultati: Vec<Risultato>,
    /// Signatures at the end.
    #[serde(default)]
    #[schemars(description = "Le firme in fondo al documento")]
    pub firme: Vec<Firma>,
}

/// One result: an indicator's value at a deadline, or a node's own target's.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Un risultato: il valore di un indicatore a una scadenza (o del target proprio di un obiettivo)"
)]
pub struct Risultato {
    /// The objective: its `id` or its code.
    #[serde(default)]
    #[schemars(
        description = "L'obiettivo: il suo `id` o il suo codice (es. \"1.1.2\"); si può omettere se `indicatore` è l'`id` di un indicatore"
    )]
    pub obiettivo: Option<String>,
    /// The indicator: its number in the objective (from 1) or its `id`; absent for the
    /// objective's own target.
    #[serde(default)]
    #[schemars(
        description = "L'indicatore: il suo numero nell'obiettivo (da 1) o il suo `id`; assente per il target proprio dell'obiettivo (chiave `target` del nodo)"
    )]
    pub indicatore: Option<RifIndicatore>,
    /// The deadline ("2021", "31/12"); defaults to the one that counts for the year.
    #[serde(default)]
    #[schemars(
        description = "La scadenza (\"2021\", \"30/6\", \"31/12\"); se assente, quella che conta per l'anno: l'anno stesso, o l'ultima scadenza del livello"
    )]
    pub scadenza: Option<String>,
    /// The value as measured: a number, `SI`/`NO`, a date, words.
    #[serde(default)]
    #[schemars(
        description = "Il valore misurato: un numero (anche \"85,5%\"), \"SI\"/\"NO\", una data (\"2021-05-30\" o \"30/5/2021\"), un testo"
    )]
    pub valore: Option<Valore>,
    /// The unit of the value, when it has one; checked against the target's.
    #[serde(default)]
    #[schemars(
        description = "L'unità del valore (\"%\", \"gg.\"), se ne ha una: deve essere quella del target"
    )]
    pub unita: Option<String>,
    /// Achievement stated by the office (percent), for targets in words.
    #[serde(default)]
    #[schemars(range(min = 0))]
    #[schemars(
        description = "Grado di raggiungimento dichiarato, in percentuale, per i target espressi a parole (\"Avvio gruppi di lavoro\"): la nota ne spiega il motivo"
    )]
    pub realizzazione: Option<f64>,
    /// The result was not measured: it counts as the plan's rule says, without a warning.
    #[serde(default)]
    #[schemars(
        description = "`true` se il risultato non è stato rilevato: conta come dice `misurazione.risultato_mancante` (0 se non indicato); il motivo va in `note`"
    )]
    pub mancante: Option<bool>,
    /// Where the value comes from.
    #[serde(default)]
    #[schemars(description = "La fonte del dato")]
    pub fonte: Option<String>,
    /// Notes on the deviation.
    #[serde(default)]
    #[schemars(description = "Note sullo scostamento dal target")]
    pub note: Option<String>,
}

/// An indicator, by number in its objective or by `id`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(description = "Un indicatore: il numero nell'obiettivo (da 1) o il suo `id`")]
pub enum RifIndicatore {
    /// Number in the objective, from 1.
    #[schemars(description = "Il numero nell'obiettivo, da 1")]
    Numero(usize),
    /// The indicator's `id`.
    #[schemars(description = "L'`id` dell'indicatore")]
    Id(String),
}

/// A value as the office wrote it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(description = "Un valore: un numero o un testo")]
pub enum Valore {
    /// A number.
    #[schemars(description = "Un numero")]
    Numero(f64),
    /// Words, `SI`/`NO`, a date, or a number in Italian format.
    #[schemars(description = "Un testo: \"SI\", \"NO\", una data, un numero in formato italiano")]
    Testo(String),
}

impl Valore {
    /// The value as printed.
    pub fn testo(&self) -> String {
        match self {
            Valore::Numero(n) => crate::format::format_plain(*n),
            Valore::Testo(t) => t.clone(),
        }
    }
}
