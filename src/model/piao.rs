//! The PIAO (Piano Integrato di Attività e Organizzazione, art. 6 D.L. 80/2021, DM 132/2022):
//! the sections of `../shared/PIAO.md` beside the objective tree (subsection 2.2) and the
//! POLA (subsection 3.2) the plan already holds.
//!
//! Each subsection has, besides its own tables, a narrative "parte generale", the
//! "ulteriori informazioni" the body adds and one annex: the three common fields below.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Piano, Sezione, TipoAtto};

pub mod anagrafica;
pub mod fabbisogni;
pub mod formazione;
pub mod monitoraggio;
pub mod organizzazione;
pub mod rischi;
pub mod valore;

/// The PIAO: which body size it is for and its sections, in the Piano tipo's order.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Il PIAO – Piano Integrato di Attività e Organizzazione (art. 6 D.L. 80/2021, DM 132/2022): le sue sezioni; la 2.2 Performance è l'albero del piano, la 3.2 Lavoro agile il POLA"
)]
pub struct Piao {
    /// The headcount band: it decides which subsections are required.
    #[schemars(
        description = "La fascia di dipendenti: `oltre_50` (PIAO ordinario, tutte le sezioni) o `fino_a_50` (PIAO semplificato: obbligatorie le sezioni 1, 2.3, 3.1, 3.2 e 3.3.1)"
    )]
    pub dipendenti: FasciaDipendenti,
    /// Version of the PIAO ("1.0", "2.0" after an amendment).
    #[serde(default)]
    #[schemars(
        description = "Versione del PIAO, ad esempio \"1.0\"; \"2.0\" dopo un aggiornamento"
    )]
    pub versione: Option<String>,
    /// Section 1: Scheda anagrafica and methodological presentation.
    #[serde(default)]
    #[schemars(description = "Sezione 1: Presentazione metodologica e scheda anagrafica")]
    pub anagrafica: Option<anagrafica::Anagrafica>,
    /// Subsection 2.1: Valore pubblico.
    #[serde(default)]
    #[schemars(description = "Sottosezione 2.1: Valore pubblico")]
    pub valore_pubblico: Option<valore::ValorePubblico>,
    /// Subsection 2.2: Performance (the narrative around the plan's objective tree).
    #[serde(default)]
    #[schemars(
        description = "Sottosezione 2.2: Performance; i suoi obiettivi sono l'albero del piano, qui le parti narrative"
    )]
    pub performance: Option<Performance>,
    /// Subsection 2.3: Rischi corruttivi e trasparenza.
    #[serde(default)]
    #[schemars(description = "Sottosezione 2.3: Rischi corruttivi e trasparenza")]
    pub rischi: Option<rischi::Rischi>,
    /// Subsection 3.1: Struttura organizzativa.
    #[serde(default)]
    #[schemars(description = "Sottosezione 3.1: Struttura organizzativa")]
    pub struttura: Option<organizzazione::Struttura>,
    /// Subsection 3.2: Organizzazione del lavoro agile (the narrative around the POLA).
    #[serde(default)]
    #[schemars(
        description = "Sottosezione 3.2: Organizzazione del lavoro agile; il contenuto è il `pola` del piano, qui le condizioni del DM 132/2022"
    )]
    pub lavoro_agile: Option<LavoroAgile>,
    /// Subsection 3.3.1: Piano triennale dei fabbisogni di personale.
    #[serde(default)]
    #[schemars(description = "Sottosezione 3.3.1: Piano triennale dei fabbisogni di personale")]
    pub fabbisogni: Option<fabbisogni::Fabbisogni>,
    /// Subsection 3.3.2: Formazione del personale.
    #[serde(default)]
    #[schemars(description = "Sottosezione 3.3.2: Formazione del personale")]
    pub formazione: Option<formazione::Formazione>,
    /// Section 4: Monitoraggio.
    #[serde(default)]
    #[schemars(description = "Sezione 4: Monitoraggio")]
    pub monitoraggio: Option<monitoraggio::Monitoraggio>,
    /// What the DFP portal's upload form asks besides the approval act.
    #[serde(default)]
    #[schemars(
        description = "I dati che il modulo di caricamento del Portale PIAO chiede oltre all'atto di approvazione"
    )]
    pub pubblicazione: Option<Pubblicazione>,
}

/// The headcount band of DM 132/2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Fascia di dipendenti dell'ente")]
pub enum FasciaDipendenti {
    /// More than 50 employees: PIAO ordinario.
    #[serde(rename = "oltre_50")]
    #[schemars(description = "Più di 50 dipendenti: PIAO ordinario")]
    Oltre50,
    /// At most 50 employees: PIAO semplificato (art. 6 DM 132/2022).
    #[serde(rename = "fino_a_50")]
    #[schemars(description = "Fino a 50 dipendenti: PIAO semplificato (art. 6 DM 132/2022)")]
    FinoA50,
}

/// A field the body adds to a subsection ("Ulteriori informazioni": name and text).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un'informazione ulteriore della sottosezione: nome del campo e testo")]
pub struct InformazioneUlteriore {
    /// Name of the field.
    #[schemars(description = "Nome del campo")]
    pub nome: String,
    /// Its text (Markdown subset).
    #[schemars(description = "Il testo (Markdown ridotto)")]
    pub testo: String,
}

/// The annex of a subsection: a file published beside the PIAO and what it holds.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "L'allegato della sottosezione: il file pubblicato con il PIAO e che cosa contiene"
)]
pub struct Allegato {
    /// Title of the annex.
    #[schemars(description = "Titolo dell'allegato")]
    pub titolo: String,
    /// File name or address where it is published.
    #[serde(default)]
    #[schemars(description = "Nome del file o indirizzo dove è pubblicato")]
    pub file: Option<String>,
    /// What it holds.
    #[serde(default)]
    #[schemars(description = "Descrizione del contenuto")]
    pub descrizione: Option<String>,
}

/// Subsection 2.2: the narrative around the objective tree, and the phases of the cycle.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Sottosezione 2.2 Performance: le parti narrative e le fasi del ciclo; gli obiettivi sono l'albero del piano"
)]
pub struct Performance {
    /// Parte generale: narrative before the objectives.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi prima degli obiettivi")]
    pub generale: Vec<Sezione>,
    /// The phases of the performance cycle.
    #[serde(default)]
    #[schemars(description = "Le fasi del ciclo della performance")]
    pub fasi: Vec<FaseCiclo>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// A phase of the performance cycle.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una fase del ciclo della performance")]
pub struct FaseCiclo {
    /// Phase (Pianificazione, Monitoraggio, Valutazione or the body's own).
    #[schemars(description = "Fase: Pianificazione, Monitoraggio, Valutazione o una propria")]
    pub fase: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione")]
    pub descrizione: Option<String>,
    /// Activities.
    #[serde(default)]
    #[schemars(description = "Attività")]
    pub attivita: Option<String>,
    /// Actors.
    #[serde(default)]
    #[schemars(description = "Attori")]
    pub attori: Option<String>,
    /// Timing.
    #[serde(default)]
    #[schemars(description = "Tempi")]
    pub tempi: Option<String>,
}

/// Subsection 3.2: the conditions of DM 132/2022 art. 4 c. 1 lett. b; the content is the POLA.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Sottosezione 3.2 Lavoro agile: le condizioni dell'art. 4, comma 1, lettera b) del DM 132/2022; il resto è il `pola` del piano"
)]
pub struct LavoroAgile {
    /// Parte generale.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi prima del POLA")]
    pub generale: Vec<Sezione>,
    /// How the plan ensures the five conditions.
    #[serde(default)]
    #[schemars(description = "Come il piano assicura le cinque condizioni del DM 132/2022")]
    pub condizioni: Option<CondizioniLavoroAgile>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// The five conditions of DM 132/2022 art. 4 c. 1 lett. b, each stated in words.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Le cinque condizioni del lavoro agile (art. 4, comma 1, lettera b, DM 132/2022): per ciascuna, come il piano la assicura"
)]
pub struct CondizioniLavoroAgile {
    /// Services to users are not impaired.
    #[serde(default)]
    #[schemars(description = "Il lavoro agile non pregiudica né riduce i servizi agli utenti")]
    pub servizi_agli_utenti: Option<String>,
    /// Rotation, with work in presence prevailing for each worker.
    #[serde(default)]
    #[schemars(
        description = "Rotazione del personale, con prevalenza del lavoro in presenza per ciascun lavoratore"
    )]
    pub rotazione_e_prevalenza: Option<String>,
    /// Technology that keeps data confidential.
    #[serde(default)]
    #[schemars(
        description = "Strumenti tecnologici che garantiscono la riservatezza dei dati trattati"
    )]
    pub riservatezza_dei_dati: Option<String>,
    /// A plan to clear any backlog.
    #[serde(default)]
    #[schemars(description = "Piano di smaltimento del lavoro arretrato, ove accumulato")]
    pub smaltimento_arretrato: Option<String>,
    /// Suitable equipment supplied to the worker.
    #[serde(default)]
    #[schemars(description = "Fornitura al lavoratore di idonea dotazione tecnologica")]
    pub dotazione_tecnologica: Option<String>,
}

/// What the DFP portal's upload form asks besides the approval act (`atti`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "I dati del modulo di caricamento del Portale PIAO; data ed estremi dell'atto vengono dall'atto di adozione in `atti`"
)]
pub struct Pubblicazione {
    /// Approving authority as the portal names it.
    #[schemars(
        description = "Autorità che approva, come la nomina il portale: \"Giunta Comunale\", \"Ministro\", \"Direttore\", \"Presidente\"..."
    )]
    pub autorita: String,
    /// Address of the PIAO in Amministrazione Trasparente (at most 500 characters).
    #[schemars(
        description = "Indirizzo del PIAO in Amministrazione Trasparente (al più 500 caratteri)"
    )]
    pub url_trasparenza: String,
}

/// What the DFP portal's upload form asks, derived from the plan: the latest act adopting
/// or amending the PIAO, the authority, the triennium, the band, the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuloPortale {
    /// Index in `atti` of the approval act (the latest adoption or amendment).
    #[serde(skip)]
    pub atto: Option<usize>,
    /// "Data di approvazione", `AAAA-MM-GG` as in the act.
    pub data_approvazione: Option<String>,
    /// "Autorità approvatore".
    pub autorita_approvatore: Option<String>,
    /// "Estremi atto di approvazione" (at most 200 characters).
    pub estremi_atto: Option<String>,
    /// "Triennio di riferimento" (`AAAA-AAAA`).
    pub triennio: String,
    /// "Numero di dipendenti": `> 50` or `≤ 50`.
    pub numero_dipendenti: &'static str,
    /// "URL in Amministrazione Trasparente".
    pub url_amministrazione_trasparente: Option<String>,
}

impl ModuloPortale {
    /// The form as the plan fills it.
    pub fn new(piano: &Piano, piao: &Piao) -> ModuloPortale {
        let atto = piano
            .atti
            .iter()
            .enumerate()
            .filter(|(_, a)| a.tipo != TipoAtto::Validazione)
            .max_by(|(_, a), (_, b)| a.data.cmp(&b.data))
            .map(|(k, _)| k);
        let a = atto.map(|k| &piano.atti[k]);
        let doc = &piano.documento;
        ModuloPortale {
            atto,
            data_approvazione: a.map(|a| a.data.clone()),
            autorita_approvatore: piao
                .pubblicazione
                .as_ref()
                .map(|p| p.autorita.clone())
                .or_else(|| a.map(|a| a.organo.clone())),
            estremi_atto: a.map(crate::model::Atto::deliberazione),
            triennio: format!("{}-{}", doc.anno_inizio, doc.anno_fine),
            numero_dipendenti: match piao.dipendenti {
                FasciaDipendenti::Oltre50 => "> 50",
                FasciaDipendenti::FinoA50 => "≤ 50",
            },
            url_amministrazione_trasparente: piao
                .pubblicazione
                .as_ref()
                .map(|p| p.url_trasparenza.clone()),
        }
    }
}
