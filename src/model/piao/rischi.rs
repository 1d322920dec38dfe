//! Sottosezione 2.3 of the PIAO, Rischi corruttivi e trasparenza (see `../shared/PIAO.md`):
//! general objectives and measures, the risk assessment (attività sensibili → eventi
//! rischiosi → misure specifiche → monitoraggi) and the transparency obligations.
//!
//! The value of a risk event, P×I×C, is derived here ([`valutazione`]) and never typed; the
//! level the body chose is checked against the level its own thresholds give
//! ([`Soglie::livello`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::piao::{Allegato, InformazioneUlteriore};
use crate::model::{Indicatore, Sezione};

/// Sottosezione 2.3: Rischi corruttivi e trasparenza.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Sottosezione 2.3 del PIAO, Rischi corruttivi e trasparenza: obiettivi e misure generali, valutazione del rischio (attività sensibili, eventi rischiosi, misure specifiche, monitoraggi) e obblighi di trasparenza"
)]
pub struct Rischi {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sottosezione")]
    pub generale: Vec<Sezione>,
    /// The rules the section applies and what the body does for each.
    #[serde(default)]
    #[schemars(
        description = "Il quadro normativo: per ogni norma, l'azione che l'ente prevede (tabella Normativa | Azione prevista)"
    )]
    pub normativa: Vec<Normativa>,
    /// How the external context bears on the risk of corruption.
    #[serde(default)]
    #[schemars(
        description = "Impatto del contesto esterno sul rischio corruttivo (Markdown ridotto)"
    )]
    pub contesto_esterno: Option<String>,
    /// How the internal context (organisation, processes) bears on the risk.
    #[serde(default)]
    #[schemars(
        description = "Impatto del contesto interno (organizzazione, processi) sul rischio corruttivo (Markdown ridotto)"
    )]
    pub contesto_interno: Option<String>,
    /// The six phases of the risk management system, in words.
    #[serde(default)]
    #[schemars(
        description = "Le modalità del sistema di gestione del rischio: gestione, identificazione, analisi, misurazione, trattamento e monitoraggio"
    )]
    pub modalita: Option<ModalitaGestione>,
    /// General objectives of prevention.
    #[serde(default)]
    #[schemars(
        description = "Gli obiettivi generali di prevenzione della corruzione e di trasparenza"
    )]
    pub obiettivi_generali: Vec<ObiettivoGenerale>,
    /// General measures, each serving a general objective.
    #[serde(default)]
    #[schemars(
        description = "Le misure generali (codice di comportamento, rotazione, formazione, whistleblowing...), ognuna collegata a un obiettivo generale"
    )]
    pub misure_generali: Vec<MisuraGenerale>,
    /// "Valore pubblico e anticorruzione": how prevention protects public value.
    #[serde(default)]
    #[schemars(
        description = "Valore pubblico e anticorruzione: come la prevenzione della corruzione protegge il valore pubblico (Markdown ridotto)"
    )]
    pub valore_pubblico: Option<String>,
    /// Prevention objectives, linked to public value and to the objective tree.
    #[serde(default)]
    #[schemars(
        description = "Gli obiettivi di prevenzione, collegati a un obiettivo di valore pubblico, a una sua strategia e a un obiettivo organizzativo del piano"
    )]
    pub obiettivi_prevenzione: Vec<ObiettivoPrevenzione>,
    /// The body's risk scale: maxima of P, I, C and the level thresholds of P×I×C.
    #[serde(default)]
    #[schemars(
        description = "La scala di valutazione dell'ente: valore massimo di probabilità, impatto e controlli e soglie dei livelli di rischio sul prodotto P×I×C; se assente, P×I×C è calcolato e stampato ma il livello non è confrontato con soglie"
    )]
    pub scala: Option<Scala>,
    /// Sensitive activities, each with its risk events.
    #[serde(default)]
    #[schemars(
        description = "Le attività sensibili (mappatura dei processi), ognuna con i suoi eventi rischiosi"
    )]
    pub attivita_sensibili: Vec<AttivitaSensibile>,
    /// Specific measures, each against a risk event.
    #[serde(default)]
    #[schemars(
        description = "Le misure specifiche, ognuna contro un evento rischioso e al servizio di un obiettivo di prevenzione"
    )]
    pub misure_specifiche: Vec<MisuraSpecifica>,
    /// How each measure is monitored.
    #[serde(default)]
    #[schemars(description = "Il monitoraggio delle misure: uno o più per misura")]
    pub monitoraggi: Vec<MonitoraggioMisura>,
    /// Transparency: the text and the obligations table.
    #[serde(default)]
    #[schemars(
        description = "Trasparenza: il testo e gli obblighi di pubblicazione in Amministrazione Trasparente"
    )]
    pub trasparenza: Option<Trasparenza>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// A row of the normative framework: a rule and the action the body plans for it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una norma e l'azione che l'ente prevede per attuarla")]
pub struct Normativa {
    /// The rule (law, decree, ANAC resolution).
    #[schemars(
        description = "La norma: legge, decreto, delibera ANAC (es. \"L. 190/2012, art. 1 c. 8\")"
    )]
    pub normativa: String,
    /// What the body does.
    #[schemars(description = "L'azione prevista dall'ente")]
    pub azione_prevista: String,
}

/// The six phases of the risk management system, each described in words.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Le sei modalità del sistema di gestione del rischio corruttivo")]
pub struct ModalitaGestione {
    /// Who manages the risk and how (roles, RPCT, referenti).
    #[serde(default)]
    #[schemars(
        description = "Gestione del rischio: soggetti, ruoli e processo (Markdown ridotto)"
    )]
    pub gestione: Option<String>,
    /// How risk events are identified.
    #[serde(default)]
    #[schemars(
        description = "Identificazione degli eventi rischiosi: fonti e metodo (Markdown ridotto)"
    )]
    pub identificazione: Option<String>,
    /// How risk is analysed (enabling factors).
    #[serde(default)]
    #[schemars(
        description = "Analisi del rischio: fattori abilitanti e loro esame (Markdown ridotto)"
    )]
    pub analisi: Option<String>,
    /// How risk is measured (the P, I, C scale).
    #[serde(default)]
    #[schemars(
        description = "Misurazione del rischio: come si attribuiscono probabilità, impatto e controlli (Markdown ridotto)"
    )]
    pub misurazione: Option<String>,
    /// How risk is treated (measures).
    #[serde(default)]
    #[schemars(
        description = "Trattamento del rischio: come si scelgono e programmano le misure (Markdown ridotto)"
    )]
    pub trattamento: Option<String>,
    /// How the system is monitored and reviewed.
    #[serde(default)]
    #[schemars(
        description = "Monitoraggio e riesame del sistema di gestione del rischio (Markdown ridotto)"
    )]
    pub monitoraggio: Option<String>,
}

/// A general objective of prevention and transparency.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un obiettivo generale di prevenzione della corruzione e trasparenza")]
pub struct ObiettivoGenerale {
    /// Identifier the general measures link to.
    #[schemars(
        description = "Identificativo (es. \"OG1\"), a cui le misure generali si collegano; unico nella sottosezione"
    )]
    pub id: String,
    /// Name.
    #[schemars(description = "Denominazione dell'obiettivo")]
    pub denominazione: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione dell'obiettivo")]
    pub descrizione: Option<String>,
    /// Its indicators.
    #[serde(default)]
    #[schemars(description = "Gli indicatori dell'obiettivo, con i target degli anni del piano")]
    pub indicatori: Vec<Indicatore>,
}

/// A general measure, serving a general objective.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una misura generale di prevenzione")]
pub struct MisuraGenerale {
    /// Identifier.
    #[schemars(
        description = "Identificativo (es. \"MG1\"), a cui i monitoraggi si collegano; unico nella sottosezione"
    )]
    pub id: String,
    /// The `id` of the general objective it serves.
    #[schemars(description = "L'`id` dell'obiettivo generale che la misura persegue")]
    pub obiettivo_generale: String,
    /// Name.
    #[schemars(description = "Denominazione della misura")]
    pub denominazione: String,
    /// Kind and description.
    #[serde(default)]
    #[schemars(
        description = "Tipologia e descrizione (es. \"Formazione: corsi annuali per il personale delle aree a rischio\")"
    )]
    pub tipologia: Option<String>,
    /// Who is responsible for it.
    #[schemars(description = "Il responsabile dell'attuazione")]
    pub responsabile: String,
    /// Internal and external stakeholders.
    #[serde(default)]
    #[schemars(description = "Gli stakeholder interni ed esterni")]
    pub stakeholder: Vec<String>,
    /// Its indicators.
    #[serde(default)]
    #[schemars(description = "Gli indicatori della misura, con i target degli anni del piano")]
    pub indicatori: Vec<Indicatore>,
}

/// A prevention objective, linked to public value (2.1) and to the objective tree (2.2).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un obiettivo di prevenzione della corruzione")]
pub struct ObiettivoPrevenzione {
    /// Identifier the specific measures link to.
    #[schemars(
        description = "Identificativo (es. \"OP1\"), a cui le misure specifiche si collegano; unico nella sottosezione"
    )]
    pub id: String,
    /// Name.
    #[schemars(description = "Denominazione dell'obiettivo")]
    pub denominazione: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione dell'obiettivo")]
    pub descrizione: Option<String>,
    /// The public value objective (OVP) of 2.1 it protects.
    #[serde(default)]
    #[schemars(
        description = "L'identificativo dell'obiettivo di valore pubblico (sottosezione 2.1) che protegge"
    )]
    pub obiettivo_valore_pubblico: Option<String>,
    /// The implementing strategy of that OVP.
    #[serde(default)]
    #[schemars(
        description = "L'identificativo della strategia attuativa dell'obiettivo di valore pubblico"
    )]
    pub strategia: Option<String>,
    /// The organisational objective of the tree (2.2): its `id` or its code.
    #[serde(default)]
    #[schemars(
        description = "L'obiettivo organizzativo del piano (sottosezione 2.2) che lo attua: il suo `id` o il suo codice (es. \"4.1.1\")"
    )]
    pub obiettivo_organizzativo: Option<String>,
    /// Its indicators.
    #[serde(default)]
    #[schemars(description = "Gli indicatori dell'obiettivo, con i target degli anni del piano")]
    pub indicatori: Vec<Indicatore>,
}

/// The body's rating scale.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "La scala di valutazione del rischio dell'ente: ogni fattore va da 1 al suo massimo; le soglie dividono il prodotto P×I×C in livelli"
)]
pub struct Scala {
    /// Highest probability on the scale.
    #[serde(default)]
    #[schemars(description = "Valore massimo della probabilità (P), es. 5; il minimo è 1")]
    pub massimo_probabilita: Option<u16>,
    /// Highest impact on the scale.
    #[serde(default)]
    #[schemars(description = "Valore massimo dell'impatto (I), es. 5; il minimo è 1")]
    pub massimo_impatto: Option<u16>,
    /// Highest controls factor on the scale.
    #[serde(default)]
    #[schemars(description = "Valore massimo dei controlli (C), es. 3; il minimo è 1")]
    pub massimo_controlli: Option<u16>,
    /// Thresholds of P×I×C between levels.
    #[serde(default)]
    #[schemars(
        description = "Le soglie dei livelli sul valore P×I×C, ad esempio {\"basso\": 8, \"medio\": 27}: fino a 8 basso, fino a 27 medio, oltre alto"
    )]
    pub soglie: Option<Soglie>,
}

/// Thresholds on P×I×C: up to `basso` low, up to `medio` medium, above high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Soglie del valore P×I×C: fino a `basso` il rischio è basso, fino a `medio` medio, oltre alto"
)]
pub struct Soglie {
    /// Highest value of a low risk.
    #[schemars(description = "Valore più alto di P×I×C per un rischio basso")]
    pub basso: u64,
    /// Highest value of a medium risk.
    #[schemars(description = "Valore più alto di P×I×C per un rischio medio")]
    pub medio: u64,
}

impl Soglie {
    /// The level these thresholds give a value of P×I×C.
    pub fn livello(&self, valore: u64) -> LivelloRischio {
        if valore <= self.basso {
            LivelloRischio::Basso
        } else if valore <= self.medio {
            LivelloRischio::Medio
        } else {
            LivelloRischio::Alto
        }
    }
}

/// A level of risk, as the body rates an event.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Livello di rischio")]
pub enum LivelloRischio {
    /// Low.
    #[schemars(description = "Rischio basso")]
    Basso,
    /// Medium.
    #[schemars(description = "Rischio medio")]
    Medio,
    /// High.
    #[schemars(description = "Rischio alto")]
    Alto,
}

impl LivelloRischio {
    /// Every level, from the lowest.
    pub const ALL: [LivelloRischio; 3] = [
        LivelloRischio::Basso,
        LivelloRischio::Medio,
        LivelloRischio::Alto,
    ];

    /// The level as printed: "Basso", "Medio", "Alto".
    pub fn nome(self) -> &'static str {
        match self {
            LivelloRischio::Basso => "Basso",
            LivelloRischio::Medio => "Medio",
            LivelloRischio::Alto => "Alto",
        }
    }
}

/// A sensitive activity and the risk events in it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un'attività sensibile al rischio corruttivo e i suoi eventi rischiosi")]
pub struct AttivitaSensibile {
    /// Identifier.
    #[schemars(description = "Identificativo (es. \"A1\"); unico nella sottosezione")]
    pub id: String,
    /// The activity.
    #[schemars(description = "L'attività (es. \"Concessione di contributi alle imprese\")")]
    pub attivita: String,
    /// The process it belongs to.
    #[serde(default)]
    #[schemars(description = "Il processo collegato")]
    pub processo: Option<String>,
    /// Description.
    #[serde(default)]
    #[schemars(description = "Descrizione dell'attività")]
    pub descrizione: Option<String>,
    /// Who takes part in it.
    #[serde(default)]
    #[schemars(description = "Gli attori: uffici e soggetti coinvolti")]
    pub attori: Vec<String>,
    /// Its risk events.
    #[serde(default)]
    #[schemars(description = "Gli eventi rischiosi dell'attività, con la loro valutazione")]
    pub eventi: Vec<EventoRischioso>,
}

/// A risk event and its rating.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Un evento rischioso e la sua valutazione: probabilità, impatto e controlli; il valore P×I×C è calcolato"
)]
pub struct EventoRischioso {
    /// Identifier the specific measures link to.
    #[schemars(
        description = "Identificativo (es. \"E1\"), a cui le misure specifiche si collegano; unico nella sottosezione"
    )]
    pub id: String,
    /// The event.
    #[schemars(
        description = "L'evento rischioso (es. \"Favoritismi nell'istruttoria delle domande\")"
    )]
    pub evento: String,
    /// The factors that make it possible.
    #[serde(default)]
    #[schemars(
        description = "I fattori abilitanti (es. \"discrezionalità\", \"scarsa trasparenza\")"
    )]
    pub fattori_abilitanti: Vec<String>,
    /// Probability (P), on the body's scale.
    #[schemars(description = "Probabilità (P): un intero della scala dell'ente")]
    pub probabilita: u16,
    /// Impact (I), on the body's scale.
    #[schemars(description = "Impatto (I): un intero della scala dell'ente")]
    pub impatto: u16,
    /// Controls (C), on the body's scale.
    #[schemars(
        description = "Controlli (C): un intero della scala dell'ente, più alto quanto meno i controlli esistenti riducono il rischio"
    )]
    pub controlli: u16,
    /// The level the body chose.
    #[schemars(
        description = "Il livello di rischio scelto dall'ente: `basso`, `medio` o `alto`; se `scala.soglie` c'è, deve essere quello che le soglie danno a P×I×C"
    )]
    pub livello: LivelloRischio,
    /// Why that level.
    #[serde(default)]
    #[schemars(description = "La motivazione del livello scelto")]
    pub motivazione: Option<String>,
}

impl EventoRischioso {
    /// Its value P×I×C.
    pub fn valutazione(&self) -> u64 {
        valutazione(self.probabilita, self.impatto, self.controlli)
    }
}

/// The value of a risk event: probability × impact × controls.
pub fn valutazione(probabilita: u16, impatto: u16, controlli: u16) -> u64 {
    // Three u16 factors fit a u64 (at most 2^48), so the product never overflows.
    u64::from(probabilita) * u64::from(impatto) * u64::from(controlli)
}

/// A specific measure against a risk event.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una misura specifica di prevenzione, contro un evento rischioso")]
pub struct MisuraSpecifica {
    /// Identifier the monitoring links to.
    #[schemars(
        description = "Identificativo (es. \"MS1\"), a cui i monitoraggi si collegano; unico nella sottosezione"
    )]
    pub id: String,
    /// The `id` of the risk event it counters.
    #[schemars(description = "L'`id` dell'evento rischioso che la misura contrasta")]
    pub evento: String,
    /// The `id` of the prevention objective it serves.
    #[serde(default)]
    #[schemars(description = "L'`id` dell'obiettivo di prevenzione che la misura persegue")]
    pub obiettivo_prevenzione: Option<String>,
    /// The measure.
    #[schemars(description = "La misura")]
    pub misura: String,
    /// Kind and description.
    #[serde(default)]
    #[schemars(
        description = "Tipologia e descrizione (es. \"Controllo: verifica a campione del 10% delle pratiche\")"
    )]
    pub tipologia: Option<String>,
    /// Who is responsible for it.
    #[schemars(description = "Il responsabile dell'attuazione")]
    pub responsabile: String,
    /// Internal and external stakeholders.
    #[serde(default)]
    #[schemars(description = "Gli stakeholder interni ed esterni")]
    pub stakeholder: Vec<String>,
    /// Its indicators.
    #[serde(default)]
    #[schemars(description = "Gli indicatori della misura, con i target degli anni del piano")]
    pub indicatori: Vec<Indicatore>,
}

/// How a measure is monitored.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Il monitoraggio di una misura")]
pub struct MonitoraggioMisura {
    /// The `id` of the measure (specific or general).
    #[schemars(description = "L'`id` della misura monitorata, specifica o generale")]
    pub misura: String,
    /// Kind of monitoring.
    #[serde(default)]
    #[schemars(
        description = "Tipologia del monitoraggio (es. \"di primo livello\", \"autovalutazione\")"
    )]
    pub tipologia: Option<String>,
    /// How it is done.
    #[serde(default)]
    #[schemars(description = "Modalità (es. \"verifica a campione su SIAC\")")]
    pub modalita: Option<String>,
    /// Who monitors.
    #[serde(default)]
    #[schemars(description = "Il responsabile del monitoraggio")]
    pub responsabile: Option<String>,
    /// When.
    #[serde(default)]
    #[schemars(description = "Le tempistiche (es. \"semestrale: 30 giugno e 31 dicembre\")")]
    pub tempistiche: Option<String>,
}

/// Transparency: the text and the publication obligations.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "La trasparenza: il testo e gli obblighi di pubblicazione")]
pub struct Trasparenza {
    /// Text (Markdown subset).
    #[serde(default)]
    #[schemars(
        description = "Come l'ente organizza la trasparenza e i flussi di pubblicazione (Markdown ridotto)"
    )]
    pub testo: Option<String>,
    /// The obligations.
    #[serde(default)]
    #[schemars(description = "Gli obblighi di pubblicazione previsti dalla legge")]
    pub obblighi: Vec<Obbligo>,
}

/// A publication obligation and the data it requires.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un obbligo di pubblicazione e i dati da pubblicare")]
pub struct Obbligo {
    /// Name (the Amministrazione Trasparente subsection).
    #[schemars(
        description = "Denominazione (es. \"Bandi di gara e contratti\", la sotto-sezione di Amministrazione Trasparente)"
    )]
    pub denominazione: String,
    /// What it requires, and under which rule.
    #[serde(default)]
    #[schemars(
        description = "Contenuto dell'obbligo e riferimento normativo (es. \"art. 37 D.Lgs. 33/2013\")"
    )]
    pub contenuto: Option<String>,
    /// The data to publish: at least one.
    #[schemars(description = "I dati da pubblicare: almeno uno", length(min = 1))]
    pub dati: Vec<DatoDaPubblicare>,
}

/// A datum to publish under an obligation.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Un dato da pubblicare e chi lo trasmette, entro quando, come si controlla"
)]
pub struct DatoDaPubblicare {
    /// The datum.
    #[schemars(description = "Il dato da pubblicare")]
    pub dato: String,
    /// Kind of datum.
    #[serde(default)]
    #[schemars(
        description = "Tipologia di dato (es. \"documento\", \"tabella\", \"dato aperto\")"
    )]
    pub tipologia: Option<String>,
    /// Who sends it for publication.
    #[serde(default)]
    #[schemars(description = "Il responsabile della trasmissione dei dati")]
    pub responsabile_trasmissione: Option<String>,
    /// Publication deadline.
    #[serde(default)]
    #[schemars(
        description = "Termini della scadenza della pubblicazione (es. \"tempestivo\", \"annuale, entro il 31 gennaio\")"
    )]
    pub termini: Option<String>,
    /// How publication is monitored.
    #[serde(default)]
    #[schemars(description = "Modalità di monitoraggio della pubblicazione")]
    pub monitoraggio: Option<String>,
    /// Why it cannot be published, when it cannot.
    #[serde(default)]
    #[schemars(description = "La motivazione, se il dato non può essere pubblicato")]
    pub motivazione: Option<String>,
}

/// An element of the section that other elements link to by its `id`.
pub trait ConId {
    /// Its `id`.
    fn id(&self) -> &str;
}

/// An element of the section measured by indicators.
pub trait ConIndicatori: ConId {
    /// Its indicators.
    fn indicatori(&self) -> &[Indicatore];
}

macro_rules! con_id {
    ($($t:ty),*) => {$(
        impl ConId for $t {
            fn id(&self) -> &str {
                &self.id
            }
        }
    )*};
}

macro_rules! con_indicatori {
    ($($t:ty),*) => {$(
        impl ConIndicatori for $t {
            fn indicatori(&self) -> &[Indicatore] {
                &self.indicatori
            }
        }
    )*};
}

con_id!(
    ObiettivoGenerale,
    MisuraGenerale,
    ObiettivoPrevenzione,
    AttivitaSensibile,
    EventoRischioso,
    MisuraSpecifica
);
con_indicatori!(
    ObiettivoGenerale,
    MisuraGenerale,
    ObiettivoPrevenzione,
    MisuraSpecifica
);

impl Rischi {
    /// Every risk event with the activity it belongs to, in order, with their positions.
    pub fn eventi(
        &self,
    ) -> impl Iterator<Item = (usize, &AttivitaSensibile, usize, &EventoRischioso)> {
        self.attivita_sensibili
            .iter()
            .enumerate()
            .flat_map(|(a, att)| {
                att.eventi
                    .iter()
                    .enumerate()
                    .map(move |(e, ev)| (a, att, e, ev))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valutazione_is_the_product_of_the_three_factors() {
        assert_eq!(valutazione(3, 4, 2), 24);
        assert_eq!(valutazione(1, 1, 1), 1);
        assert_eq!(valutazione(5, 5, 5), 125);
        assert_eq!(valutazione(0, 5, 5), 0);
        // The largest factors do not overflow: 65535^3.
        assert_eq!(
            valutazione(u16::MAX, u16::MAX, u16::MAX),
            281_462_092_005_375
        );
    }

    #[test]
    fn thresholds_include_their_bound() {
        let s = Soglie {
            basso: 8,
            medio: 27,
        };
        assert_eq!(s.livello(1), LivelloRischio::Basso);
        assert_eq!(s.livello(8), LivelloRischio::Basso);
        assert_eq!(s.livello(9), LivelloRischio::Medio);
        assert_eq!(s.livello(27), LivelloRischio::Medio);
        assert_eq!(s.livello(28), LivelloRischio::Alto);
        // P 3 × I 3 × C 3 = 27: medio; raising P to 4 gives 36: alto.
        assert_eq!(s.livello(valutazione(3, 3, 3)), LivelloRischio::Medio);
        assert_eq!(s.livello(valutazione(4, 3, 3)), LivelloRischio::Alto);
    }
}
