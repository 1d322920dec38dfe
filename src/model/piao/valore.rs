//! Sottosezione 2.1 of the PIAO (see `../shared/PIAO.md`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Sezione;
use crate::model::piao::{Allegato, InformazioneUlteriore};

/// Sottosezione 2.1 of the PIAO.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Sottosezione 2.1 del PIAO")]
pub struct ValorePubblico {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sottosezione")]
    pub generale: Vec<Sezione>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}
