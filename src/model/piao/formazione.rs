//! Sottosezione 3.3.2 of the PIAO, Formazione del personale (see `../shared/PIAO.md`): the
//! texts, the training done by 31 December and planned for the triennium (one row type for
//! both, as the portal has), and the training workers took on their own and the body
//! recognises. Totals are computed ([`Totali`]), never typed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Sezione;
use crate::model::piao::{Allegato, InformazioneUlteriore};

/// Sottosezione 3.3.2 of the PIAO: Formazione del personale.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Sottosezione 3.3.2 del PIAO, Formazione del personale: testi, fotografia della formazione al 31.12, obiettivi e risultati attesi, attività promosse dal singolo e riconosciute"
)]
pub struct Formazione {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sottosezione")]
    pub generale: Vec<Sezione>,
    /// Legal framework.
    #[serde(default)]
    #[schemars(description = "Contesto normativo (Markdown ridotto)")]
    pub contesto_normativo: Option<String>,
    /// State of training at 31 December of the year before the triennium.
    #[serde(default)]
    #[schemars(
        description = "Stato dell'arte della formazione al 31.12 dell'anno precedente il triennio (Markdown ridotto)"
    )]
    pub stato_dell_arte: Option<String>,
    /// Strategy.
    #[serde(default)]
    #[schemars(description = "Strategia formativa (Markdown ridotto)")]
    pub strategia: Option<String>,
    /// Resources.
    #[serde(default)]
    #[schemars(description = "Risorse per la formazione (Markdown ridotto)")]
    pub risorse: Option<String>,
    /// Incentives.
    #[serde(default)]
    #[schemars(description = "Incentivi alla formazione (Markdown ridotto)")]
    pub incentivi: Option<String>,
    /// Training done by 31 December of the year before the triennium.
    #[serde(default)]
    #[schemars(
        description = "Fotografia della formazione al 31.12 dell'anno precedente il triennio: le attività svolte, con i formati"
    )]
    pub fotografia: Vec<AttivitaFormativa>,
    /// Training planned: objectives and expected results.
    #[serde(default)]
    #[schemars(
        description = "Obiettivi e risultati attesi: le attività formative previste (senza formati)"
    )]
    pub obiettivi: Vec<AttivitaFormativa>,
    /// Training a worker took on their own initiative and the body recognises.
    #[serde(default)]
    #[schemars(description = "Attività formative promosse dal singolo e riconosciute dall'ente")]
    pub riconosciute: Vec<AttivitaRiconosciuta>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// A training activity, done (fotografia) or planned (obiettivi).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un'attività formativa, svolta (fotografia) o prevista (obiettivi)")]
pub struct AttivitaFormativa {
    /// Code of the activity.
    #[schemars(description = "Codice dell'attività formativa, unico nella tabella")]
    pub codice: String,
    /// Kind (classroom, webinar, MOOC...).
    #[schemars(description = "Tipologia dell'attività: aula, webinar, MOOC, affiancamento...")]
    pub tipologia: String,
    /// Title.
    #[schemars(description = "Titolo")]
    pub titolo: String,
    /// Competence area.
    #[serde(default)]
    #[schemars(description = "Ambito di competenza")]
    pub ambito: Option<String>,
    /// Subject area.
    #[serde(default)]
    #[schemars(description = "Area tematica")]
    pub area_tematica: Option<String>,
    /// Whether the law requires it.
    #[schemars(description = "Se la formazione è obbligatoria per legge")]
    pub obbligatoria: bool,
    /// The law that requires or governs it.
    #[serde(default)]
    #[schemars(description = "Riferimento normativo")]
    pub riferimento_normativo: Option<String>,
    /// Who it is for.
    #[schemars(description = "Destinatari: `dirigenti`, `non_dirigenti` o `entrambi`")]
    pub destinatari: Destinatari,
    /// Planned participants among managers.
    #[serde(default)]
    #[schemars(description = "Target previsto: numero di dirigenti")]
    pub target_dirigenti: Option<u32>,
    /// Planned participants among other staff.
    #[serde(default)]
    #[schemars(description = "Target previsto: numero di non dirigenti")]
    pub target_non_dirigenti: Option<u32>,
    /// Managers trained (fotografia only).
    #[serde(default)]
    #[schemars(description = "Dirigenti formati (solo nella fotografia al 31.12)")]
    pub formati_dirigenti: Option<u32>,
    /// Other staff trained (fotografia only).
    #[serde(default)]
    #[schemars(description = "Non dirigenti formati (solo nella fotografia al 31.12)")]
    pub formati_non_dirigenti: Option<u32>,
    /// Hours of training.
    #[serde(default)]
    #[schemars(description = "Ore di formazione dell'attività")]
    pub ore: Option<f64>,
    /// Whether learning is assessed.
    #[schemars(description = "Se è prevista una verifica di apprendimento")]
    pub verifica_apprendimento: bool,
    /// Training credits.
    #[serde(default)]
    #[schemars(description = "Crediti formativi")]
    pub crediti: Option<f64>,
    /// How it is run (in house, outsourced...).
    #[serde(default)]
    #[schemars(description = "Modalità di gestione: interna, affidata all'esterno...")]
    pub modalita_gestione: Option<String>,
    /// Who delivers it.
    #[serde(default)]
    #[schemars(description = "Ente erogatore")]
    pub ente_erogatore: Option<String>,
    /// Cost in euro.
    #[serde(default)]
    #[schemars(description = "Costo in euro")]
    pub costo: Option<f64>,
    /// First day, `AAAA-MM-GG`.
    #[serde(default)]
    #[schemars(description = "Data di inizio, AAAA-MM-GG")]
    pub data_inizio: Option<String>,
    /// Last day, `AAAA-MM-GG`.
    #[serde(default)]
    #[schemars(description = "Data di fine, AAAA-MM-GG")]
    pub data_fine: Option<String>,
}

/// Who a training activity is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Destinatari dell'attività formativa")]
pub enum Destinatari {
    /// Managers only.
    #[schemars(description = "Solo dirigenti")]
    Dirigenti,
    /// Other staff only.
    #[schemars(description = "Solo personale non dirigente")]
    NonDirigenti,
    /// Both.
    #[schemars(description = "Dirigenti e non dirigenti")]
    Entrambi,
}

impl Destinatari {
    /// As printed.
    pub fn etichetta(self) -> &'static str {
        match self {
            Destinatari::Dirigenti => "Dirigenti",
            Destinatari::NonDirigenti => "Non dirigenti",
            Destinatari::Entrambi => "Entrambi",
        }
    }

    /// Whether managers are among the recipients.
    pub fn dirigenti(self) -> bool {
        self != Destinatari::NonDirigenti
    }

    /// Whether other staff are among the recipients.
    pub fn non_dirigenti(self) -> bool {
        self != Destinatari::Dirigenti
    }
}

/// A training activity a worker took on their own and the body recognises.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Un'attività formativa promossa dal singolo dipendente e riconosciuta dall'ente"
)]
pub struct AttivitaRiconosciuta {
    /// Kind.
    #[schemars(description = "Tipologia dell'attività")]
    pub tipologia: String,
    /// Competence area.
    #[serde(default)]
    #[schemars(description = "Ambito di competenza")]
    pub ambito: Option<String>,
    /// Subject area.
    #[serde(default)]
    #[schemars(description = "Area tematica")]
    pub area_tematica: Option<String>,
    /// Managers trained.
    #[serde(default)]
    #[schemars(description = "Dirigenti formati")]
    pub formati_dirigenti: Option<u32>,
    /// Other staff trained.
    #[serde(default)]
    #[schemars(description = "Non dirigenti formati")]
    pub formati_non_dirigenti: Option<u32>,
    /// Hours.
    #[serde(default)]
    #[schemars(description = "Ore di formazione")]
    pub ore: Option<f64>,
    /// Whether learning was assessed.
    #[schemars(description = "Se è prevista una verifica di apprendimento")]
    pub verifica_apprendimento: bool,
}

/// The totals of a table of training activities, computed from its rows (a missing value
/// counts as none).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totali {
    /// Planned managers.
    pub target_dirigenti: u32,
    /// Planned other staff.
    pub target_non_dirigenti: u32,
    /// Managers trained.
    pub formati_dirigenti: u32,
    /// Other staff trained.
    pub formati_non_dirigenti: u32,
    /// Hours.
    pub ore: f64,
    /// Cost in euro.
    pub costo: f64,
}

impl Totali {
    /// The totals of a table of activities.
    pub fn di(righe: &[AttivitaFormativa]) -> Totali {
        righe.iter().fold(Totali::default(), |t, a| Totali {
            target_dirigenti: t
                .target_dirigenti
                .saturating_add(a.target_dirigenti.unwrap_or(0)),
            target_non_dirigenti: t
                .target_non_dirigenti
                .saturating_add(a.target_non_dirigenti.unwrap_or(0)),
            formati_dirigenti: t
                .formati_dirigenti
                .saturating_add(a.formati_dirigenti.unwrap_or(0)),
            formati_non_dirigenti: t
                .formati_non_dirigenti
                .saturating_add(a.formati_non_dirigenti.unwrap_or(0)),
            ore: t.ore + a.ore.unwrap_or(0.0),
            costo: t.costo + a.costo.unwrap_or(0.0),
        })
    }

    /// The totals of the recognised activities (trained and hours).
    pub fn riconosciute(righe: &[AttivitaRiconosciuta]) -> Totali {
        righe.iter().fold(Totali::default(), |t, a| Totali {
            formati_dirigenti: t
                .formati_dirigenti
                .saturating_add(a.formati_dirigenti.unwrap_or(0)),
            formati_non_dirigenti: t
                .formati_non_dirigenti
                .saturating_add(a.formati_non_dirigenti.unwrap_or(0)),
            ore: t.ore + a.ore.unwrap_or(0.0),
            ..t
        })
    }
}
