//! Sottosezione 2.1 of the PIAO, Valore pubblico (see `../shared/PIAO.md`): context, SWOT,
//! the public-value objectives (OVP) with their implementing strategies and indicators,
//! the financial resources and EU funds, the four transversal objectives and the
//! procedures to simplify. The plan's objectives (2.2) link to a strategy by its `id`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::piao::{Allegato, InformazioneUlteriore};
use crate::model::{Indicatore, Sezione};

/// Sottosezione 2.1 of the PIAO: Valore pubblico.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Sottosezione 2.1 del PIAO: Valore pubblico; gli obiettivi del piano (2.2) vi si collegano con `strategia`"
)]
pub struct ValorePubblico {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sottosezione")]
    pub generale: Vec<Sezione>,
    /// Analysis of the external context.
    #[serde(default)]
    #[schemars(description = "Analisi del contesto esterno (Markdown ridotto)")]
    pub contesto_esterno: Option<String>,
    /// Analysis of the internal context.
    #[serde(default)]
    #[schemars(description = "Analisi del contesto interno (Markdown ridotto)")]
    pub contesto_interno: Option<String>,
    /// The SWOT analysis.
    #[serde(default)]
    #[schemars(
        description = "L'analisi SWOT: punti di forza, di debolezza, opportunità e minacce"
    )]
    pub swot: Option<Swot>,
    /// What public value means for the body (required by the portal).
    #[serde(default)]
    #[schemars(
        description = "Concetto generale di valore pubblico (Markdown ridotto); il Portale PIAO lo richiede"
    )]
    pub concetto: Option<String>,
    /// The public-value objectives.
    #[serde(default)]
    #[schemars(
        description = "Gli obiettivi di valore pubblico (OVP), ciascuno con le sue strategie attuative; il Portale PIAO ne chiede almeno uno con almeno una strategia"
    )]
    pub obiettivi: Vec<Ovp>,
    /// Financial resources for public value; the total is computed.
    #[serde(default)]
    #[schemars(
        description = "Le risorse finanziarie per il valore pubblico, una riga per iniziativa; il totale è calcolato"
    )]
    pub risorse_finanziarie: Vec<RisorsaFinanziaria>,
    /// Projects funded by the European Union; the total is computed.
    #[serde(default)]
    #[schemars(description = "I progetti finanziati con fondi europei; il totale è calcolato")]
    pub fondi_europei: Vec<FondoEuropeo>,
    /// The four transversal objectives.
    #[serde(default)]
    #[schemars(
        description = "Gli obiettivi trasversali: accessibilità digitale e fisica, semplificazione, pari opportunità"
    )]
    pub obiettivi_trasversali: Option<ObiettiviTrasversali>,
    /// Procedures to simplify or re-engineer.
    #[serde(default)]
    #[schemars(description = "Le procedure da semplificare o reingegnerizzare")]
    pub procedure: Vec<ProceduraDaSemplificare>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// The SWOT analysis: four lists.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "L'analisi SWOT: quattro elenchi di voci")]
pub struct Swot {
    /// Strengths (S).
    #[serde(default)]
    #[schemars(description = "Punti di forza (S)")]
    pub punti_di_forza: Vec<String>,
    /// Weaknesses (W).
    #[serde(default)]
    #[schemars(description = "Punti di debolezza (W)")]
    pub punti_di_debolezza: Vec<String>,
    /// Opportunities (O).
    #[serde(default)]
    #[schemars(description = "Opportunità (O)")]
    pub opportunita: Vec<String>,
    /// Threats (T).
    #[serde(default)]
    #[schemars(description = "Minacce (T)")]
    pub minacce: Vec<String>,
}

/// A public-value objective (obiettivo di valore pubblico, OVP).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un obiettivo di valore pubblico (OVP)")]
pub struct Ovp {
    /// Identity ("OVP1"), printed and linked to.
    #[schemars(
        description = "ID dell'OVP, ad esempio \"OVP1\": stampato, e usato dalle risorse finanziarie e dagli obiettivi di prevenzione"
    )]
    pub id: String,
    /// Name.
    #[schemars(description = "Denominazione")]
    pub denominazione: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione (Markdown ridotto)")]
    pub descrizione: Option<String>,
    /// The context analysis behind it.
    #[serde(default)]
    #[schemars(description = "Analisi di contesto (Markdown ridotto)")]
    pub analisi_contesto: Option<String>,
    /// Sector or field of intervention.
    #[serde(default)]
    #[schemars(description = "Settore o ambito di intervento")]
    pub settore: Option<String>,
    /// Political lead.
    #[serde(default)]
    #[schemars(description = "Responsabile politico")]
    pub responsabile_politico: Option<String>,
    /// Administrative lead.
    #[serde(default)]
    #[schemars(description = "Responsabile amministrativo")]
    pub responsabile_amministrativo: Option<String>,
    /// Organisational areas (ids of section 1's `aree_organizzative`).
    #[serde(default)]
    #[schemars(
        description = "Le aree organizzative coinvolte: `id` di `piao.anagrafica.aree_organizzative`"
    )]
    pub aree: Vec<String>,
    /// Political priorities (ids of section 1's `priorita_politiche`).
    #[serde(default)]
    #[schemars(
        description = "Le priorità politiche a cui risponde: `id` di `piao.anagrafica.priorita_politiche`"
    )]
    pub priorita: Vec<String>,
    /// Stakeholders (ids of section 1's `stakeholder`).
    #[serde(default)]
    #[schemars(
        description = "Gli stakeholder interni ed esterni: `id` di `piao.anagrafica.stakeholder`"
    )]
    pub stakeholder: Vec<String>,
    /// Synthetic multidimensional impact index.
    #[serde(default)]
    #[schemars(description = "Indice sintetico di impatto multidimensionale")]
    pub indice_impatto: Option<IndiceImpatto>,
    /// Implementing strategies.
    #[serde(default)]
    #[schemars(
        description = "Le strategie attuative dell'OVP; gli obiettivi del piano vi si collegano con `strategia`"
    )]
    pub strategie: Vec<Strategia>,
}

/// The synthetic multidimensional impact index of an OVP.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Indice sintetico di impatto multidimensionale: valore e descrizione")]
pub struct IndiceImpatto {
    /// Value.
    #[schemars(description = "Valore dell'indice (intero)")]
    pub valore: i64,
    /// How it is built and read.
    #[serde(default)]
    #[schemars(description = "Come è costruito e come si legge")]
    pub descrizione: Option<String>,
}

/// An implementing strategy of an OVP.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una strategia attuativa di un obiettivo di valore pubblico")]
pub struct Strategia {
    /// Identity ("S1.1"), unique in the PIAO: the plan's objectives link to it.
    #[schemars(
        description = "ID della strategia, unico nel PIAO, ad esempio \"S1.1\": gli obiettivi del piano vi si collegano con `strategia`"
    )]
    pub id: String,
    /// Name.
    #[schemars(description = "Denominazione")]
    pub denominazione: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione (Markdown ridotto)")]
    pub descrizione: Option<String>,
    /// Who is responsible.
    #[serde(default)]
    #[schemars(description = "Soggetto responsabile")]
    pub responsabile: Option<String>,
    /// Impact indicators.
    #[serde(default)]
    #[schemars(description = "Gli indicatori di impatto della strategia")]
    pub indicatori: Vec<Indicatore>,
}

/// A line of the financial resources for public value.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga delle risorse finanziarie per il valore pubblico")]
pub struct RisorsaFinanziaria {
    /// The OVP it funds (its `id`).
    #[schemars(description = "L'obiettivo di valore pubblico finanziato: il suo `id`")]
    pub obiettivo: String,
    /// Initiative.
    #[schemars(description = "Iniziativa")]
    pub iniziativa: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione")]
    pub descrizione: Option<String>,
    /// Allocation, in euro.
    #[schemars(description = "Dotazione finanziaria in euro")]
    pub dotazione: f64,
    /// Source of funding.
    #[serde(default)]
    #[schemars(description = "Fonte di finanziamento")]
    pub fonte: Option<String>,
}

/// A project funded by the European Union.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un progetto finanziato con fondi europei")]
pub struct FondoEuropeo {
    /// Funded project.
    #[schemars(description = "Progetto finanziato")]
    pub progetto: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione")]
    pub descrizione: Option<String>,
    /// Funds allocated, in euro.
    #[schemars(description = "Fondi stanziati in euro")]
    pub importo: f64,
}

/// The four transversal objectives of 2.1, each in words.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "I quattro obiettivi trasversali, ciascuno descritto a parole")]
pub struct ObiettiviTrasversali {
    /// Digital accessibility.
    #[serde(default)]
    #[schemars(description = "Accessibilità digitale (Markdown ridotto)")]
    pub accessibilita_digitale: Option<String>,
    /// Physical accessibility.
    #[serde(default)]
    #[schemars(description = "Accessibilità fisica (Markdown ridotto)")]
    pub accessibilita_fisica: Option<String>,
    /// Simplification.
    #[serde(default)]
    #[schemars(description = "Semplificazione (Markdown ridotto)")]
    pub semplificazione: Option<String>,
    /// Equal opportunities.
    #[serde(default)]
    #[schemars(description = "Pari opportunità (Markdown ridotto)")]
    pub pari_opportunita: Option<String>,
}

/// A procedure to simplify or re-engineer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una procedura da semplificare o reingegnerizzare")]
pub struct ProceduraDaSemplificare {
    /// Procedure.
    #[schemars(description = "La procedura")]
    pub procedura: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione")]
    pub descrizione: Option<String>,
    /// Unit of measure.
    #[serde(default)]
    #[schemars(description = "Unità di misura, ad esempio \"giorni\"")]
    pub unita: Option<String>,
    /// Current measurement.
    #[serde(default)]
    #[schemars(description = "Misurazione attuale")]
    pub misurazione_attuale: Option<String>,
    /// Target.
    #[serde(default)]
    #[schemars(description = "Target")]
    pub target: Option<String>,
    /// Responsible office.
    #[serde(default)]
    #[schemars(description = "Ufficio responsabile")]
    pub ufficio: Option<String>,
}

impl ValorePubblico {
    /// The strategy with this `id` and its OVP.
    pub fn strategia(&self, id: &str) -> Option<(&Ovp, &Strategia)> {
        self.obiettivi
            .iter()
            .flat_map(|o| o.strategie.iter().map(move |s| (o, s)))
            .find(|(_, s)| s.id == id)
    }

    /// The OVP with this `id`.
    pub fn ovp(&self, id: &str) -> Option<&Ovp> {
        self.obiettivi.iter().find(|o| o.id == id)
    }

    /// Total of the financial resources, in euro.
    pub fn totale_risorse(&self) -> f64 {
        self.risorse_finanziarie.iter().map(|r| r.dotazione).sum()
    }

    /// Total of the EU funds, in euro.
    pub fn totale_fondi_europei(&self) -> f64 {
        self.fondi_europei.iter().map(|f| f.importo).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sezione(v: serde_json::Value) -> ValorePubblico {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn totals_add_every_line() {
        let s = sezione(serde_json::json!({
            "risorse_finanziarie": [
                { "obiettivo": "OVP1", "iniziativa": "Bando", "dotazione": 150000.5 },
                { "obiettivo": "OVP1", "iniziativa": "Voucher", "dotazione": 49999.5 },
                { "obiettivo": "OVP2", "iniziativa": "Sportello", "dotazione": 12000 }
            ],
            "fondi_europei": [
                { "progetto": "PNRR M1C1", "importo": 80000 },
                { "progetto": "FESR", "importo": 20000.25 }
            ]
        }));
        // 150000.5 + 49999.5 + 12000 = 212000; 80000 + 20000.25 = 100000.25.
        assert_eq!(s.totale_risorse(), 212_000.0);
        assert_eq!(s.totale_fondi_europei(), 100_000.25);
        assert_eq!(ValorePubblico::default().totale_risorse(), 0.0);
    }

    #[test]
    fn a_strategy_is_found_with_its_ovp() {
        let s = sezione(serde_json::json!({
            "obiettivi": [
                { "id": "OVP1", "denominazione": "Imprese", "strategie": [
                    { "id": "S1.1", "denominazione": "Bandi" }
                ] },
                { "id": "OVP2", "denominazione": "Territorio", "strategie": [
                    { "id": "S2.1", "denominazione": "Reti" }
                ] }
            ]
        }));
        let (ovp, strategia) = s.strategia("S2.1").unwrap();
        assert_eq!(
            (ovp.id.as_str(), strategia.denominazione.as_str()),
            ("OVP2", "Reti")
        );
        assert!(s.strategia("S9").is_none());
        assert_eq!(s.ovp("OVP1").unwrap().denominazione, "Imprese");
    }
}
