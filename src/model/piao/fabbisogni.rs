//! Sottosezione 3.3.1 of the PIAO (see `../shared/PIAO.md`): the texts, the standard
//! personnel tables of the DFP portal (typed rows, one type per kind of table) and the
//! tabella funzionale.
//!
//! Every table kind declares its columns once ([`Riga::COLONNE`]); [`TabelleFabbisogni::elenco`]
//! turns the typed rows into [`TabellaPersonale`]s in the portal's order, with derived
//! columns and totals computed here, for the view and the checks alike.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::piao::organizzazione::RigaFunzionale;
use crate::model::piao::{Allegato, InformazioneUlteriore};
use crate::model::{Formato, Sezione};

/// Sottosezione 3.3.1 of the PIAO.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Sottosezione 3.3.1 del PIAO")]
pub struct Fabbisogni {
    /// Parte generale: the narrative.
    #[serde(default)]
    #[schemars(description = "Parte generale: i testi della sottosezione")]
    pub generale: Vec<Sezione>,
    /// Context of the plan.
    #[serde(default)]
    #[schemars(description = "Contesto del piano dei fabbisogni (Markdown ridotto)")]
    pub contesto: Option<String>,
    /// Qualitative make-up of the staff.
    #[serde(default)]
    #[schemars(
        description = "Consistenza qualitativa del personale: rapporto di lavoro, sesso, età, profili (Markdown ridotto)"
    )]
    pub consistenza_qualitativa: Option<String>,
    /// Strategies of the plan.
    #[serde(default)]
    #[schemars(description = "Strategie di programmazione del personale (Markdown ridotto)")]
    pub strategie_programmazione: Option<String>,
    /// Objectives of transformation of the staff's make-up.
    #[serde(default)]
    #[schemars(
        description = "Obiettivi di trasformazione dell'allocazione delle risorse (Markdown ridotto)"
    )]
    pub obiettivi_trasformazione: Option<String>,
    /// Whether the body remodels its dotazione organica (then table «Dotazione organica
    /// rimodulata» is expected).
    #[serde(default)]
    #[schemars(
        description = "Se l'ente rimodula la dotazione organica: allora va data la tabella `tabelle.dotazione_rimodulata`"
    )]
    pub rimodulazione: bool,
    /// How the needs are covered.
    #[serde(default)]
    #[schemars(description = "Strategia di copertura del fabbisogno (Markdown ridotto)")]
    pub strategia_copertura: Option<String>,
    /// Fixed-term and other flexible forms of work.
    #[serde(default)]
    #[schemars(
        description = "Personale a tempo determinato e altre forme di lavoro flessibile (Markdown ridotto)"
    )]
    pub tempo_determinato: Option<String>,
    /// Estimate of how the needs evolve.
    #[serde(default)]
    #[schemars(description = "Stima dell'evoluzione dei bisogni di personale (Markdown ridotto)")]
    pub stima_evoluzione: Option<String>,
    /// The standard personnel tables: only those the body has.
    #[serde(default)]
    #[schemars(
        description = "Le tabelle del personale del Portale PIAO: solo quelle che l'ente ha; totali e medie sono calcolati"
    )]
    pub tabelle: TabelleFabbisogni,
    /// Tabella funzionale.
    #[serde(default)]
    #[schemars(
        description = "Tabella funzionale: gli indicatori della sottosezione, ciascuno collegato a un obiettivo di valore pubblico"
    )]
    pub funzionale: Vec<RigaFunzionale>,
    /// Ulteriori informazioni.
    #[serde(default)]
    #[schemars(description = "Ulteriori informazioni")]
    pub ulteriori_informazioni: Vec<InformazioneUlteriore>,
    /// Annex.
    #[serde(default)]
    #[schemars(description = "Allegato della sottosezione")]
    pub allegato: Option<Allegato>,
}

/// The personnel tables of the portal (1–22), each a list of typed rows; an empty list is
/// a table the body does not have. Anno t is the first year of the plan.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Le tabelle del personale, ciascuna un elenco di righe; l'anno t è il primo anno del piano (`documento.anno_inizio`)"
)]
pub struct TabelleFabbisogni {
    /// 1. Valore finanziario della dotazione organica al 31.12 dell'anno t-1.
    #[serde(default)]
    #[schemars(
        description = "Tabella 1: valore finanziario della dotazione organica al 31 dicembre dell'anno t-1"
    )]
    pub dotazione_organica: Vec<RigaDotazione>,
    /// 2. Consistenza del personale dirigenziale.
    #[serde(default)]
    #[schemars(description = "Tabella 2: consistenza del personale dirigenziale")]
    pub dirigenti: Vec<RigaDirigenti>,
    /// 3. Consistenza del personale non dirigenziale.
    #[serde(default)]
    #[schemars(description = "Tabella 3: consistenza del personale non dirigenziale")]
    pub non_dirigenti: Vec<RigaNonDirigenti>,
    /// 4. Personale dirigenziale a tempo determinato.
    #[serde(default)]
    #[schemars(description = "Tabella 4: personale dirigenziale a tempo determinato")]
    pub dirigenti_tempo_determinato: Vec<RigaTempoDeterminato>,
    /// 5. Personale non dirigenziale a tempo determinato.
    #[serde(default)]
    #[schemars(description = "Tabella 5: personale non dirigenziale a tempo determinato")]
    pub non_dirigenti_tempo_determinato: Vec<RigaTempoDeterminato>,
    /// 6. Riepilogo assunzioni, personale dirigenziale.
    #[serde(default)]
    #[schemars(description = "Tabella 6: riepilogo delle assunzioni, personale dirigenziale")]
    pub assunzioni_dirigenti: Vec<RigaAssunzione>,
    /// 7. Riepilogo assunzioni, aree contrattuali.
    #[serde(default)]
    #[schemars(description = "Tabella 7: riepilogo delle assunzioni, aree contrattuali")]
    pub assunzioni_aree: Vec<RigaAssunzione>,
    /// 8. Riepilogo cessazioni.
    #[serde(default)]
    #[schemars(description = "Tabella 8: riepilogo delle cessazioni")]
    pub cessazioni: Vec<RigaCessazione>,
    /// 9. Entrate degli ultimi tre rendiconti.
    #[serde(default)]
    #[schemars(
        description = "Tabella 9: entrate correnti (primi tre titoli) degli ultimi tre rendiconti, anni t-4, t-3 e t-2; la media è calcolata"
    )]
    pub entrate: Vec<RigaEntrate>,
    /// 10. Spese del personale dell'anno t-2.
    #[serde(default)]
    #[schemars(description = "Tabella 10: spese del personale dell'anno t-2")]
    pub spese_personale: Vec<RigaImporto>,
    /// 11. Verifica del valore soglia.
    #[serde(default)]
    #[schemars(
        description = "Tabella 11: verifica del valore soglia (art. 33 D.L. 34/2019), voce per voce"
    )]
    pub verifica_soglia: Vec<RigaVerifica>,
    /// 12. Limite di spesa: media 2011–2013.
    #[serde(default)]
    #[schemars(
        description = "Tabella 12: limite di spesa del personale, media 2011–2013 (calcolata)"
    )]
    pub limite_spesa_2011_2013: Vec<RigaLimite2011>,
    /// 13. Limite di spesa del triennio.
    #[serde(default)]
    #[schemars(
        description = "Tabella 13: limite di spesa del personale negli anni t, t+1 e t+2; la media è calcolata"
    )]
    pub limite_spesa: Vec<RigaLimite>,
    /// 14. Dotazione organica rimodulata (only with `rimodulazione`).
    #[serde(default)]
    #[schemars(
        description = "Tabella 14: dotazione organica rimodulata, solo se `rimodulazione` è vero"
    )]
    pub dotazione_rimodulata: Vec<RigaDotazione>,
    /// 15–22. Copertura del fabbisogno and cessazioni, year by year of the triennium.
    #[serde(default)]
    #[schemars(
        description = "Tabelle 15–22: copertura del fabbisogno e cessazioni, un elemento per anno del triennio"
    )]
    pub copertura: Vec<CoperturaAnno>,
}

/// The coverage of one year of the triennium (tables 15–17, 18–20, 21–22).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "La copertura del fabbisogno di un anno del triennio: assunzioni dirigenziali, delle aree e cessazioni"
)]
pub struct CoperturaAnno {
    /// The year, one of the plan's.
    #[schemars(description = "L'anno, uno di quelli del piano")]
    pub anno: i32,
    /// Hirings of dirigenti (tables 15, 18, 21).
    #[serde(default)]
    #[schemars(description = "Copertura del fabbisogno, personale dirigenziale")]
    pub dirigenti: Vec<RigaAssunzione>,
    /// Hirings in the contractual areas (tables 16, 19, 22).
    #[serde(default)]
    #[schemars(description = "Copertura del fabbisogno, aree contrattuali")]
    pub aree: Vec<RigaAssunzione>,
    /// Leavings and savings of the year (tables 17, 20).
    #[serde(default)]
    #[schemars(description = "Cessazioni e risparmi dell'anno")]
    pub cessazioni: Vec<RigaCessazione>,
}

/// A row of the dotazione organica (tables 1 and 14).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga della dotazione organica: area o qualifica")]
pub struct RigaDotazione {
    /// Area contrattuale CCNL or qualifica.
    #[schemars(description = "Area contrattuale CCNL o qualifica")]
    pub qualifica: String,
    /// Whether the row is of dirigenti (it counts in «di cui Dirigenti»).
    #[serde(default)]
    #[schemars(description = "Se la riga è di dirigenti: conta nel «Totale dirigenti»")]
    pub dirigenziale: bool,
    /// Posts in the dotazione organica.
    #[schemars(description = "Totale unità in dotazione organica (numero intero)")]
    pub unita: f64,
    /// Financial value of those posts, in euro.
    #[schemars(description = "Valore finanziario della dotazione organica, in euro")]
    pub valore: f64,
}

/// A row of table 2: dirigenti by qualifica.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga della consistenza del personale dirigenziale")]
pub struct RigaDirigenti {
    /// Qualifica.
    #[schemars(description = "Qualifica, ad esempio \"Dirigente II fascia\"")]
    pub qualifica: String,
    /// Posts in the dotazione organica.
    #[schemars(description = "Posti in dotazione organica")]
    pub posti: f64,
    /// Staff on the rolls at 31 December of year t-1.
    #[schemars(description = "Personale di ruolo al 31 dicembre dell'anno t-1")]
    pub di_ruolo: f64,
    /// Of whom seconded to other bodies (comandati OUT).
    #[serde(default)]
    #[schemars(
        description = "Di cui comandati presso altri enti (comandati OUT): non più del personale di ruolo"
    )]
    pub comandati_out: f64,
    /// Central bodies: appointments under art. 19 c. 5-bis D.Lgs. 165/2001.
    #[serde(default)]
    #[schemars(description = "Amministrazioni centrali: incarichi ex art. 19, comma 5-bis")]
    pub art19_comma_5bis: Option<f64>,
    /// Central bodies: appointments under art. 19 c. 6 D.Lgs. 165/2001.
    #[serde(default)]
    #[schemars(description = "Amministrazioni centrali: incarichi ex art. 19, comma 6")]
    pub art19_comma_6: Option<f64>,
}

/// A row of table 3: staff of a contractual area.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga della consistenza del personale non dirigenziale")]
pub struct RigaNonDirigenti {
    /// Area contrattuale CCNL.
    #[schemars(description = "Area contrattuale CCNL, ad esempio \"Area dei Funzionari\"")]
    pub area: String,
    /// Posts in the dotazione organica.
    #[schemars(description = "Posti in dotazione organica")]
    pub posti: f64,
    /// Staff on the rolls at 31 December of year t-1.
    #[schemars(description = "Personale di ruolo al 31 dicembre dell'anno t-1")]
    pub di_ruolo: f64,
    /// Of whom seconded to other bodies (comandati OUT).
    #[serde(default)]
    #[schemars(
        description = "Di cui comandati presso altri enti (comandati OUT): non più del personale di ruolo"
    )]
    pub comandati_out: f64,
    /// Staff of other bodies seconded here (comandati IN).
    #[serde(default)]
    #[schemars(description = "Personale di altri enti comandato presso l'ente (comandati IN)")]
    pub comandati_in: f64,
}

/// A row of tables 4 and 5: fixed-term staff.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga del personale a tempo determinato")]
pub struct RigaTempoDeterminato {
    /// Qualifica or area.
    #[schemars(description = "Qualifica o area")]
    pub qualifica: String,
    /// Economic value, in euro.
    #[schemars(description = "Valore economico, in euro")]
    pub valore: f64,
    /// The rule the contracts rest on.
    #[serde(default)]
    #[schemars(description = "Norma di riferimento")]
    pub norma: Option<String>,
    /// Number of staff.
    #[schemars(description = "Totale unità (numero intero)")]
    pub unita: f64,
}

/// A row of the hirings and coverage tables (6, 7, 15, 16, 18, 19, 21, 22).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga di assunzioni: qualifica o area, modo e fonte, unità")]
pub struct RigaAssunzione {
    /// Qualifica (dirigenti) or area contrattuale CCNL.
    #[schemars(description = "Qualifica (dirigenti) o area contrattuale CCNL")]
    pub qualifica: String,
    /// Profilo di ruolo (contractual areas).
    #[serde(default)]
    #[schemars(description = "Profilo di ruolo (aree contrattuali)")]
    pub profilo: Option<String>,
    /// Kind of recruitment.
    #[schemars(
        description = "Tipologia di reclutamento, ad esempio \"Concorso pubblico\", \"Mobilità\", \"Progressione verticale\""
    )]
    pub reclutamento: String,
    /// Source of funding.
    #[serde(default)]
    #[schemars(
        description = "Fonte di finanziamento, ad esempio \"Facoltà assunzionali\", \"Fondi PNRR\""
    )]
    pub finanziamento: Option<String>,
    /// Number of staff.
    #[schemars(description = "Totale unità (numero intero)")]
    pub unita: f64,
    /// Central bodies: total cost of the hirings, in euro.
    #[serde(default)]
    #[schemars(description = "Amministrazioni centrali: totale oneri assunzionali, in euro")]
    pub oneri: Option<f64>,
}

/// A row of the leavings tables (8, 17, 20).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga di cessazioni: area o qualifica, unità cessate e risorse")]
pub struct RigaCessazione {
    /// Area contrattuale CCNL or qualifica.
    #[schemars(description = "Area contrattuale CCNL o qualifica")]
    pub qualifica: String,
    /// Whether the row is of dirigenti.
    #[serde(default)]
    #[schemars(description = "Se la riga è di dirigenti: conta nel «Totale dirigenti»")]
    pub dirigenziale: bool,
    /// Staff leaving.
    #[schemars(description = "Totale unità cessate (numero intero)")]
    pub unita: f64,
    /// Resources freed, in euro.
    #[schemars(description = "Totale risorse da cessazione, in euro")]
    pub risorse: f64,
}

/// A row of table 9: current revenue of the last three financial statements.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga delle entrate: voce e importi dei tre rendiconti, in euro")]
pub struct RigaEntrate {
    /// Revenue item (first three titles).
    #[schemars(description = "Entrate (primi tre titoli)")]
    pub voce: String,
    /// Rendiconto of year t-4.
    #[schemars(description = "Rendiconto dell'anno t-4, in euro")]
    pub rendiconto_t_4: f64,
    /// Rendiconto of year t-3.
    #[schemars(description = "Rendiconto dell'anno t-3, in euro")]
    pub rendiconto_t_3: f64,
    /// Rendiconto of year t-2.
    #[schemars(description = "Rendiconto dell'anno t-2, in euro")]
    pub rendiconto_t_2: f64,
    /// Fondo crediti di dubbia esigibilità.
    #[serde(default)]
    #[schemars(description = "Valore del fondo crediti di dubbia esigibilità (FCDE), in euro")]
    pub fcde: Option<f64>,
}

/// A row of table 10: an item of staff expenditure.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Una voce di spesa del personale e il suo importo (negativo se va sottratto)"
)]
pub struct RigaImporto {
    /// Item.
    #[schemars(description = "Voce di spesa")]
    pub voce: String,
    /// Amount, in euro (negative for items subtracted).
    #[schemars(description = "Importo, in euro; negativo per le voci da sottrarre")]
    pub importo: f64,
}

/// A row of table 11: one figure of the threshold check.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una voce della verifica del valore soglia")]
pub struct RigaVerifica {
    /// Item.
    #[schemars(description = "Voce di verifica, ad esempio \"Rapporto spesa/entrate\"")]
    pub voce: String,
    /// Value.
    #[schemars(description = "Totale di verifica")]
    pub valore: f64,
    /// How the value prints: euro (default), percentuale or numero.
    #[serde(default)]
    #[schemars(
        description = "Come stampare il valore: `euro` (se assente), `percentuale` o `numero`"
    )]
    pub formato: Option<Formato>,
}

/// A row of table 12: staff expenditure in 2011, 2012 and 2013.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una voce della spesa del personale 2011–2013, in euro")]
pub struct RigaLimite2011 {
    /// Item.
    #[schemars(description = "Voce di spesa del personale")]
    pub voce: String,
    /// 2011.
    #[schemars(description = "Spesa 2011, in euro")]
    pub anno_2011: f64,
    /// 2012.
    #[schemars(description = "Spesa 2012, in euro")]
    pub anno_2012: f64,
    /// 2013.
    #[schemars(description = "Spesa 2013, in euro")]
    pub anno_2013: f64,
}

/// A row of table 13: staff expenditure in the years t, t+1, t+2.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una voce della spesa del personale del triennio, in euro")]
pub struct RigaLimite {
    /// Item.
    #[schemars(description = "Voce di spesa del personale")]
    pub voce: String,
    /// Year t.
    #[schemars(description = "Spesa dell'anno t, in euro")]
    pub anno_t: f64,
    /// Year t+1.
    #[schemars(description = "Spesa dell'anno t+1, in euro")]
    pub anno_t_1: f64,
    /// Year t+2.
    #[schemars(description = "Spesa dell'anno t+2, in euro")]
    pub anno_t_2: f64,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tipo {
    /// Text (the first column is the row's label).
    Testo,
    /// A head count: a whole number, not negative, summed in the totals.
    Unita,
    /// An amount in euro, summed in the totals.
    Euro,
    /// A figure whose format the row states (table 11): not summed.
    Libero,
}

/// A column of a kind of table.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// Heading, with `{t}`, `{t-1}`, `{t+1}`… for the years counted from anno t.
    pub titolo: &'static str,
    /// JSON key of the field, `None` for a derived column.
    pub chiave: Option<&'static str>,
    /// What it holds.
    pub tipo: Tipo,
    /// Printed only when some row has a value (central bodies' columns).
    pub facoltativa: bool,
}

const fn col(titolo: &'static str, chiave: &'static str, tipo: Tipo) -> Col {
    Col {
        titolo,
        chiave: Some(chiave),
        tipo,
        facoltativa: false,
    }
}

const fn facoltativa(titolo: &'static str, chiave: &'static str, tipo: Tipo) -> Col {
    Col {
        titolo,
        chiave: Some(chiave),
        tipo,
        facoltativa: true,
    }
}

const fn derivata(titolo: &'static str, tipo: Tipo) -> Col {
    Col {
        titolo,
        chiave: None,
        tipo,
        facoltativa: false,
    }
}

/// One cell's value, derived ones included.
#[derive(Debug, Clone, PartialEq)]
pub enum Valore {
    /// A text.
    Testo(String),
    /// A number (its column says how it prints), or a figure with its own format.
    Numero(f64, Option<Formato>),
    /// Nothing.
    Vuoto,
}

fn testo(s: &str) -> Valore {
    Valore::Testo(s.to_string())
}

fn opzionale(s: &Option<String>) -> Valore {
    s.as_deref().map_or(Valore::Vuoto, testo)
}

fn numero(n: f64) -> Valore {
    Valore::Numero(n, None)
}

fn forse(n: Option<f64>) -> Valore {
    n.map_or(Valore::Vuoto, numero)
}

/// The mean of some figures.
pub fn media(valori: &[f64]) -> f64 {
    if valori.is_empty() {
        0.0
    } else {
        valori.iter().sum::<f64>() / valori.len() as f64
    }
}

/// A kind of row: its columns, declared once, and its values in their order.
pub trait Riga {
    /// The columns of the kind of table.
    const COLONNE: &'static [Col];
    /// Whether the kind's amounts may be negative (items subtracted).
    const NEGATIVI: bool = false;
    /// Whether the table has a totals row.
    const TOTALE: bool = true;
    /// The row's values, one per column, derived ones computed.
    fn valori(&self) -> Vec<Valore>;
    /// Whether the row is of dirigenti (it counts in «Totale dirigenti»).
    fn dirigenziale(&self) -> bool {
        false
    }
}

impl Riga for RigaDotazione {
    const COLONNE: &'static [Col] = &[
        col(
            "Area contrattuale CCNL e qualifiche",
            "qualifica",
            Tipo::Testo,
        ),
        col("Totale unità in D.O.", "unita", Tipo::Unita),
        col("Valore finanziario della D.O.", "valore", Tipo::Euro),
    ];
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.qualifica),
            numero(self.unita),
            numero(self.valore),
        ]
    }
    fn dirigenziale(&self) -> bool {
        self.dirigenziale
    }
}

impl RigaDirigenti {
    /// «Totale unità»: staff on the rolls less those seconded out, plus the appointments
    /// under art. 19.
    pub fn totale(&self) -> f64 {
        self.di_ruolo - self.comandati_out
            + self.art19_comma_5bis.unwrap_or(0.0)
            + self.art19_comma_6.unwrap_or(0.0)
    }
}

impl Riga for RigaDirigenti {
    const COLONNE: &'static [Col] = &[
        col("Qualifiche", "qualifica", Tipo::Testo),
        col("Posti in Dotazione Organica", "posti", Tipo::Unita),
        col("Personale di ruolo al 31/12/{t-1}", "di_ruolo", Tipo::Unita),
        col("Comandati OUT", "comandati_out", Tipo::Unita),
        facoltativa(
            "Totale unità art. 19 c. 5-bis",
            "art19_comma_5bis",
            Tipo::Unita,
        ),
        facoltativa("Totale unità art. 19 c. 6", "art19_comma_6", Tipo::Unita),
        derivata("Totale unità", Tipo::Unita),
    ];
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.qualifica),
            numero(self.posti),
            numero(self.di_ruolo),
            numero(self.comandati_out),
            forse(self.art19_comma_5bis),
            forse(self.art19_comma_6),
            numero(self.totale()),
        ]
    }
}

impl RigaNonDirigenti {
    /// «Totale unità»: staff on the rolls less those seconded out, plus those seconded in.
    pub fn totale(&self) -> f64 {
        self.di_ruolo - self.comandati_out + self.comandati_in
    }
}

impl Riga for RigaNonDirigenti {
    const COLONNE: &'static [Col] = &[
        col("Area contrattuale CCNL", "area", Tipo::Testo),
        col("Posti in Dotazione Organica", "posti", Tipo::Unita),
        col("Personale di ruolo al 31/12/{t-1}", "di_ruolo", Tipo::Unita),
        col("Comandati OUT", "comandati_out", Tipo::Unita),
        col("Comandati IN", "comandati_in", Tipo::Unita),
        derivata("Totale unità", Tipo::Unita),
    ];
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.area),
            numero(self.posti),
            numero(self.di_ruolo),
            numero(self.comandati_out),
            numero(self.comandati_in),
            numero(self.totale()),
        ]
    }
}

impl Riga for RigaTempoDeterminato {
    const COLONNE: &'static [Col] = &[
        col("Qualifiche", "qualifica", Tipo::Testo),
        col("Valore economico", "valore", Tipo::Euro),
        col("Norma di riferimento", "norma", Tipo::Testo),
        col("Totale unità", "unita", Tipo::Unita),
    ];
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.qualifica),
            numero(self.valore),
            opzionale(&self.norma),
            numero(self.unita),
        ]
    }
}

impl Riga for RigaAssunzione {
    const COLONNE: &'static [Col] = &[
        col("Qualifiche", "qualifica", Tipo::Testo),
        facoltativa("Profili di ruolo", "profilo", Tipo::Testo),
        col("Tipologia di reclutamento", "reclutamento", Tipo::Testo),
        facoltativa("Fonte di finanziamento", "finanziamento", Tipo::Testo),
        col("Totale unità", "unita", Tipo::Unita),
        facoltativa("Totale oneri assunzionali", "oneri", Tipo::Euro),
    ];
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.qualifica),
            opzionale(&self.profilo),
            testo(&self.reclutamento),
            opzionale(&self.finanziamento),
            numero(self.unita),
            forse(self.oneri),
        ]
    }
}

impl Riga for RigaCessazione {
    const COLONNE: &'static [Col] = &[
        col(
            "Area contrattuale CCNL e qualifiche",
            "qualifica",
            Tipo::Testo,
        ),
        col("Totale unità cessate", "unita", Tipo::Unita),
        col("Totale risorse da cessazione", "risorse", Tipo::Euro),
    ];
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.qualifica),
            numero(self.unita),
            numero(self.risorse),
        ]
    }
    fn dirigenziale(&self) -> bool {
        self.dirigenziale
    }
}

impl RigaEntrate {
    /// «Media»: the mean of the three rendiconti.
    pub fn media(&self) -> f64 {
        media(&[
            self.rendiconto_t_4,
            self.rendiconto_t_3,
            self.rendiconto_t_2,
        ])
    }
}

impl Riga for RigaEntrate {
    const COLONNE: &'static [Col] = &[
        col("Entrate (primi tre titoli)", "voce", Tipo::Testo),
        col("Rendiconto {t-4}", "rendiconto_t_4", Tipo::Euro),
        col("Rendiconto {t-3}", "rendiconto_t_3", Tipo::Euro),
        col("Rendiconto {t-2}", "rendiconto_t_2", Tipo::Euro),
        facoltativa("Valore FCDE", "fcde", Tipo::Euro),
        derivata("Media", Tipo::Euro),
    ];
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.voce),
            numero(self.rendiconto_t_4),
            numero(self.rendiconto_t_3),
            numero(self.rendiconto_t_2),
            forse(self.fcde),
            numero(self.media()),
        ]
    }
}

impl Riga for RigaImporto {
    const COLONNE: &'static [Col] = &[
        col("Voci di spesa", "voce", Tipo::Testo),
        col("Importo spesa", "importo", Tipo::Euro),
    ];
    const NEGATIVI: bool = true;
    fn valori(&self) -> Vec<Valore> {
        vec![testo(&self.voce), numero(self.importo)]
    }
}

impl Riga for RigaVerifica {
    const COLONNE: &'static [Col] = &[
        col("Voci di verifica", "voce", Tipo::Testo),
        col("Totali di verifica", "valore", Tipo::Libero),
    ];
    const NEGATIVI: bool = true;
    const TOTALE: bool = false;
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.voce),
            Valore::Numero(self.valore, Some(self.formato.unwrap_or(Formato::Euro))),
        ]
    }
}

impl Riga for RigaLimite2011 {
    const COLONNE: &'static [Col] = &[
        col("Spesa del personale", "voce", Tipo::Testo),
        col("2011", "anno_2011", Tipo::Euro),
        col("2012", "anno_2012", Tipo::Euro),
        col("2013", "anno_2013", Tipo::Euro),
        derivata("Media", Tipo::Euro),
    ];
    const NEGATIVI: bool = true;
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.voce),
            numero(self.anno_2011),
            numero(self.anno_2012),
            numero(self.anno_2013),
            numero(media(&[self.anno_2011, self.anno_2012, self.anno_2013])),
        ]
    }
}

impl Riga for RigaLimite {
    const COLONNE: &'static [Col] = &[
        col("Spesa del personale", "voce", Tipo::Testo),
        col("Anno {t}", "anno_t", Tipo::Euro),
        col("Anno {t+1}", "anno_t_1", Tipo::Euro),
        col("Anno {t+2}", "anno_t_2", Tipo::Euro),
        derivata("Media", Tipo::Euro),
    ];
    const NEGATIVI: bool = true;
    fn valori(&self) -> Vec<Valore> {
        vec![
            testo(&self.voce),
            numero(self.anno_t),
            numero(self.anno_t_1),
            numero(self.anno_t_2),
            numero(media(&[self.anno_t, self.anno_t_1, self.anno_t_2])),
        ]
    }
}

/// One personnel table, whatever its kind: headings with years, rows of values, totals.
#[derive(Debug, Clone)]
pub struct TabellaPersonale {
    /// JSON path of the rows under `piao.fabbisogni` (`tabelle.cessazioni`).
    pub chiave: String,
    /// Caption, years filled in.
    pub titolo: String,
    /// The columns printed (optional ones no row fills are left out), headings with years.
    pub colonne: Vec<(String, Col)>,
    /// The rows: for each, its values in the printed columns.
    pub righe: Vec<Vec<Valore>>,
    /// Every row's values in all columns of its kind, for the checks.
    pub tutti: Vec<Vec<Valore>>,
    /// All the columns of the kind.
    pub tutte: &'static [Col],
    /// Subtotal rows before the total («Totale dirigenti», «Totale aree»), when the table
    /// mixes both.
    pub parziali: Vec<Vec<Valore>>,
    /// The totals row («Totale complessivo»), when the kind has one.
    pub totale: Option<Vec<Valore>>,
    /// Whether amounts may be negative.
    pub negativi: bool,
}

/// A heading with its years: `{t}` is `t`, `{t-1}` one year before, `{t+2}` two after.
pub fn con_anni(titolo: &str, t: i32) -> String {
    let mut out = titolo.to_string();
    for d in -4..=3 {
        let segnaposto = match d.cmp(&0) {
            std::cmp::Ordering::Less => format!("{{t{d}}}"),
            std::cmp::Ordering::Equal => "{t}".to_string(),
            std::cmp::Ordering::Greater => format!("{{t+{d}}}"),
        };
        out = out.replace(&segnaposto, &(t + d).to_string());
    }
    out
}

/// The sums of the numeric columns of `righe` (the first column carries `etichetta`).
fn somme(colonne: &[Col], righe: &[&Vec<Valore>], etichetta: &str) -> Vec<Valore> {
    colonne
        .iter()
        .enumerate()
        .map(|(i, c)| match c.tipo {
            _ if i == 0 => testo(etichetta),
            Tipo::Unita | Tipo::Euro => {
                let presenti: Vec<f64> = righe
                    .iter()
                    .filter_map(|r| match r.get(i) {
                        Some(Valore::Numero(n, _)) => Some(*n),
                        _ => None,
                    })
                    .collect();
                if presenti.is_empty() {
                    Valore::Vuoto
                } else {
                    numero(presenti.iter().sum())
                }
            }
            Tipo::Testo | Tipo::Libero => Valore::Vuoto,
        })
        .collect()
}

/// A table of kind `R` with its years, totals and subtotals; `None` when it has no row.
pub fn tabella<R: Riga>(
    chiave: &str,
    titolo: &str,
    righe: &[R],
    t: i32,
) -> Option<TabellaPersonale> {
    if righe.is_empty() {
        return None;
    }
    let tutti: Vec<Vec<Valore>> = righe.iter().map(Riga::valori).collect();
    let presenti: Vec<usize> = (0..R::COLONNE.len())
        .filter(|&i| !R::COLONNE[i].facoltativa || tutti.iter().any(|r| r[i] != Valore::Vuoto))
        .collect();
    let scegli = |r: &Vec<Valore>| presenti.iter().map(|&i| r[i].clone()).collect::<Vec<_>>();
    let colonne: Vec<Col> = presenti.iter().map(|&i| R::COLONNE[i]).collect();
    let dirigenti: Vec<&Vec<Valore>> = righe
        .iter()
        .zip(&tutti)
        .filter(|(r, _)| r.dirigenziale())
        .map(|(_, v)| v)
        .collect();
    let aree: Vec<&Vec<Valore>> = righe
        .iter()
        .zip(&tutti)
        .filter(|(r, _)| !r.dirigenziale())
        .map(|(_, v)| v)
        .collect();
    let parziali = if R::TOTALE && !dirigenti.is_empty() && !aree.is_empty() {
        vec![
            scegli(&somme(R::COLONNE, &dirigenti, "Totale dirigenti")),
            scegli(&somme(R::COLONNE, &aree, "Totale aree")),
        ]
    } else {
        Vec::new()
    };
    let tutte_righe: Vec<&Vec<Valore>> = tutti.iter().collect();
    let totale = R::TOTALE.then(|| scegli(&somme(R::COLONNE, &tutte_righe, "Totale complessivo")));
    Some(TabellaPersonale {
        chiave: chiave.to_string(),
        titolo: con_anni(titolo, t),
        colonne: colonne
            .iter()
            .map(|c| (con_anni(c.titolo, t), *c))
            .collect(),
        righe: tutti.iter().map(scegli).collect(),
        tutti,
        tutte: R::COLONNE,
        parziali,
        totale,
        negativi: R::NEGATIVI,
    })
}

/// A hirings table of the contractual areas: its first column is the area, not the
/// qualifica of the dirigenti's tables.
fn per_aree(t: Option<TabellaPersonale>) -> Option<TabellaPersonale> {
    t.map(|mut t| {
        if let Some(c) = t.colonne.first_mut() {
            c.0 = "Area contrattuale CCNL".to_string();
        }
        t
    })
}

impl TabelleFabbisogni {
    /// The tables the body gives, in the portal's order, anno t being `t`.
    pub fn elenco(&self, t: i32) -> Vec<TabellaPersonale> {
        let mut out = vec![
            tabella(
                "tabelle.dotazione_organica",
                "Valore finanziario della dotazione organica al 31/12/{t-1}",
                &self.dotazione_organica,
                t,
            ),
            tabella(
                "tabelle.dirigenti",
                "Consistenza del personale dirigenziale al 31/12/{t-1}",
                &self.dirigenti,
                t,
            ),
            tabella(
                "tabelle.non_dirigenti",
                "Consistenza del personale non dirigenziale al 31/12/{t-1}",
                &self.non_dirigenti,
                t,
            ),
            tabella(
                "tabelle.dirigenti_tempo_determinato",
                "Personale dirigenziale a tempo determinato",
                &self.dirigenti_tempo_determinato,
                t,
            ),
            tabella(
                "tabelle.non_dirigenti_tempo_determinato",
                "Personale non dirigenziale a tempo determinato",
                &self.non_dirigenti_tempo_determinato,
                t,
            ),
            tabella(
                "tabelle.assunzioni_dirigenti",
                "Riepilogo delle assunzioni: personale dirigenziale",
                &self.assunzioni_dirigenti,
                t,
            ),
            per_aree(tabella(
                "tabelle.assunzioni_aree",
                "Riepilogo delle assunzioni: aree contrattuali",
                &self.assunzioni_aree,
                t,
            )),
            tabella(
                "tabelle.cessazioni",
                "Riepilogo delle cessazioni",
                &self.cessazioni,
                t,
            ),
            tabella(
                "tabelle.entrate",
                "Entrate correnti degli ultimi tre rendiconti ({t-4}–{t-2})",
                &self.entrate,
                t,
            ),
            tabella(
                "tabelle.spese_personale",
                "Spese del personale dell'anno {t-2}",
                &self.spese_personale,
                t,
            ),
            tabella(
                "tabelle.verifica_soglia",
                "Verifica del valore soglia",
                &self.verifica_soglia,
                t,
            ),
            tabella(
                "tabelle.limite_spesa_2011_2013",
                "Limite di spesa del personale: media 2011–2013",
                &self.limite_spesa_2011_2013,
                t,
            ),
            tabella(
                "tabelle.limite_spesa",
                "Limite di spesa del personale {t}–{t+2}",
                &self.limite_spesa,
                t,
            ),
            tabella(
                "tabelle.dotazione_rimodulata",
                "Dotazione organica rimodulata",
                &self.dotazione_rimodulata,
                t,
            ),
        ];
        for (k, c) in self.copertura.iter().enumerate() {
            let base = format!("tabelle.copertura[{k}]");
            let anno = c.anno;
            out.push(tabella(
                &format!("{base}.dirigenti"),
                &format!("Copertura del fabbisogno {anno}: personale dirigenziale"),
                &c.dirigenti,
                t,
            ));
            out.push(per_aree(tabella(
                &format!("{base}.aree"),
                &format!("Copertura del fabbisogno {anno}: aree contrattuali"),
                &c.aree,
                t,
            )));
            out.push(tabella(
                &format!("{base}.cessazioni"),
                &format!("Cessazioni e risparmi {anno}"),
                &c.cessazioni,
                t,
            ));
        }
        out.into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cessazione(unita: f64, risorse: f64, dirigenziale: bool) -> RigaCessazione {
        RigaCessazione {
            qualifica: "Q".into(),
            dirigenziale,
            unita,
            risorse,
        }
    }

    #[test]
    fn years_in_headings_count_from_anno_t() {
        assert_eq!(con_anni("Rendiconto {t-4}", 2025), "Rendiconto 2021");
        assert_eq!(con_anni("al 31/12/{t-1}", 2025), "al 31/12/2024");
        assert_eq!(con_anni("Anno {t}–{t+2}", 2025), "Anno 2025–2027");
    }

    #[test]
    fn totals_and_subtotals_are_sums() {
        // Dirigenti: 1 unit, € 60.000; aree: 3 + 2 = 5 units, € 90.000 + 55.000 = 145.000;
        // total 6 units, € 205.000.
        let righe = [
            cessazione(1.0, 60_000.0, true),
            cessazione(3.0, 90_000.0, false),
            cessazione(2.0, 55_000.0, false),
        ];
        let t = tabella("tabelle.cessazioni", "Cessazioni", &righe, 2025).unwrap();
        assert_eq!(
            t.totale.unwrap(),
            [testo("Totale complessivo"), numero(6.0), numero(205_000.0)]
        );
        assert_eq!(
            t.parziali,
            [
                vec![testo("Totale dirigenti"), numero(1.0), numero(60_000.0)],
                vec![testo("Totale aree"), numero(5.0), numero(145_000.0)],
            ]
        );
        // Only aree: no subtotals.
        let t = tabella("c", "C", &righe[1..], 2025).unwrap();
        assert!(t.parziali.is_empty());
        assert!(tabella::<RigaCessazione>("c", "C", &[], 2025).is_none());
    }

    #[test]
    fn derived_columns_and_means() {
        // Entrate: (3.000.000 + 3.300.000 + 3.600.000) / 3 = 3.300.000.
        let e = RigaEntrate {
            voce: "Titolo I".into(),
            rendiconto_t_4: 3_000_000.0,
            rendiconto_t_3: 3_300_000.0,
            rendiconto_t_2: 3_600_000.0,
            fcde: None,
        };
        assert_eq!(e.media(), 3_300_000.0);
        // Non dirigenti: 40 di ruolo − 2 OUT + 1 IN = 39.
        let n = RigaNonDirigenti {
            area: "Funzionari".into(),
            posti: 45.0,
            di_ruolo: 40.0,
            comandati_out: 2.0,
            comandati_in: 1.0,
        };
        assert_eq!(n.totale(), 39.0);
        // Limite: (100 + 110 + 120) / 3 = 110; totals row of two rows sums the means.
        let l = |a: f64| RigaLimite {
            voce: "v".into(),
            anno_t: a,
            anno_t_1: a + 10.0,
            anno_t_2: a + 20.0,
        };
        let t = tabella("l", "L {t}", &[l(100.0), l(200.0)], 2025).unwrap();
        assert_eq!(t.titolo, "L 2025");
        assert_eq!(t.righe[0][4], numero(110.0));
        assert_eq!(
            t.totale.unwrap(),
            [
                testo("Totale complessivo"),
                numero(300.0),
                numero(320.0),
                numero(340.0),
                numero(320.0)
            ]
        );
    }

    #[test]
    fn optional_columns_print_only_when_given() {
        let a = |oneri: Option<f64>| RigaAssunzione {
            qualifica: "Funzionari".into(),
            profilo: None,
            reclutamento: "Concorso".into(),
            finanziamento: None,
            unita: 2.0,
            oneri,
        };
        let t = tabella("a", "A", &[a(None)], 2025).unwrap();
        let titoli: Vec<&str> = t.colonne.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            titoli,
            ["Qualifiche", "Tipologia di reclutamento", "Totale unità"]
        );
        let t = tabella("a", "A", &[a(None), a(Some(70_000.0))], 2025).unwrap();
        assert_eq!(t.colonne.len(), 4);
        assert_eq!(t.totale.unwrap()[3], numero(70_000.0));
    }
}
