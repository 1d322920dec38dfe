//! Model stage: the plan as the office writes it, plain Rust types deserialised from JSON.
//!
//! Keys are the Italian domain terms of `DOMAIN.md`. Every struct rejects unknown fields,
//! so a misspelt key is reported instead of silently ignored. Derived facts are not stored
//! here: codes are in [`crate::indice`], effective weights and totals in [`crate::view`].
//!
//! The `///` comments document the code, in English. What an editor shows the office, in
//! the plan's JSON Schema, is the Italian `#[schemars(description = ...)]` that every type,
//! field and variant carries; it takes the place of the comment in the schema.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub mod piao;
pub mod target;

use crate::format::Date;

/// A whole performance plan: the body, the document, its acts and its objective tree.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Piano della Performance",
    description = "Il Piano della Performance di un ente pubblico, con l'eventuale POLA: i dati da cui `piano` genera i documenti ufficiali"
)]
pub struct Piano {
    /// Where an editor finds the plan's JSON Schema (`piano schema`); not used otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        description = "Percorso o indirizzo dello schema JSON del piano, che l'editor usa per completare e controllare il file (es. \"../schema/piano.schema.json\"); non entra nei documenti"
    )]
    pub schema: Option<String>,
    /// The public body that adopts the plan.
    #[schemars(description = "L'ente che adotta il piano")]
    pub ente: Ente,
    /// Title and period of the document.
    #[schemars(description = "Titolo e periodo del documento")]
    pub documento: Documento,
    /// Acts of the plan's life: OIV validation, Giunta adoption, later amendments.
    #[serde(default)]
    #[schemars(
        description = "Gli atti del piano: validazione dell'OIV, adozione della Giunta, aggiornamenti successivi"
    )]
    pub atti: Vec<Atto>,
    /// Names of the tree's levels, from the top (e.g. Area strategica) down.
    #[schemars(
        description = "I livelli dell'albero degli obiettivi, dall'alto (es. Area strategica, Obiettivo strategico, Obiettivo operativo)"
    )]
    pub livelli: Vec<Livello>,
    /// How a node's achievement splits between its own indicators and its children.
    #[serde(default)]
    #[schemars(
        description = "Come il raggiungimento di un obiettivo si divide tra i suoi indicatori e gli obiettivi collegati"
    )]
    pub ponderazione: Option<Ponderazione>,
    /// The rules that turn results into achievement, for the Relazione sulla Performance.
    #[serde(default)]
    #[schemars(
        description = "Le regole con cui la Relazione sulla Performance calcola il grado di raggiungimento dai risultati; se assenti, quelle predefinite (vedi il README)"
    )]
    pub misurazione: Option<Misurazione>,
    /// Introductory text of the planning chapter (Markdown subset).
    #[serde(default)]
    #[schemars(
        description = "Testo introduttivo del capitolo di pianificazione (Markdown ridotto)"
    )]
    pub introduzione: Option<String>,
    /// Programming documents the tree descends from, shown at its top.
    #[serde(default)]
    #[schemars(
        description = "I documenti di programmazione da cui discende l'albero, mostrati in cima"
    )]
    pub programmazione: Vec<String>,
    /// The objective tree: top-level nodes (areas, perspectives, missions...).
    #[schemars(
        description = "L'albero della performance: i nodi di primo livello (aree strategiche, prospettive, missioni...)"
    )]
    pub albero: Vec<Nodo>,
    /// Objectives of controlled agencies (Aziende Speciali), each a branch of its own.
    #[serde(default)]
    #[schemars(description = "Gli obiettivi delle aziende speciali, ognuna con un ramo proprio")]
    pub aziende_speciali: Vec<AziendaSpeciale>,
    /// Assignment of objectives to managers, with a weight each.
    #[serde(default)]
    #[schemars(
        description = "L'assegnazione degli obiettivi ai dirigenti, con un peso per ciascuno"
    )]
    pub assegnazioni: Option<Assegnazioni>,
    /// Chapters before the planning chapter (Premessa, Presentazione, Scenario...).
    #[serde(default)]
    #[schemars(
        description = "I capitoli prima della pianificazione (Premessa, Presentazione, Scenario socio-economico...)"
    )]
    pub sezioni: Vec<Sezione>,
    /// Signatures at the end of the document.
    #[serde(default)]
    #[schemars(description = "Le firme in fondo al documento")]
    pub firme: Vec<Firma>,
    /// The POLA (Piano Organizzativo del Lavoro Agile), annex of the plan.
    #[serde(default)]
    #[schemars(description = "Il POLA (Piano Organizzativo del Lavoro Agile), allegato al piano")]
    pub pola: Option<Pola>,
    /// The PIAO this plan is part of: its other sections (the tree is 2.2, the POLA 3.2).
    #[serde(default)]
    #[schemars(
        description = "Il PIAO di cui il piano fa parte: le sue altre sezioni (l'albero è la sottosezione 2.2 Performance, il POLA la 3.2 Lavoro agile); con questa chiave il documento principale è il PIAO"
    )]
    pub piao: Option<piao::Piao>,
}

/// A narrative chapter or section: blocks of content and subsections.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un capitolo o paragrafo: blocchi di contenuto e sottosezioni")]
pub struct Sezione {
    /// Title (its number is derived).
    #[schemars(description = "Titolo (il numero è calcolato)")]
    pub titolo: String,
    /// Whether it is numbered; defaults to true (Premessa is not).
    #[serde(default)]
    #[schemars(description = "Se la sezione è numerata; se assente, sì (la Premessa non lo è)")]
    pub numerata: Option<bool>,
    /// Content, in order.
    #[serde(default)]
    #[schemars(description = "Il contenuto, in ordine: testi, tabelle, grafici, organigrammi...")]
    pub contenuto: Vec<Blocco>,
    /// Subsections.
    #[serde(default)]
    #[schemars(description = "Le sottosezioni")]
    pub sezioni: Vec<Sezione>,
    /// Where the section goes: before (default) or after the planning chapter; for a
    /// section of a node, before its scheda, after its scheda, or after its children.
    #[serde(default)]
    #[schemars(
        description = "Dove va la sezione: nel documento `prima` (se assente) o `dopo` il capitolo di pianificazione; in un nodo `prima` della sua scheda (se assente), `dopo_scheda` (prima dei figli) o `dopo` (dopo i figli)"
    )]
    pub posizione: Option<PosizioneSezione>,
}

/// Where a narrative section is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Posizione di una sezione")]
pub enum PosizioneSezione {
    /// Before the planning chapter, or before the node's scheda.
    #[schemars(description = "Prima del capitolo di pianificazione, o prima della scheda del nodo")]
    Prima,
    /// After the node's own scheda, before its children (sections of a node only).
    #[schemars(
        description = "Dopo la scheda del nodo, prima dei suoi figli (solo nelle sezioni di un nodo)"
    )]
    DopoScheda,
    /// After the planning chapter, or after the node's children.
    #[schemars(description = "Dopo il capitolo di pianificazione, o dopo i figli del nodo")]
    Dopo,
}

/// A block of content in a section.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[schemars(
    description = "Un blocco di contenuto: un oggetto con una sola chiave, che ne indica il tipo"
)]
#[schemars(transform = describe_block_keys)]
pub enum Blocco {
    /// Text in the Markdown subset.
    #[schemars(
        description = "Testo in Markdown ridotto: paragrafi, elenchi, **grassetto**, *corsivo*, link"
    )]
    Testo(String),
    /// A data table.
    #[schemars(description = "Una tabella di dati")]
    Tabella(Tabella),
    /// A chart drawn from data.
    #[schemars(description = "Un grafico disegnato dai dati")]
    Grafico(Grafico),
    /// An organisation chart drawn from data.
    #[schemars(description = "Un organigramma disegnato dai dati")]
    Organigramma(Organigramma),
    /// POLA: the month-by-month series of agile work.
    #[schemars(description = "POLA: la serie mese per mese del lavoro agile")]
    SerieMensile(SerieMensile),
    /// POLA: counts per period for one dimension (technology, training...).
    #[schemars(
        description = "POLA: conteggi per periodo di una dimensione (tecnologia, formazione...)"
    )]
    Conteggi(Conteggi),
    /// POLA: the enabling conditions and the phase or year each is adopted.
    #[schemars(
        description = "POLA: le condizioni abilitanti e la fase o l'anno in cui ciascuna è adottata"
    )]
    ProgrammaSviluppo(ProgrammaSviluppo),
    /// POLA: indicators by dimension of the DFP guidelines.
    #[schemars(
        description = "POLA: gli indicatori del programma di sviluppo per dimensione delle linee guida DFP"
    )]
    IndicatoriDfp(IndicatoriDfp),
}

/// Gives the single key of each block's alternative the alternative's description: an
/// editor shows the text of the key the office is typing, not of the object around it.
fn describe_block_keys(schema: &mut schemars::Schema) {
    let alternatives = schema
        .get_mut("oneOf")
        .and_then(serde_json::Value::as_array_mut);
    for alternative in alternatives.into_iter().flatten() {
        let Some(description) = alternative.get("description").cloned() else {
            continue;
        };
        let keys = alternative
            .get_mut("properties")
            .and_then(serde_json::Value::as_object_mut);
        for key in keys.into_iter().flat_map(|k| k.values_mut()) {
            if let Some(key) = key.as_object_mut() {
                key.insert("description".into(), description.clone());
            }
        }
    }
}

/// A generic table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una tabella di dati")]
pub struct Tabella {
    /// Caption.
    #[schemars(description = "Didascalia della tabella")]
    pub titolo: String,
    /// Columns, with header, alignment and number format.
    #[schemars(description = "Le colonne, con intestazione, allineamento e formato dei numeri")]
    pub colonne: Vec<Colonna>,
    /// Rows of cells, one per column.
    #[schemars(
        description = "Le righe: per ognuna un elenco di celle, una per colonna (numero, testo o null)"
    )]
    pub righe: Vec<Vec<Cella>>,
    /// A totals row, as stated by the plan.
    #[serde(default)]
    #[schemars(description = "La riga dei totali come la riporta il piano, una cella per colonna")]
    pub totale: Option<Vec<Cella>>,
    /// Note under the table (Markdown subset).
    #[serde(default)]
    #[schemars(description = "Nota sotto la tabella (Markdown ridotto)")]
    pub note: Option<String>,
    /// Source of the data.
    #[serde(default)]
    #[schemars(description = "Fonte dei dati")]
    pub fonte: Option<String>,
    /// Whether it needs a landscape page.
    #[serde(default)]
    #[schemars(description = "Se la tabella va su una pagina orizzontale")]
    pub orizzontale: Option<bool>,
}

/// A table column.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una colonna di tabella")]
pub struct Colonna {
    /// Header.
    #[schemars(description = "Intestazione della colonna")]
    pub titolo: String,
    /// Alignment; numbers default to right.
    #[serde(default)]
    #[schemars(
        description = "Allineamento: `sinistra`, `centro` o `destra`; se assente, i numeri vanno a destra"
    )]
    pub allineamento: Option<Allineamento>,
    /// How numbers in this column are printed.
    #[serde(default)]
    #[schemars(description = "Come stampare i numeri: `testo`, `numero`, `percentuale` o `euro`")]
    pub formato: Option<Formato>,
    /// Decimals of numbers in this column (default: 0 for numbers, 2 for percent and euro).
    #[serde(default)]
    #[schemars(
        description = "Cifre decimali; se assenti, 0 per i numeri e 2 per percentuali ed euro"
    )]
    pub decimali: Option<u8>,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Allineamento orizzontale")]
pub enum Allineamento {
    /// Left.
    #[schemars(description = "A sinistra")]
    Sinistra,
    /// Centre.
    #[schemars(description = "Al centro")]
    Centro,
    /// Right.
    #[schemars(description = "A destra")]
    Destra,
}

/// Number format of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Come sono stampati i numeri di una colonna")]
pub enum Formato {
    /// Text as written.
    #[schemars(description = "Il testo così come scritto")]
    Testo,
    /// A number with Italian separators.
    #[schemars(description = "Un numero con i separatori italiani (1.234,5)")]
    Numero,
    /// A percentage (the value is in percent: 11.5 is 11,5%).
    #[schemars(description = "Una percentuale: il valore è già in percento (11.5 diventa 11,5%)")]
    Percentuale,
    /// An amount in euro.
    #[schemars(description = "Un importo in euro")]
    Euro,
}

/// A table cell: a number, a text, or empty.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(description = "Una cella di tabella: un numero, un testo o null (vuota)")]
pub enum Cella {
    /// A number, formatted by its column.
    #[schemars(description = "Un numero, stampato nel formato della colonna")]
    Numero(f64),
    /// A text, printed as written.
    #[schemars(description = "Un testo, stampato così come scritto")]
    Testo(String),
    /// An empty cell.
    #[schemars(description = "Una cella vuota")]
    Vuota,
}

/// Kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Tipo di grafico")]
pub enum TipoGrafico {
    /// Bars, one group per category.
    #[schemars(description = "Barre, un gruppo per categoria")]
    Barre,
    /// A pie, one slice per category (first series only).
    #[schemars(description = "Torta, una fetta per categoria (solo la prima serie)")]
    Torta,
    /// Lines over the categories.
    #[schemars(description = "Linee sulle categorie")]
    Linee,
}

/// A chart drawn from data.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un grafico disegnato dai dati")]
pub struct Grafico {
    /// Kind.
    #[schemars(description = "Tipo: `barre`, `torta` o `linee`")]
    pub tipo: TipoGrafico,
    /// Title.
    #[schemars(description = "Titolo del grafico")]
    pub titolo: String,
    /// Categories (x axis, or slices).
    #[schemars(description = "Le categorie: l'asse orizzontale, o le fette della torta")]
    pub categorie: Vec<String>,
    /// Series of values, one per category.
    #[schemars(description = "Le serie di valori, ognuna con un valore per categoria")]
    pub serie: Vec<Serie>,
    /// Unit of the values (`%`, `milioni di euro`).
    #[serde(default)]
    #[schemars(description = "Unità dei valori, ad esempio \"%\" o \"milioni di euro\"")]
    pub unita: Option<String>,
    /// Source.
    #[serde(default)]
    #[schemars(description = "Fonte dei dati")]
    pub fonte: Option<String>,
}

/// A series of a chart.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una serie di valori di un grafico")]
pub struct Serie {
    /// Name, for the legend.
    #[schemars(description = "Nome della serie, per la legenda")]
    pub nome: String,
    /// One value per category; null where missing.
    #[schemars(description = "Un valore per categoria; null dove manca")]
    pub valori: Vec<Option<f64>>,
}

/// An organisation chart.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un organigramma disegnato dai dati")]
pub struct Organigramma {
    /// Title.
    #[serde(default)]
    #[schemars(description = "Titolo dell'organigramma")]
    pub titolo: Option<String>,
    /// The top unit (e.g. Segretario Generale).
    #[schemars(description = "L'unità al vertice, ad esempio il Segretario Generale")]
    pub radice: Unita,
}

/// An organisational unit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un'unità organizzativa")]
pub struct Unita {
    /// Name.
    #[schemars(description = "Nome dell'unità")]
    pub nome: String,
    /// Person responsible.
    #[serde(default)]
    #[schemars(description = "Responsabile dell'unità")]
    pub responsabile: Option<String>,
    /// Staff units beside this one.
    #[serde(default)]
    #[schemars(description = "Le unità di staff accanto a questa")]
    pub staff: Vec<Unita>,
    /// Units below.
    #[serde(default)]
    #[schemars(description = "Le unità che dipendono da questa")]
    pub unita: Vec<Unita>,
}

/// A signature.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una firma in fondo al documento")]
pub struct Firma {
    /// Role, e.g. "Il Segretario Generale".
    #[schemars(description = "Ruolo di chi firma, ad esempio \"Il Segretario Generale\"")]
    pub ruolo: String,
    /// Name, e.g. "dr Massimo Ziletti".
    #[serde(default)]
    #[schemars(description = "Nome, ad esempio \"dr Massimo Ziletti\"")]
    pub nome: Option<String>,
}

/// The POLA document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Il POLA – Piano Organizzativo del Lavoro Agile (art. 14 L. 124/2015)")]
pub struct Pola {
    /// Title, e.g. "Piano Organizzativo del Lavoro Agile".
    #[schemars(description = "Titolo, ad esempio \"Piano Organizzativo del Lavoro Agile\"")]
    pub titolo: String,
    /// Subtitle.
    #[serde(default)]
    #[schemars(description = "Sottotitolo")]
    pub sottotitolo: Option<String>,
    /// First year.
    #[schemars(description = "Primo anno del POLA")]
    pub anno_inizio: i32,
    /// Last year.
    #[schemars(description = "Ultimo anno del POLA")]
    pub anno_fine: i32,
    /// Its acts (validation, adoption).
    #[serde(default)]
    #[schemars(description = "Gli atti del POLA (validazione, adozione)")]
    pub atti: Vec<Atto>,
    /// Its parts, in order.
    #[serde(default)]
    #[schemars(description = "Le parti del POLA, in ordine")]
    pub sezioni: Vec<Sezione>,
    /// Signatures.
    #[serde(default)]
    #[schemars(description = "Le firme in fondo al POLA")]
    pub firme: Vec<Firma>,
}

/// Dimensions of the DFP guidelines for the POLA (DM 9 December 2020).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Dimensione delle linee guida del Dipartimento della Funzione Pubblica per il POLA (DM 9 dicembre 2020)"
)]
pub enum DimensioneDfp {
    /// Condizioni abilitanti: salute organizzativa.
    #[schemars(description = "Condizioni abilitanti: salute organizzativa")]
    SaluteOrganizzativa,
    /// Condizioni abilitanti: salute professionale.
    #[schemars(description = "Condizioni abilitanti: salute professionale")]
    SaluteProfessionale,
    /// Condizioni abilitanti: salute economico-finanziaria.
    #[schemars(description = "Condizioni abilitanti: salute economico-finanziaria")]
    SaluteEconomicoFinanziaria,
    /// Condizioni abilitanti: salute digitale.
    #[schemars(description = "Condizioni abilitanti: salute digitale")]
    SaluteDigitale,
    /// Stato di implementazione.
    #[schemars(
        description = "Stato di implementazione (es. quota di lavoratori agili e di giornate agili, soddisfazione)"
    )]
    StatoImplementazione,
    /// Performance organizzativa: economicità.
    #[schemars(description = "Performance organizzativa: economicità")]
    Economicita,
    /// Performance organizzativa: efficienza.
    #[schemars(description = "Performance organizzativa: efficienza")]
    Efficienza,
    /// Performance organizzativa: efficacia.
    #[schemars(description = "Performance organizzativa: efficacia")]
    Efficacia,
    /// Impatti esterni: sociale.
    #[schemars(description = "Impatti esterni: sociale")]
    ImpattoSociale,
    /// Impatti esterni: ambientale.
    #[schemars(description = "Impatti esterni: ambientale")]
    ImpattoAmbientale,
    /// Impatti esterni: economico.
    #[schemars(description = "Impatti esterni: economico")]
    ImpattoEconomico,
    /// Impatti interni (change in the four kinds of health).
    #[schemars(description = "Impatti interni: variazione delle quattro condizioni di salute")]
    ImpattoInterno,
}

/// One month of agile work.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un mese di lavoro agile")]
pub struct MeseLavoroAgile {
    /// Month label, e.g. "gen".
    #[schemars(description = "Il mese, ad esempio \"gen\"")]
    pub mese: String,
    /// Total employees.
    #[schemars(description = "Dipendenti in servizio")]
    pub dipendenti: u32,
    /// Agile workers.
    #[schemars(description = "Lavoratori agili (non più dei dipendenti)")]
    pub lavoratori_agili: u32,
    /// Average agile days per week per employee.
    #[schemars(description = "Giorni medi di lavoro agile alla settimana per dipendente")]
    pub giorni_medi_settimana: f64,
    /// Total agile days in the month.
    #[schemars(description = "Giornate di lavoro agile nel mese, in totale")]
    pub giornate_totali: u32,
}

/// The month-by-month series of agile work in a year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "La serie mese per mese del lavoro agile in un anno; il documento ne ricava la quota di lavoratori agili, i totali e il grafico"
)]
pub struct SerieMensile {
    /// Caption.
    #[schemars(description = "Didascalia della tabella")]
    pub titolo: String,
    /// Year.
    #[schemars(description = "Anno della serie")]
    pub anno: i32,
    /// Months in order.
    #[schemars(description = "I mesi, in ordine")]
    pub mesi: Vec<MeseLavoroAgile>,
}

/// Counts per period for one DFP dimension.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Conteggi per periodo di una dimensione delle linee guida DFP (es. dotazioni tecnologiche, formazione)"
)]
pub struct Conteggi {
    /// Caption (header of the first column, e.g. "Tecnologia").
    #[schemars(
        description = "Didascalia: l'intestazione della prima colonna, ad esempio \"Tecnologia\""
    )]
    pub titolo: String,
    /// The DFP dimension these counts are a baseline of.
    #[serde(default)]
    #[schemars(
        description = "La dimensione delle linee guida DFP di cui questi conteggi sono la baseline"
    )]
    pub dimensione: Option<DimensioneDfp>,
    /// Period labels (columns).
    #[schemars(description = "I periodi, uno per colonna")]
    pub periodi: Vec<String>,
    /// One row per item.
    #[schemars(description = "Una riga per voce")]
    pub righe: Vec<RigaConteggi>,
}

/// A row of counts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga di conteggi")]
pub struct RigaConteggi {
    /// What is counted.
    #[schemars(description = "Ciò che si conta")]
    pub voce: String,
    /// One value per period (a number, or a text such as "tutti").
    #[schemars(description = "Un valore per periodo: un numero, o un testo come \"tutti\"")]
    pub valori: Vec<Cella>,
}

/// Enabling conditions and when each is adopted.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Le condizioni abilitanti del programma di sviluppo e la fase o l'anno in cui ciascuna è adottata"
)]
pub struct ProgrammaSviluppo {
    /// Caption.
    #[schemars(description = "Didascalia della tabella")]
    pub titolo: String,
    /// Phases or years, in order (columns).
    #[schemars(
        description = "Le fasi o gli anni, in ordine (colonne), ad esempio \"avvio\", \"sviluppo intermedio\", \"sviluppo avanzato\""
    )]
    pub fasi: Vec<String>,
    /// Conditions, each with its phase.
    #[schemars(description = "Le condizioni abilitanti, ognuna con la sua fase")]
    pub condizioni: Vec<CondizioneAbilitante>,
}

/// An enabling condition and its phase.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una condizione abilitante e la sua fase")]
pub struct CondizioneAbilitante {
    /// What is adopted.
    #[schemars(description = "Ciò che si adotta")]
    pub condizione: String,
    /// The phase or year (one of `fasi`).
    #[schemars(description = "La fase o l'anno in cui si adotta (uno di `fasi`)")]
    pub fase: String,
}

/// Indicators by DFP dimension.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Gli indicatori del programma di sviluppo del POLA, per dimensione delle linee guida DFP"
)]
pub struct IndicatoriDfp {
    /// Caption.
    #[schemars(description = "Didascalia della tabella")]
    pub titolo: String,
    /// Phases or years of the targets, in order.
    #[schemars(description = "Le fasi o gli anni dei target, in ordine")]
    pub fasi: Vec<String>,
    /// Indicators.
    #[schemars(description = "Gli indicatori")]
    pub indicatori: Vec<IndicatoreDfp>,
}

/// An indicator of the POLA development programme.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un indicatore del programma di sviluppo del POLA")]
pub struct IndicatoreDfp {
    /// Dimension.
    #[schemars(description = "La dimensione delle linee guida DFP")]
    pub dimensione: DimensioneDfp,
    /// The indicator.
    #[schemars(description = "L'indicatore")]
    pub indicatore: String,
    /// Baseline.
    #[serde(default)]
    #[schemars(description = "Valore di partenza (baseline)")]
    pub baseline: Option<Target>,
    /// Target per phase or year.
    #[serde(default)]
    #[schemars(
        description = "Un target per fase o anno, ad esempio {\"avvio\": \"10%\", \"sviluppo intermedio\": \"20%\"}"
    )]
    pub target: BTreeMap<String, Target>,
    /// Source.
    #[serde(default)]
    #[schemars(description = "Fonte dei dati")]
    pub fonte: Option<String>,
}

/// The public body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "L'ente pubblico che adotta il piano")]
pub struct Ente {
    /// Full legal name, as on the cover.
    #[schemars(description = "Denominazione completa, come in copertina")]
    pub nome: String,
    /// Short name used in running headers; defaults to `nome`.
    #[serde(default)]
    #[schemars(description = "Nome breve per le intestazioni delle pagine; se assente, `nome`")]
    pub nome_breve: Option<String>,
    /// Kind of body (Camera di Commercio, Comune, ...).
    #[serde(default)]
    #[schemars(description = "Tipo di ente (Camera di Commercio, Comune, Regione...)")]
    pub tipo: Option<String>,
    /// Website, shown on the cover and in metadata.
    #[serde(default)]
    #[schemars(description = "Sito web, in copertina e nei metadati")]
    pub sito: Option<String>,
    /// The body's logo for the cover: a PNG, JPEG or SVG file, relative to the plan file.
    #[serde(default)]
    #[schemars(
        description = "Il logo per la copertina: un file PNG, JPEG o SVG, con il percorso relativo al file del piano"
    )]
    pub logo: Option<String>,
}

/// Title and period of the document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Titolo e periodo del documento")]
pub struct Documento {
    /// Title, e.g. "Piano della Performance".
    #[schemars(description = "Titolo, ad esempio \"Piano della Performance\"")]
    pub titolo: String,
    /// First year of the plan.
    #[schemars(description = "Primo anno del piano")]
    pub anno_inizio: i32,
    /// Last year of the plan (equal to `anno_inizio` for a one-year plan).
    #[schemars(
        description = "Ultimo anno del piano (uguale a `anno_inizio` per un piano annuale)"
    )]
    pub anno_fine: i32,
    /// A line under the title, e.g. the plan the document belongs to.
    #[serde(default)]
    #[schemars(
        description = "Riga sotto il titolo, ad esempio il piano a cui il documento appartiene"
    )]
    pub sottotitolo: Option<String>,
    /// Legal basis printed under the title, e.g. "art. 10 D.Lgs. 150/2009".
    #[serde(default)]
    #[schemars(
        description = "Riferimento normativo stampato sotto il titolo, ad esempio \"art. 10 D.Lgs. 150/2009\""
    )]
    pub riferimento_normativo: Option<String>,
    /// Title of the planning chapter; defaults to "Pianificazione".
    #[serde(default)]
    #[schemars(
        description = "Titolo del capitolo di pianificazione; se assente, \"Pianificazione\""
    )]
    pub titolo_capitolo: Option<String>,
    /// Number of the planning chapter, when the plan is one chapter of a larger document
    /// ("Capitolo 3 – Servizi"); by default it follows the sections before it.
    #[serde(default)]
    #[schemars(
        description = "Numero del capitolo di pianificazione, quando il piano è un capitolo di un documento più ampio (\"Capitolo 3 – Servizi\"); se assente, segue le sezioni che lo precedono"
    )]
    pub numero_capitolo: Option<u32>,
    /// Headings inside the planning chapter; defaults to today's.
    #[serde(default)]
    #[schemars(
        description = "I titoli delle parti del capitolo di pianificazione (albero, quadro di sintesi, schede, assegnazioni); se assenti, quelli predefiniti"
    )]
    pub intestazioni: Option<Intestazioni>,
    /// Whether the data is illustrative (not from a real act): the cover and the page say so.
    #[serde(default)]
    #[schemars(
        description = "Se i dati sono illustrativi (non tratti da un atto reale): la copertina e la pagina HTML lo dichiarano"
    )]
    pub illustrativo: Option<bool>,
    /// Licence of the open data (an SPDX identifier); defaults to `CC-BY-4.0`.
    #[serde(default)]
    #[schemars(
        description = "Licenza dei dati aperti, come identificativo SPDX; se assente, \"CC-BY-4.0\""
    )]
    pub licenza_dati: Option<String>,
}

/// The headings of the parts of the planning chapter. An empty string leaves the heading out
/// (the part itself stays).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "I titoli delle parti del capitolo di pianificazione; una stringa vuota omette il titolo (la parte resta)"
)]
pub struct Intestazioni {
    /// Heading of the tree diagram; defaults to "Albero della performance".
    #[serde(default)]
    #[schemars(
        description = "Titolo del diagramma dell'albero; se assente, \"Albero della performance\""
    )]
    pub albero: Option<String>,
    /// Heading of the summary tables; defaults to "Obiettivi e indicatori: quadro di sintesi".
    #[serde(default)]
    #[schemars(
        description = "Titolo del quadro di sintesi; se assente, \"Obiettivi e indicatori: quadro di sintesi\""
    )]
    pub sintesi: Option<String>,
    /// Heading of the schede; defaults to "Schede obiettivi".
    #[serde(default)]
    #[schemars(description = "Titolo delle schede; se assente, \"Schede obiettivi\"")]
    pub schede: Option<String>,
    /// Heading of the assignments, `{anno}` standing for their year; defaults to
    /// "Assegnazione degli obiettivi {anno} ai dirigenti".
    #[serde(default)]
    #[schemars(
        description = "Titolo delle assegnazioni, con `{anno}` al posto dell'anno; se assente, \"Assegnazione degli obiettivi {anno} ai dirigenti\""
    )]
    pub assegnazioni: Option<String>,
}

/// Kind of act in the plan's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Tipo di atto")]
pub enum TipoAtto {
    /// Validation by the OIV.
    #[schemars(description = "Validazione dell'OIV")]
    Validazione,
    /// Adoption by the Giunta.
    #[schemars(description = "Adozione della Giunta")]
    Adozione,
    /// A later amendment.
    #[schemars(description = "Aggiornamento successivo, con una nuova deliberazione")]
    Aggiornamento,
}

/// One act: who, what, number and date.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un atto del piano: organo, tipo, numero e data")]
pub struct Atto {
    /// The organ, e.g. "OIV", "Giunta".
    #[schemars(description = "L'organo, ad esempio \"OIV\" o \"Giunta\"")]
    pub organo: String,
    /// Kind of act.
    #[schemars(description = "Tipo di atto: `validazione`, `adozione` o `aggiornamento`")]
    pub tipo: TipoAtto,
    /// Number of the deliberazione, if any.
    #[serde(default)]
    #[schemars(description = "Numero della deliberazione, se c'è")]
    pub numero: Option<String>,
    /// Date, `AAAA-MM-GG`.
    #[schemars(description = "Data dell'atto, nella forma AAAA-MM-GG")]
    pub data: String,
    /// Subject of the act.
    #[serde(default)]
    #[schemars(description = "Oggetto dell'atto")]
    pub oggetto: Option<String>,
}

impl Atto {
    /// The act as the cover of the plan reads it: "Adottato con deliberazione di Giunta
    /// n. 45 del 26 aprile 2021", "Validato dall'OIV in data 19 aprile 2021".
    pub fn approvazione(&self) -> String {
        match self.tipo {
            TipoAtto::Validazione => {
                let numero = self
                    .numero
                    .as_ref()
                    .map(|n| format!(" con atto n. {n}"))
                    .unwrap_or_default();
                format!(
                    "Validato dall'{}{numero} in data {}",
                    self.organo,
                    self.data_lunga()
                )
            }
            TipoAtto::Adozione => format!("Adottato con {}", self.deliberazione()),
            TipoAtto::Aggiornamento => format!("Aggiornato con {}", self.deliberazione()),
        }
    }

    /// The deliberazione in words: "deliberazione di Giunta n. 78 del 19 luglio 2021".
    pub fn deliberazione(&self) -> String {
        let numero = self
            .numero
            .as_ref()
            .map(|n| format!(" n. {n}"))
            .unwrap_or_default();
        format!(
            "deliberazione di {}{numero} del {}",
            self.organo,
            self.data_lunga()
        )
    }

    /// The date in words ("26 aprile 2021"), or as written when it is not a date.
    fn data_lunga(&self) -> String {
        Date::parse_iso(&self.data).map_or_else(|| self.data.clone(), |d| d.long())
    }
}

/// The date stamped on a document, always from the data so that the same plan gives the
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

/// A level of the objective tree, named by the body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un livello dell'albero degli obiettivi, con i nomi usati dall'ente")]
pub struct Livello {
    /// Singular name, e.g. "Obiettivo strategico".
    #[schemars(description = "Nome al singolare, ad esempio \"Obiettivo strategico\"")]
    pub nome: String,
    /// Plural name, e.g. "Obiettivi strategici".
    #[schemars(description = "Nome al plurale, ad esempio \"Obiettivi strategici\"")]
    pub plurale: String,
    /// Deadlines of this level's targets ("2021", "30/6", "31/12"); defaults to every year
    /// of the plan.
    #[serde(default)]
    #[schemars(
        description = "Scadenze dei target di questo livello, ad esempio [\"2021\",\"2022\",\"2023\"] o [\"30/6\",\"31/12\"]; se assenti, gli anni del piano"
    )]
    pub scadenze: Option<Vec<String>>,
    /// Whether each node of this level gets its own scheda; defaults to true.
    #[serde(default)]
    #[schemars(
        description = "Se ogni nodo di questo livello ha una propria scheda; se assente, sì"
    )]
    pub scheda: Option<bool>,
    /// Label of the weight of a node of this level within its parent.
    #[serde(default)]
    #[schemars(
        description = "Dicitura del peso nella scheda, ad esempio \"Peso nell'area strategica\"; se assente, è ricavata dal livello superiore"
    )]
    pub etichetta_peso: Option<String>,
    /// Whether the nodes of this level carry a code ("1.2"); defaults to true. When false,
    /// only nodes with their own `numero` show one.
    #[serde(default)]
    #[schemars(
        description = "Se i nodi di questo livello hanno un codice (\"1.2\"); se assente, sì. Con `false` il codice compare solo per i nodi che hanno un proprio `numero`"
    )]
    pub numerato: Option<bool>,
    /// Column headings of the tables where this level's nodes are rows (the indicators of
    /// its schede; the actions' table when the level has no scheda).
    #[serde(default)]
    #[schemars(
        description = "Le intestazioni delle colonne delle tabelle di questo livello (indicatori della scheda, o tabella delle azioni se il livello non ha scheda); se assenti, quelle predefinite"
    )]
    pub colonne: Option<Colonne>,
}

/// Column headings of a level's tables; each defaults to today's heading.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Le intestazioni delle colonne di un livello; ognuna ha un valore predefinito"
)]
pub struct Colonne {
    /// Indicator column ("Indicatore: descrizione e cosa misura").
    #[serde(default)]
    #[schemars(description = "Colonna dell'indicatore, ad esempio \"Indicatore\"")]
    pub indicatore: Option<String>,
    /// Baseline column ("Target storico di riferimento").
    #[serde(default)]
    #[schemars(description = "Colonna del valore di partenza, ad esempio \"Baseline\"")]
    pub baseline: Option<String>,
    /// Target columns, `{scadenza}` standing for the deadline ("Target {scadenza}").
    #[serde(default)]
    #[schemars(
        description = "Colonne dei target, con `{scadenza}` al posto della scadenza, ad esempio \"Target {scadenza}\""
    )]
    pub target: Option<String>,
    /// Weight column ("Peso").
    #[serde(default)]
    #[schemars(description = "Colonna del peso, ad esempio \"Peso\"")]
    pub peso: Option<String>,
    /// Offices column ("Servizi/Uffici").
    #[serde(default)]
    #[schemars(description = "Colonna degli uffici, ad esempio \"Responsabile\"")]
    pub uffici: Option<String>,
    /// Period column of the actions ("Periodo").
    #[serde(default)]
    #[schemars(description = "Colonna del periodo delle azioni, ad esempio \"Tempi\"")]
    pub periodo: Option<String>,
}

/// How a node's achievement combines its own indicators and its children.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Come si combinano, nel raggiungimento di un obiettivo, i suoi indicatori e gli obiettivi collegati"
)]
pub struct Ponderazione {
    /// Share (percent) of a node's own indicators; the rest goes to its children.
    #[schemars(
        description = "Quota in percentuale (0–100) degli indicatori propri di un obiettivo che ha anche obiettivi collegati; il resto va agli obiettivi collegati (Brescia: 50)"
    )]
    pub quota_indicatori: f64,
}

/// The rules of measurement the plan chooses; every field has a documented default.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Le regole di misurazione scelte dal piano; ogni campo ha un valore predefinito"
)]
pub struct Misurazione {
    /// The most an indicator can score (percent); defaults to 100.
    #[serde(default)]
    #[schemars(range(min = 0))]
    #[schemars(
        description = "Il massimo che un indicatore può raggiungere, in percentuale; se assente, 100"
    )]
    pub tetto: Option<f64>,
    /// Below this achievement an indicator counts 0 (percent).
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    #[schemars(
        description = "Soglia in percentuale sotto la quale un indicatore conta 0, ad esempio 70; se assente, nessuna"
    )]
    pub soglia: Option<f64>,
    /// Bands: an achievement from `da` up to the next band counts `punteggio`.
    #[serde(default)]
    #[schemars(
        description = "Fasce di valutazione: un raggiungimento da `da` fino alla fascia successiva vale `punteggio`, ad esempio [{\"da\": 0, \"punteggio\": 0}, {\"da\": 70, \"punteggio\": 70}, {\"da\": 90, \"punteggio\": 90}, {\"da\": 100, \"punteggio\": 100}]"
    )]
    pub fasce: Vec<Fascia>,
    /// Whether, inside a band, the score runs pro rata from the band's to the next one's.
    #[serde(default)]
    #[schemars(
        description = "Con `true`, dentro una fascia il punteggio va pro rata da quello della fascia a quello della successiva (come le fasce «pro rata» delle suite di valutazione); se assente, ogni fascia vale il suo punteggio"
    )]
    pub pro_rata: Option<bool>,
    /// Points lost per day late on a deadline target; without it a late deadline counts 0.
    #[serde(default)]
    #[schemars(range(min = 0))]
    #[schemars(
        description = "Punti percentuali persi per ogni giorno di ritardo su un target a scadenza (\"entro il ...\"); se assente, una scadenza mancata vale 0"
    )]
    pub punti_ritardo: Option<f64>,
    /// What a missing result counts.
    #[serde(default)]
    #[schemars(
        description = "Come conta un risultato mancante: `zero` (se assente) o `escluso` (l'indicatore non entra nella media)"
    )]
    pub risultato_mancante: Option<RisultatoMancante>,
}

/// A band of achievement and the score it counts.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una fascia di valutazione")]
pub struct Fascia {
    /// Lower bound of the band (percent, included).
    #[schemars(description = "Limite inferiore della fascia, in percentuale (incluso)")]
    pub da: f64,
    /// The score an achievement in this band counts (percent).
    #[schemars(
        description = "Il punteggio che vale un raggiungimento in questa fascia, in percentuale"
    )]
    pub punteggio: f64,
}

/// What a missing result counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Come conta un risultato mancante")]
pub enum RisultatoMancante {
    /// It counts 0.
    #[default]
    #[schemars(description = "Conta 0")]
    Zero,
    /// The indicator is left out of its objective's average.
    #[schemars(description = "L'indicatore è escluso dalla media del suo obiettivo")]
    Escluso,
}

/// A node of the objective tree: an area, a strategic or operational objective, an action.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Un nodo dell'albero: un'area, un obiettivo strategico od operativo, un'azione; il codice (1, 1.2, 1.2.3) è calcolato dalla posizione"
)]
pub struct Nodo {
    /// Stable identity that survives renumbering; referenced by assignments.
    #[serde(default)]
    #[schemars(
        description = "Identificativo stabile, che non cambia con la rinumerazione: si può usare nelle assegnazioni e aiuta `piano diff`"
    )]
    pub id: Option<String>,
    /// The body's own number for this node ("1", "3", "7"), when it numbers objectives
    /// itself instead of by position; the codes of the children follow from it.
    #[serde(default)]
    #[schemars(
        description = "Numero proprio del nodo, quando l'ente numera gli obiettivi da sé (\"1\", \"3\", \"7\") invece che per posizione; i codici dei figli ne derivano"
    )]
    pub numero: Option<String>,
    /// The number of the scheda this node is printed in, when the body numbers its schede
    /// ("SCHEDA 3"); consecutive siblings with the same number share one scheda. On an
    /// action (a node of a level without schede), the number of the scheda of its objective
    /// it is printed in: the objective gets one numbered scheda per run of actions with the
    /// same number (an action without one stays in the scheda of the action before it), its
    /// own fields and indicators in the first.
    #[serde(default)]
    #[schemars(
        description = "Numero della scheda in cui il nodo è stampato, quando l'ente numera le schede (\"SCHEDA 3\"); nodi fratelli consecutivi con lo stesso numero condividono una scheda. Su un'azione (livello senza scheda propria) è il numero della scheda del suo obiettivo in cui l'azione è stampata: l'obiettivo ha una scheda numerata per ogni gruppo di azioni consecutive con lo stesso numero (un'azione senza numero resta nella scheda dell'azione precedente), con i propri campi e indicatori nella prima"
    )]
    pub scheda: Option<String>,
    /// Title, written once and shown everywhere.
    #[schemars(description = "Titolo, scritto una volta e mostrato ovunque")]
    pub titolo: String,
    /// Short qualifier shown under the title.
    #[serde(default)]
    #[schemars(description = "Breve qualificazione sotto il titolo")]
    pub sottotitolo: Option<String>,
    /// Weight (percent) within the parent.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    #[schemars(
        description = "Peso in percentuale (0–100) nel nodo di livello superiore (ad esempio di un obiettivo strategico nella sua area)"
    )]
    pub peso: Option<f64>,
    /// Link to the state budget classification.
    #[serde(default)]
    #[schemars(
        description = "Collegamento al bilancio: Missione e Programma (es. Missione 011, Programma 005)"
    )]
    pub bilancio: Option<Bilancio>,
    /// PIAO value chain: the `id` of the implementing strategy of subsection 2.1 the node
    /// contributes to (its public-value objective follows from it).
    #[serde(default)]
    #[schemars(
        description = "Nel PIAO, la catena del valore: l'`id` della strategia attuativa della sottosezione 2.1 (`piao.valore_pubblico`) a cui l'obiettivo contribuisce; l'obiettivo di valore pubblico ne deriva"
    )]
    pub strategia: Option<String>,
    /// Description and actions (Markdown subset).
    #[serde(default)]
    #[schemars(description = "Descrizione e azioni (Markdown ridotto)")]
    pub descrizione: Option<String>,
    /// Offices involved.
    #[serde(default)]
    #[schemars(description = "Gli uffici coinvolti")]
    pub uffici: Vec<String>,
    /// Staff committed (Markdown subset).
    #[serde(default)]
    #[schemars(description = "Impegno richiesto al personale (Markdown ridotto)")]
    pub impegno: Option<String>,
    /// Timings of the work, its phases and deadlines (Markdown subset).
    #[serde(default)]
    #[schemars(description = "Tempistiche: fasi e scadenze del lavoro (Markdown ridotto)")]
    pub tempi: Option<String>,
    /// Expected benefits and improvements (Markdown subset).
    #[serde(default)]
    #[schemars(description = "Benefici e miglioramenti attesi (Markdown ridotto)")]
    pub benefici: Option<String>,
    /// Indicators.
    #[serde(default)]
    #[schemars(description = "Gli indicatori dell'obiettivo")]
    pub indicatori: Vec<Indicatore>,
    /// Targets of the node itself, when it is its own measure (a Risultato atteso): one
    /// implicit indicator, printed once, worded by the title.
    #[serde(default)]
    #[schemars(
        description = "Target del nodo stesso, quando è esso stesso la misura (un Risultato atteso), per scadenza: un indicatore implicito, stampato una volta sola"
    )]
    pub target: BTreeMap<String, Target>,
    /// Baseline of the node's own targets.
    #[serde(default)]
    #[schemars(description = "Valore di partenza dei target del nodo stesso")]
    pub baseline: Option<Target>,
    /// Period of an action ("giugno 2024", "da marzo 2024").
    #[serde(default)]
    #[schemars(
        description = "Periodo di un'azione, ad esempio \"giugno 2024\" o \"da marzo 2024\""
    )]
    pub periodo: Option<String>,
    /// Group heading of an action ("Linee di azione istituzionali"); consecutive siblings
    /// with the same group are printed under one heading.
    #[serde(default)]
    #[schemars(
        description = "Gruppo dell'azione, ad esempio \"Linee di azione istituzionali\": fratelli consecutivi con lo stesso gruppo sono stampati sotto un solo titolo, senza un livello in più nell'albero"
    )]
    pub gruppo: Option<String>,
    /// Financial resources.
    #[serde(default)]
    #[schemars(description = "Le risorse finanziarie")]
    pub risorse: Vec<Risorsa>,
    /// Notes printed at the end of the scheda (Markdown subset).
    #[serde(default)]
    #[schemars(description = "Note stampate in fondo alla scheda (Markdown ridotto)")]
    pub note: Option<String>,
    /// Narrative sections of the node (scenario, context, tools, funding), before its
    /// scheda, after it, or after its children.
    #[serde(default)]
    #[schemars(
        description = "Sezioni narrative del nodo (scenario, contesto normativo, strumenti, finanziamenti), stampate prima della sua scheda, dopo, o dopo i suoi figli (vedi `posizione`)"
    )]
    pub sezioni: Vec<Sezione>,
    /// Children at the next level.
    #[serde(default)]
    #[schemars(
        description = "I nodi del livello successivo, ad esempio gli obiettivi operativi di un obiettivo strategico"
    )]
    pub figli: Vec<Nodo>,
}

/// Missione and Programma of the state budget classification.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Missione e Programma della classificazione del bilancio dello Stato")]
pub struct Bilancio {
    /// Missione.
    #[schemars(description = "La Missione (es. codice \"011\")")]
    pub missione: VoceBilancio,
    /// Programma.
    #[schemars(description = "Il Programma (es. codice \"005\")")]
    pub programma: VoceBilancio,
}

/// A coded budget entry.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una voce di bilancio: codice e descrizione")]
pub struct VoceBilancio {
    /// Code, e.g. "011".
    #[schemars(description = "Codice, ad esempio \"011\"")]
    pub codice: String,
    /// Description.
    #[schemars(description = "Descrizione della voce")]
    pub descrizione: String,
}

/// Kind of indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Tipo di indicatore")]
pub enum TipoIndicatore {
    /// Efficacia.
    #[schemars(description = "Efficacia")]
    Efficacia,
    /// Efficienza.
    #[schemars(description = "Efficienza")]
    Efficienza,
    /// Qualità.
    #[schemars(description = "Qualità")]
    Qualita,
    /// Volume.
    #[schemars(description = "Volume")]
    Volume,
    /// Outcome.
    #[schemars(description = "Outcome (impatto)")]
    Outcome,
    /// Stato delle risorse.
    #[schemars(description = "Stato delle risorse")]
    StatoRisorse,
}

/// An indicator with its baseline, targets and weight.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un indicatore, con baseline, target e peso")]
pub struct Indicatore {
    /// Stable identity that survives renumbering.
    #[serde(default)]
    #[schemars(
        description = "Identificativo stabile, che non cambia con la rinumerazione: aiuta `piano diff`"
    )]
    pub id: Option<String>,
    /// What it measures.
    #[schemars(description = "Che cosa misura l'indicatore")]
    pub descrizione: String,
    /// Formula (algoritmo).
    #[serde(default)]
    #[schemars(description = "Formula di calcolo (algoritmo)")]
    pub formula: Option<String>,
    /// Unit of measure.
    #[serde(default)]
    #[schemars(description = "Unità di misura")]
    pub unita: Option<String>,
    /// Kind.
    #[serde(default)]
    #[schemars(
        description = "Tipo: `efficacia`, `efficienza`, `qualita`, `volume`, `outcome` o `stato_risorse`"
    )]
    pub tipo: Option<TipoIndicatore>,
    /// Source of the data.
    #[serde(default)]
    #[schemars(description = "Fonte dei dati")]
    pub fonte: Option<String>,
    /// Baseline (target storico).
    #[serde(default)]
    #[schemars(description = "Valore di partenza (target storico)")]
    pub baseline: Option<Target>,
    /// Target per deadline of the node's level.
    #[serde(default)]
    #[schemars(
        description = "Un target per ogni scadenza del livello, ad esempio {\"2021\": \">= 250\", \"2022\": \"SI\"}; \"-\" se non applicabile"
    )]
    pub target: BTreeMap<String, Target>,
    /// Weight (percent) in the objective: one value, or one per deadline.
    #[serde(default)]
    #[schemars(
        description = "Peso in percentuale (0–100) nell'obiettivo: un numero, o un numero per scadenza, ad esempio {\"2021\": 40, \"2022\": 30}"
    )]
    pub peso: Option<Peso>,
    /// Evidence to show the OIV.
    #[serde(default)]
    #[schemars(description = "Documentazione e report da mostrare all'OIV")]
    pub documentazione: Option<String>,
    /// Offices responsible for this indicator.
    #[serde(default)]
    #[schemars(description = "Gli uffici responsabili dell'indicatore")]
    pub uffici: Vec<String>,
}

/// A weight: the same for every deadline, or one per deadline.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Un peso in percentuale: lo stesso per tutte le scadenze, o uno per scadenza"
)]
pub enum Peso {
    /// One weight.
    #[schemars(description = "Un peso unico per tutte le scadenze (0–100)")]
    Unico(#[schemars(range(min = 0, max = 100))] f64),
    /// A weight per deadline (e.g. per year).
    #[schemars(description = "Un peso per scadenza, ad esempio {\"2021\": 40, \"2022\": 30}")]
    PerScadenza(BTreeMap<String, Percentuale>),
}

/// A percentage between 0 and 100.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(description = "Una percentuale da 0 a 100 (40 significa 40%)")]
pub struct Percentuale(#[schemars(range(min = 0, max = 100))] pub f64);

/// A target as the plan states it, with optional numeric structure.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Un target come lo scrive il piano: un testo, un numero o un testo con la struttura numerica"
)]
pub enum Target {
    /// A number, printed in Italian format.
    #[schemars(description = "Un numero, stampato nel formato italiano")]
    Numero(f64),
    /// The wording of the plan, kept as written (`SI`, `>= 250`, `entro il 1/6/2019`).
    #[schemars(
        description = "Il testo del piano, così come scritto: \"SI\", \">= 250\", \"entro il 1/6/2019\", \"-\""
    )]
    Testo(String),
    /// Wording plus explicit structure.
    #[schemars(
        description = "Il testo con la struttura numerica: {\"testo\": \">= 250\", \"confronto\": \">=\", \"valore\": 250, \"unita\": \"imprese\"}"
    )]
    Strutturato(TargetStrutturato),
}

/// A target with its wording and explicit numeric structure.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Un target con il suo testo e la struttura numerica, che serve a calcolare il grado di raggiungimento"
)]
pub struct TargetStrutturato {
    /// The wording, as printed.
    #[schemars(description = "Il testo del target, come va stampato")]
    pub testo: String,
    /// Comparator: `>=`, `<=`, `=`, `>`, `<`.
    #[serde(default)]
    #[schemars(description = "Verso del confronto: `>=`, `<=`, `=`, `>` o `<`")]
    pub confronto: Option<String>,
    /// Numeric value.
    #[serde(default)]
    #[schemars(description = "Valore numerico")]
    pub valore: Option<f64>,
    /// Unit of the value (`%`, `gg.`, `imprese`).
    #[serde(default)]
    #[schemars(description = "Unità del valore, ad esempio \"%\", \"gg.\", \"imprese\"")]
    pub unita: Option<String>,
}

/// A line of financial resources.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Una riga di risorse finanziarie")]
pub struct Risorsa {
    /// Revenue/cost account and description.
    #[serde(default)]
    #[schemars(description = "Conto di ricavo o di costo e descrizione")]
    pub conto: Option<String>,
    /// Amount in euro (operational objectives).
    #[serde(default)]
    #[schemars(description = "Importo in euro (obiettivi operativi)")]
    pub importo: Option<f64>,
    /// Estimated amount per year in euro (strategic objectives).
    #[serde(default)]
    #[schemars(
        description = "Stima dell'importo in euro per anno (obiettivi strategici), ad esempio {\"2021\": 150000}"
    )]
    pub stime: BTreeMap<String, f64>,
    /// Budget line.
    #[serde(default)]
    #[schemars(description = "Voce di budget")]
    pub budget: Option<String>,
}

/// A controlled agency and its objectives.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un'azienda speciale e i suoi obiettivi")]
pub struct AziendaSpeciale {
    /// Name, e.g. "Azienda Speciale Pro Brixia".
    #[schemars(description = "Nome, ad esempio \"Azienda Speciale Pro Brixia\"")]
    pub nome: String,
    /// Level of its objectives; defaults to the last level of the main tree.
    #[serde(default)]
    #[schemars(
        description = "Il livello dei suoi obiettivi; se assente, l'ultimo livello dell'albero"
    )]
    pub livello: Option<Livello>,
    /// Its objectives, numbered 1, 2, 3...
    #[schemars(description = "I suoi obiettivi, numerati 1, 2, 3...")]
    pub obiettivi: Vec<Nodo>,
}

/// Assignment of objectives to managers.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "L'assegnazione degli obiettivi ai dirigenti")]
pub struct Assegnazioni {
    /// Year of the assignment.
    #[schemars(description = "Anno dell'assegnazione")]
    pub anno: i32,
    /// One entry per manager.
    #[schemars(description = "Un elemento per dirigente")]
    pub dirigenti: Vec<Dirigente>,
}

/// A manager and the objectives assigned to them.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un dirigente e gli obiettivi che gli sono assegnati")]
pub struct Dirigente {
    /// Name and surname.
    #[schemars(description = "Nome e cognome")]
    pub nome: String,
    /// Honorific (dr, dr.ssa, sig.).
    #[serde(default)]
    #[schemars(description = "Titolo: dr, dr.ssa, sig. ...")]
    pub titolo: Option<String>,
    /// Role, e.g. "Segretario Generale e Dirigente Area Amministrativa".
    #[schemars(
        description = "Ruolo, ad esempio \"Segretario Generale e Dirigente Area Amministrativa\""
    )]
    pub ruolo: String,
    /// Objectives assigned, each with its weight.
    #[schemars(
        description = "Gli obiettivi assegnati, ognuno con il suo peso; i pesi sommano a 100"
    )]
    pub obiettivi: Vec<ObiettivoAssegnato>,
}

/// One objective assigned to a manager.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un obiettivo assegnato a un dirigente")]
pub struct ObiettivoAssegnato {
    /// The objective: its `id`, or its derived code (e.g. "1.1.2").
    #[schemars(description = "L'obiettivo: il suo `id` o il suo codice (es. \"1.1.2\")")]
    pub obiettivo: String,
    /// The objective's title as the office reads it in its own list; checked against the
    /// tree, never printed (the tree's title is).
    #[serde(default)]
    #[schemars(
        description = "Il titolo dell'obiettivo come lo legge l'ufficio: è confrontato con l'albero, ma non stampato"
    )]
    pub titolo: Option<String>,
    /// Weight (percent) in the manager's list.
    #[schemars(range(min = 0, max = 100))]
    #[schemars(description = "Peso in percentuale (0–100) tra gli obiettivi del dirigente")]
    pub peso: f64,
}

impl Tabella {
    /// A table of `colonne` and `righe` with a caption, and nothing else: no totals row,
    /// note or source, the page's orientation decided by its width.
    pub fn nuova(
        titolo: impl Into<String>,
        colonne: Vec<Colonna>,
        righe: Vec<Vec<Cella>>,
    ) -> Tabella {
        Tabella {
            titolo: titolo.into(),
            colonne,
            righe,
            totale: None,
            note: None,
            fonte: None,
            orizzontale: None,
        }
    }
}

impl Documento {
    /// Every year of the plan's period, in order.
    pub fn anni(&self) -> Vec<String> {
        (self.anno_inizio..=self.anno_fine)
            .map(|y| y.to_string())
            .collect()
    }
}

impl Piano {
    /// The chapters printed before the planning chapter: every one but those placed after it.
    pub fn sezioni_prima(&self) -> impl Iterator<Item = &Sezione> {
        self.sezioni
            .iter()
            .filter(|s| s.posizione != Some(PosizioneSezione::Dopo))
    }

    /// The number of the planning chapter: as the plan sets it, or after the numbered
    /// chapters before it.
    pub fn numero_capitolo(&self) -> usize {
        match self.documento.numero_capitolo {
            Some(n) => n as usize,
            None => self.capitoli_prima() + 1,
        }
    }

    /// How many numbered chapters precede the planning chapter.
    pub fn capitoli_prima(&self) -> usize {
        self.sezioni_prima()
            .filter(|s| s.numerata.unwrap_or(true))
            .count()
    }
}

impl Documento {
    /// The deadlines of the targets of a node of `livello`: the level's, or every year of
    /// the plan when the level declares none or is not named.
    pub fn scadenze(&self, livello: Option<&Livello>) -> Vec<String> {
        livello.map_or_else(|| self.anni(), |l| l.scadenze_effettive(self))
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

impl Nodo {
    /// The number of the scheda it is printed in, when it names one (a blank one is none).
    pub fn numero_scheda(&self) -> Option<&str> {
        pieno(&self.scheda)
    }

    /// Its group heading, when it names one.
    pub fn nome_gruppo(&self) -> Option<&str> {
        pieno(&self.gruppo)
    }

    /// Its period, when it names one.
    pub fn periodo_azione(&self) -> Option<&str> {
        pieno(&self.periodo)
    }
}

/// A text field's value trimmed, `None` when absent or blank.
fn pieno(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

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
            atti[1].approvazione(),
            "Adottato con deliberazione di Giunta n. 45 del 26 aprile 2021"
        );
        assert_eq!(
            atti[0].approvazione(),
            "Validato dall'OIV in data 19 aprile 2021"
        );
        let numerato = Atto {
            numero: Some("3".into()),
            ..atti[0].clone()
        };
        assert_eq!(
            numerato.approvazione(),
            "Validato dall'OIV con atto n. 3 in data 19 aprile 2021"
        );
    }
}
