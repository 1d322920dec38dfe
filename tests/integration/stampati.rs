//! Every field the schema accepts is printed (issue 13, point 1): one plan where every
//! property of the schema is present, in every kind of node, each text a unique marker and
//! each number a distinctive value; its PDF and HTML must show each of them, unless
//! `piano check` warns (P090) that the field is not printed, at its JSON path.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::check::check_json;
use crate::common::*;

/// TEMPORARY. Keys of the model (`Type.field`) of issue 13 that other branches print, in
/// parallel work: the lead empties this list after merging them (the test fails on a key
/// listed here with nothing left pending). A key that prints as something other than its
/// value (the switch `Documento.illustrativo`, the `{scadenza}` of `Livello.colonne`) then
/// moves to [`ESENTI`] or [`PAROLE`] with how it shows.
const PENDING_ISSUE_13: &[&str] = &[];

/// TEMPORARY. Types of the PIAO (issue 15) whose sections other branches print, in parallel
/// work, and `Piano.piao` itself: their fields are not yet required in the test plan. Each
/// branch removes its types when it adds its section, fully marked, to [`piano_completo`];
/// the lead empties the list.
const PENDING_ISSUE_15: &[&str] = &[
    "Piano.piao",
    "Piao",
    "FasciaDipendenti",
    "InformazioneUlteriore",
    "Allegato",
    "Performance",
    "FaseCiclo",
    "LavoroAgile",
    "CondizioniLavoroAgile",
    "Pubblicazione",
    "Anagrafica",
    "ValorePubblico",
    "Rischi",
    "Struttura",
    "Fabbisogni",
];

/// Whether the schema field `campo` (`Type.field`) belongs to [`PENDING_ISSUE_15`].
fn pending_15(campo: &str) -> bool {
    let tipo = campo.split(['.', '#']).next().unwrap_or_default();
    PENDING_ISSUE_15.contains(&campo) || PENDING_ISSUE_15.contains(&tipo)
}

/// Fields that are not content: each shows as something other than its value, or not at
/// all, for the reason given.
const ESENTI: &[(&str, &str)] = &[
    (
        "Piano.$schema",
        "where an editor finds the schema; never in a document",
    ),
    ("Nodo.id", "identity for `piano diff` and the assignments"),
    (
        "Misurazione.pro_rata",
        "a flag: the rules table adds «Dentro una fascia: pro rata…» (misura::regole tests)",
    ),
    (
        "Documento.illustrativo",
        "a flag: when true, the covers and the page header carry the notice «Documento illustrativo: …» (esempi.rs)",
    ),
    (
        "Documento.numero_capitolo",
        "the number of the planning chapter's heading and of those after it (capitolo.rs)",
    ),
    (
        "Sezione.posizione",
        "where the section goes: before or after the chapter or the scheda (capitolo.rs)",
    ),
    ("Indicatore.id", "identity for `piano diff`"),
    ("Ente.logo", "a file name: the image shows on the cover"),
    (
        "Atto.tipo",
        "selects the wording of the act: \"Validato dall'…\", \"Adottato con…\"",
    ),
    (
        "Atto.data",
        "printed as a date in words (\"20 gennaio 2024\")",
    ),
    (
        "Livello.scadenze",
        "become the target columns' headings (\"Target 2024\", \"al 2024\")",
    ),
    (
        "Livello.scheda",
        "a switch: whether the level's nodes get a scheda",
    ),
    (
        "Livello.numerato",
        "a switch: whether the level's nodes get a code",
    ),
    (
        "Documento.anno_inizio",
        "the period on the cover and in the title (\"2024 - 2025\")",
    ),
    (
        "Documento.anno_fine",
        "the period on the cover and in the title",
    ),
    (
        "Documento.licenza_dati",
        "the licence of the open data, named in the HTML footer and datapackage.json",
    ),
    ("Pola.anno_inizio", "the POLA's period"),
    ("Pola.anno_fine", "the POLA's period"),
    ("Assegnazioni.anno", "the year in the assignments' heading"),
    (
        "ObiettivoAssegnato.obiettivo",
        "a reference: the row shows the objective's code and title from the tree",
    ),
    (
        "ObiettivoAssegnato.titolo",
        "checked against the tree's title (P042 when different), never printed: the tree's is",
    ),
    (
        "TargetStrutturato.confronto",
        "numeric structure of the printed `testo`, for the open data",
    ),
    (
        "TargetStrutturato.valore",
        "numeric structure of the printed `testo`, for the open data",
    ),
    (
        "TargetStrutturato.unita",
        "numeric structure of the printed `testo`, for the open data",
    ),
    (
        "Sezione.numerata",
        "a switch: whether the section gets a number",
    ),
    (
        "Tabella.orizzontale",
        "a switch: the table's page is landscape",
    ),
    ("Colonna.allineamento", "how the column's cells are aligned"),
    ("Colonna.formato", "how the column's numbers are written"),
    (
        "Colonna.decimali",
        "how many decimals the column's numbers show",
    ),
    ("Grafico.tipo", "the kind of chart drawn"),
    (
        "Livello.plurale",
        "counts the nodes of the level in the text alternative of the tree's figure (\"2 aree strategiche\")",
    ),
    (
        "Ente.tipo",
        "the kind of body, among the PDF's keywords: on the page the body's name says it",
    ),
    (
        "CondizioneAbilitante.fase",
        "a reference to one of `fasi`: marks that phase's column",
    ),
    (
        "CategoriaMonitorata.sottofase",
        "a reference to a sub-phase's `id`: the row shows that sub-phase's id and name",
    ),
];

/// Fields printed in the PDF only, for the reason given.
const SOLO_PDF: &[(&str, &str)] = &[(
    "Ente.nome_breve",
    "the running header of the PDF's pages; the HTML page has none",
)];

/// Enumerated values and the words they print as.
const PAROLE: &[(&str, &str)] = &[
    (
        "Conteggi.dimensione",
        "condizioni abilitanti – salute digitale",
    ),
    ("Indicatore.tipo", "stato delle risorse"),
    (
        "Misurazione.risultato_mancante",
        "l'indicatore è escluso dalla media",
    ),
    (
        "IndicatoreDfp.dimensione",
        "Performance organizzativa – Efficacia",
    ),
    ("AttivitaFormativa.destinatari", "Entrambi"),
    (
        "CategoriaMonitorata.categoria",
        "Obiettivi di performance organizzativa",
    ),
    // Booleans, printed as words.
    ("AttivitaFormativa.obbligatoria", "Sì"),
    ("AttivitaFormativa.verifica_apprendimento", "Sì"),
    ("AttivitaRiconosciuta.verifica_apprendimento", "Sì"),
    // Dates, printed as a period in a table.
    (
        "AttivitaFormativa.data_inizio",
        "dal 02/10/2023 al 17/11/2023",
    ),
    (
        "AttivitaFormativa.data_fine",
        "dal 02/10/2023 al 17/11/2023",
    ),
    ("Sottofase.data_inizio", "dal 01/02/2024 al 30/04/2024"),
    ("Sottofase.data_fine", "dal 01/02/2024 al 30/04/2024"),
    (
        "CategoriaMonitorata.data_inizio",
        "dal 01/03/2024 al 31/03/2024",
    ),
    (
        "CategoriaMonitorata.data_fine",
        "dal 01/03/2024 al 31/03/2024",
    ),
    ("Milestone.data", "16/03/2024"),
    // An id another table refers to (a marker would differ from the reference).
    ("Sottofase.id", "SF9"),
];

/// The nodes of the plan, one of each kind, that must each carry every field of a node.
const CONTESTI: &[(&str, &str)] = &[
    ("albero[0]", "first-level node, whose level has no scheda"),
    ("albero[0].figli[0]", "objective with a scheda"),
    (
        "albero[0].figli[0].figli[0]",
        "action in its objective's table (its level has no scheda)",
    ),
    ("aziende_speciali[0].obiettivi[0]", "an agency's objective"),
];

/// The types that make a node, checked complete in each of [`CONTESTI`].
const TIPI_DEL_NODO: &[&str] = &["Nodo", "Indicatore", "Risorsa", "Bilancio", "VoceBilancio"];

/// Every text `"@"` below becomes a unique marker (`QX001`, ...).
fn indicatori(pesi: [Value; 2]) -> Value {
    let [p1, p2] = pesi;
    json!([
        {
            "id": "@", "descrizione": "@", "formula": "@", "unita": "@", "tipo": "stato_risorse",
            "fonte": "@", "baseline": "@", "target": { "2024": "@", "2025": 4242 },
            "peso": p1, "documentazione": "@", "uffici": ["@"]
        },
        {
            "descrizione": "@",
            "target": {
                "2024": { "testo": "@", "confronto": ">=", "valore": 250, "unita": "@" },
                "2025": "@"
            },
            "peso": p2
        }
    ])
}

/// Every field of a node, `figli` given.
fn nodo(id: &str, peso: f64, pesi: [Value; 2], figli: Value) -> Value {
    json!({
        "id": id, "numero": "@", "scheda": "@", "titolo": "@", "sottotitolo": "@",
        "peso": peso,
        "bilancio": {
            "missione": { "codice": "@", "descrizione": "@" },
            "programma": { "codice": "@", "descrizione": "@" }
        },
        "descrizione": "@", "uffici": ["@"], "impegno": "@", "tempi": "@", "benefici": "@",
        "indicatori": indicatori(pesi),
        "target": { "2024": "@", "2025": "@" }, "baseline": "@",
        "periodo": "@", "gruppo": "@",
        "risorse": [
            { "conto": "@", "importo": 16000.5, "budget": "@" },
            { "conto": "@", "stime": { "2024": 150000 }, "budget": "@", "importo": 999.5 }
        ],
        "note": "@",
        "sezioni": [ { "titolo": "@", "contenuto": [ { "testo": "@" } ] } ],
        "figli": figli
    })
}

fn livello(scheda: bool) -> Value {
    json!({
        "nome": "@", "plurale": "@", "scadenze": ["2024", "2025"], "scheda": scheda,
        "etichetta_peso": "@", "numerato": true,
        "colonne": {
            "indicatore": "@", "baseline": "@", "target": "@ {scadenza}", "peso": "@",
            "uffici": "@", "periodo": "@"
        }
    })
}

fn atti() -> Value {
    json!([
        { "organo": "@", "tipo": "validazione", "numero": "@", "data": "2024-01-20", "oggetto": "@" },
        { "organo": "@", "tipo": "adozione", "numero": "@", "data": "2024-01-30", "oggetto": "@" }
    ])
}

/// The plan with every field, texts still `"@"`.
fn piano_completo() -> Value {
    let azione = nodo("azione", 87.5, [json!(70), json!(30)], json!([]));
    let obiettivo = nodo(
        "ob-scheda",
        65.0,
        [
            json!({ "2024": 62.5, "2025": 55 }),
            json!({ "2024": 37.5, "2025": 45 }),
        ],
        json!([azione, { "titolo": "@", "peso": 12.5 }]),
    );
    let area = nodo(
        "area",
        72.5,
        [json!(100), Value::Null],
        json!([obiettivo, { "titolo": "@", "peso": 35 }]),
    );
    let azienda = nodo(
        "ob-azienda",
        81.5,
        [json!(58), json!(42)],
        json!([{ "titolo": "@", "descrizione": "@" }]),
    );
    let mut area = area;
    area["indicatori"][1]["peso"] = json!(0);
    json!({
        "$schema": "../schema/piano.schema.json",
        "ente": { "nome": "@", "nome_breve": "@", "tipo": "@", "sito": "@", "logo": "logo.svg" },
        "documento": {
            "titolo": "@", "anno_inizio": 2024, "anno_fine": 2025, "sottotitolo": "@",
            "riferimento_normativo": "@", "titolo_capitolo": "@", "numero_capitolo": 7,
            "intestazioni": { "albero": "@", "sintesi": "@", "schede": "@", "assegnazioni": "@ {anno}" },
            "illustrativo": true, "licenza_dati": "CC0-1.0"
        },
        "atti": atti(),
        "livelli": [livello(false), livello(true), livello(false)],
        "ponderazione": { "quota_indicatori": 40 },
        "misurazione": { "tetto": 120, "soglia": 65, "punti_ritardo": 2.5,
                         "risultato_mancante": "escluso",
                         "fasce": [{ "da": 72, "punteggio": 77 }], "pro_rata": true },
        "introduzione": "@",
        "programmazione": ["@"],
        "albero": [area, { "titolo": "@", "peso": 27.5 }],
        "aziende_speciali": [
            { "nome": "@", "livello": livello(true), "obiettivi": [azienda, { "titolo": "@", "peso": 18.5 }] }
        ],
        "assegnazioni": {
            "anno": 2024,
            "dirigenti": [{
                "nome": "@", "titolo": "@", "ruolo": "@",
                "obiettivi": [
                    { "obiettivo": "ob-scheda", "titolo": "@", "peso": 66 },
                    { "obiettivo": "ob-azienda", "peso": 34 }
                ]
            }]
        },
        "sezioni": [{
            "titolo": "@", "numerata": true, "posizione": "prima",
            "contenuto": [
                { "testo": "@" },
                { "tabella": {
                    "titolo": "@",
                    "colonne": [
                        { "titolo": "@", "allineamento": "destra", "formato": "numero", "decimali": 1 },
                        { "titolo": "@" }
                    ],
                    "righe": [[1234.5, "@"], [null, "@"]],
                    "totale": [5678.5, "@"],
                    "note": "@", "fonte": "@", "orizzontale": false
                } },
                { "grafico": {
                    "tipo": "barre", "titolo": "@", "categorie": ["@", "@"],
                    "serie": [{ "nome": "@", "valori": [12.5, null] }, { "nome": "@", "valori": [31.25, 41.75] }], "unita": "@", "fonte": "@"
                } },
                { "organigramma": {
                    "titolo": "@",
                    "radice": { "nome": "@", "responsabile": "@", "staff": [{ "nome": "@" }], "unita": [{ "nome": "@" }] }
                } }
            ],
            "sezioni": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }]
        }],
        "firme": [{ "ruolo": "@", "nome": "@" }],
        "pola": {
            "titolo": "@", "sottotitolo": "@", "anno_inizio": 2024, "anno_fine": 2024,
            "atti": atti(),
            "sezioni": [{
                "titolo": "@",
                "contenuto": [
                    { "serie_mensile": {
                        "titolo": "@", "anno": 2024,
                        "mesi": [{ "mese": "@", "dipendenti": 321, "lavoratori_agili": 123, "giorni_medi_settimana": 1.5, "giornate_totali": 777 }]
                    } },
                    { "conteggi": {
                        "titolo": "@", "dimensione": "salute_digitale", "periodi": ["@"],
                        "righe": [{ "voce": "@", "valori": [4321] }]
                    } },
                    { "programma_sviluppo": {
                        "titolo": "@", "fasi": ["QH01", "QH02"],
                        "condizioni": [{ "condizione": "@", "fase": "QH02" }]
                    } },
                    { "indicatori_dfp": {
                        "titolo": "@", "fasi": ["QH03"],
                        "indicatori": [{ "dimensione": "efficacia", "indicatore": "@", "baseline": "@", "target": { "QH03": "@" }, "fonte": "@" }]
                    } }
                ]
            }],
            "firme": [{ "ruolo": "@", "nome": "@" }]
        },
        "piao": {
            "dipendenti": "oltre_50",
            "formazione": {
                "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
                "contesto_normativo": "@", "stato_dell_arte": "@", "strategia": "@",
                "risorse": "@", "incentivi": "@",
                "fotografia": [attivita_formativa(true)],
                "obiettivi": [attivita_formativa(false)],
                "riconosciute": [{
                    "tipologia": "@", "ambito": "@", "area_tematica": "@",
                    "formati_dirigenti": 711, "formati_non_dirigenti": 722, "ore": 73.5,
                    "verifica_apprendimento": true
                }],
                "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
                "allegato": { "titolo": "@", "file": "@", "descrizione": "@" }
            },
            "monitoraggio": {
                "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
                "strumenti": "@", "soddisfazione_utenti": "@", "monitoraggio_piao": "@",
                "sottosezioni": {
                    "introduzione": "@", "valore_pubblico": "@", "performance_organizzativa": "@",
                    "performance_individuale": "@", "rischi_corruttivi": "@",
                    "struttura_organizzativa": "@", "lavoro_agile": "@", "fabbisogni": "@",
                    "formazione": "@"
                },
                "sottofasi": [{
                    "id": "SF9", "sottofase": "@", "descrizione": "@", "attori": "@",
                    "strumenti": "@", "data_inizio": "2024-02-01", "data_fine": "2024-04-30",
                    "fonte_dato": "@",
                    "milestone": [{ "descrizione": "@", "data": "2024-03-16" }]
                }],
                "categorie": [{
                    "sottofase": "SF9", "categoria": "performance_organizzativa",
                    "attori": "@", "attivita": "@",
                    "data_inizio": "2024-03-01", "data_fine": "2024-03-31"
                }],
                "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
                "allegato": { "titolo": "@", "file": "@", "descrizione": "@" }
            }
        }
    })
}

/// A training activity of subsection 3.3.2 with every field; `fotografia` adds the people
/// trained (the objectives have none).
fn attivita_formativa(fotografia: bool) -> Value {
    let mut a = json!({
        "codice": "@", "tipologia": "@", "titolo": "@", "ambito": "@", "area_tematica": "@",
        "obbligatoria": true, "riferimento_normativo": "@", "destinatari": "entrambi",
        "target_dirigenti": 611, "target_non_dirigenti": 622, "ore": 65.5,
        "verifica_apprendimento": true, "crediti": 6.5, "modalita_gestione": "@",
        "ente_erogatore": "@", "costo": 6789.25,
        "data_inizio": "2023-10-02", "data_fine": "2023-11-17"
    });
    if fotografia {
        a["formati_dirigenti"] = json!(633);
        a["formati_non_dirigenti"] = json!(644);
    }
    a
}

/// The numbers of the plan and how each prints (by path), computed by hand.
fn numeri() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("albero[0].peso", "72,50%"),
        ("misurazione.tetto", "120,00%"),
        ("misurazione.soglia", "65,00%"),
        ("misurazione.punti_ritardo", "100 meno 2,50 punti"),
        ("misurazione.fasce[0].da", "Fascia da 72,00%"),
        ("misurazione.fasce[0].punteggio", "vale 77,00%"),
        ("albero[1].peso", "27,50%"),
        ("albero[0].indicatori[0].peso", "100,00%"),
        ("albero[0].indicatori[1].peso", "0,00%"),
        ("albero[0].indicatori[0].target.2025", "4.242"),
        ("albero[0].risorse[0].importo", "16.000,50"),
        ("albero[0].risorse[1].stime.2024", "150.000,00"),
        ("albero[0].figli[0].peso", "65,00%"),
        ("albero[0].figli[1].peso", "35,00%"),
        ("albero[0].figli[0].indicatori[0].peso.2024", "62,50%"),
        ("albero[0].figli[0].indicatori[0].peso.2025", "55,00%"),
        ("albero[0].figli[0].indicatori[1].peso.2024", "37,50%"),
        ("albero[0].figli[0].indicatori[1].peso.2025", "45,00%"),
        ("albero[0].figli[0].indicatori[0].target.2025", "4.242"),
        ("albero[0].figli[0].risorse[0].importo", "16.000,50"),
        ("albero[0].figli[0].risorse[1].stime.2024", "150.000,00"),
        ("albero[0].figli[0].figli[0].peso", "87,50%"),
        ("albero[0].figli[0].figli[1].peso", "12,50%"),
        ("albero[0].figli[0].figli[0].indicatori[0].peso", "70,00%"),
        ("albero[0].figli[0].figli[0].indicatori[1].peso", "30,00%"),
        (
            "albero[0].figli[0].figli[0].indicatori[0].target.2025",
            "4.242",
        ),
        (
            "albero[0].figli[0].figli[0].risorse[0].importo",
            "16.000,50",
        ),
        (
            "albero[0].figli[0].figli[0].risorse[1].stime.2024",
            "150.000,00",
        ),
        ("aziende_speciali[0].obiettivi[0].peso", "81,50%"),
        ("aziende_speciali[0].obiettivi[1].peso", "18,50%"),
        (
            "aziende_speciali[0].obiettivi[0].indicatori[0].peso",
            "58,00%",
        ),
        (
            "aziende_speciali[0].obiettivi[0].indicatori[1].peso",
            "42,00%",
        ),
        (
            "aziende_speciali[0].obiettivi[0].indicatori[0].target.2025",
            "4.242",
        ),
        (
            "aziende_speciali[0].obiettivi[0].risorse[0].importo",
            "16.000,50",
        ),
        (
            "aziende_speciali[0].obiettivi[0].risorse[1].stime.2024",
            "150.000,00",
        ),
        ("ponderazione.quota_indicatori", "40,00%"),
        ("assegnazioni.dirigenti[0].obiettivi[0].peso", "66,00%"),
        ("assegnazioni.dirigenti[0].obiettivi[1].peso", "34,00%"),
        ("sezioni[0].contenuto[1].tabella.righe[0][0]", "1.234,5"),
        ("sezioni[0].contenuto[1].tabella.totale[0]", "5.678,5"),
        ("sezioni[0].contenuto[2].grafico.serie[0].valori[0]", "12,5"),
        (
            "sezioni[0].contenuto[2].grafico.serie[1].valori[0]",
            "31,25",
        ),
        (
            "sezioni[0].contenuto[2].grafico.serie[1].valori[1]",
            "41,75",
        ),
        ("pola.sezioni[0].contenuto[0].serie_mensile.anno", "2024"),
        (
            "pola.sezioni[0].contenuto[0].serie_mensile.mesi[0].dipendenti",
            "321",
        ),
        (
            "pola.sezioni[0].contenuto[0].serie_mensile.mesi[0].lavoratori_agili",
            "123",
        ),
        (
            "pola.sezioni[0].contenuto[0].serie_mensile.mesi[0].giorni_medi_settimana",
            "1,5",
        ),
        (
            "pola.sezioni[0].contenuto[0].serie_mensile.mesi[0].giornate_totali",
            "777",
        ),
        (
            "pola.sezioni[0].contenuto[1].conteggi.righe[0].valori[0]",
            "4.321",
        ),
        ("piao.formazione.fotografia[0].target_dirigenti", "611"),
        ("piao.formazione.fotografia[0].target_non_dirigenti", "622"),
        ("piao.formazione.fotografia[0].ore", "65,50"),
        ("piao.formazione.fotografia[0].crediti", "6,50"),
        ("piao.formazione.fotografia[0].costo", "6.789,25"),
        ("piao.formazione.obiettivi[0].target_dirigenti", "611"),
        ("piao.formazione.obiettivi[0].target_non_dirigenti", "622"),
        ("piao.formazione.obiettivi[0].ore", "65,50"),
        ("piao.formazione.obiettivi[0].crediti", "6,50"),
        ("piao.formazione.obiettivi[0].costo", "6.789,25"),
        ("piao.formazione.fotografia[0].formati_dirigenti", "633"),
        ("piao.formazione.fotografia[0].formati_non_dirigenti", "644"),
        ("piao.formazione.riconosciute[0].formati_dirigenti", "711"),
        (
            "piao.formazione.riconosciute[0].formati_non_dirigenti",
            "722",
        ),
        ("piao.formazione.riconosciute[0].ore", "73,50"),
    ])
}

/// Replaces every `"@"` with a unique marker.
fn marca(v: &mut Value, n: &mut usize) {
    match v {
        Value::String(s) if s.contains('@') => {
            *n += 1;
            *s = s.replace('@', &format!("QX{n:03}"));
        }
        Value::Array(items) => items.iter_mut().for_each(|i| marca(i, n)),
        Value::Object(m) => m.values_mut().for_each(|i| marca(i, n)),
        _ => {}
    }
}

/// A value of the plan that prints: its path, the value, and the `Type.field` keys of the
/// fields it lies in, outermost first.
struct Foglia {
    percorso: String,
    valore: Value,
    chiavi: Vec<String>,
}

/// The plan walked together with its schema.
struct Cammino<'a> {
    defs: &'a Map<String, Value>,
    foglie: Vec<Foglia>,
    /// `(path of the object, Type.field)` for every field present.
    presenti: Vec<(String, String)>,
    /// `Type#n` for every alternative of an untagged type used.
    alternative: BTreeSet<String>,
}

fn tipo_di(s: &Value) -> &str {
    match s.get("type") {
        Some(Value::String(t)) => t,
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ if s.get("properties").is_some() => "object",
        _ if s.get("enum").is_some() || s.get("const").is_some() => "string",
        _ => "",
    }
}

fn alternative_di(s: &Value) -> Vec<&Value> {
    ["anyOf", "oneOf"]
        .iter()
        .filter_map(|k| s.get(*k).and_then(Value::as_array))
        .flatten()
        .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
        .collect()
}

fn unisci(percorso: &str, k: &str) -> String {
    if percorso.is_empty() {
        k.to_string()
    } else {
        format!("{percorso}.{k}")
    }
}

impl<'a> Cammino<'a> {
    fn risolvi(&self, s: &'a Value) -> (&'a Value, Option<&'a str>) {
        match s.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.trim_start_matches("#/$defs/");
                (&self.defs[name], Some(name))
            }
            None => (s, None),
        }
    }

    /// Whether value `v` has the shape of schema `s`.
    fn adatto(&self, s: &'a Value, v: &Value) -> bool {
        let (s, _) = self.risolvi(s);
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            return e.contains(v);
        }
        let alt = alternative_di(s);
        if !alt.is_empty() {
            return alt.iter().any(|a| self.adatto(a, v));
        }
        match (tipo_di(s), v) {
            ("string", Value::String(_))
            | ("number", Value::Number(_))
            | ("boolean", Value::Bool(_))
            | ("array", Value::Array(_)) => true,
            ("integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
            ("object", Value::Object(m)) => {
                let props = s.get("properties").and_then(Value::as_object);
                let extra = s.get("additionalProperties").is_some_and(Value::is_object);
                extra || m.keys().all(|k| props.is_some_and(|p| p.contains_key(k)))
            }
            _ => false,
        }
    }

    fn visita(&mut self, s: &'a Value, v: &Value, percorso: &str, tipo: &str, chiavi: &[String]) {
        if v.is_null() {
            return;
        }
        let (s, nome) = self.risolvi(s);
        let tipo = nome.unwrap_or(tipo);
        let alt = alternative_di(s);
        if !alt.is_empty() && s.get("enum").is_none() {
            let k = alt
                .iter()
                .position(|a| self.adatto(a, v))
                .unwrap_or_else(|| panic!("{percorso}: no alternative of {tipo} fits {v}"));
            if nome.is_some() {
                self.alternative.insert(format!("{tipo}#{k}"));
            }
            return self.visita(alt[k], v, percorso, tipo, chiavi);
        }
        match v {
            Value::Object(m) => {
                let props = s.get("properties").and_then(Value::as_object);
                for (k, x) in m {
                    let p = props.and_then(|p| p.get(k));
                    let sotto = unisci(percorso, k);
                    match p {
                        Some(p) => {
                            let chiave = format!("{tipo}.{k}");
                            self.presenti.push((percorso.to_string(), chiave.clone()));
                            let mut c = chiavi.to_vec();
                            c.push(chiave);
                            self.visita(p, x, &sotto, tipo, &c);
                        }
                        None => {
                            let extra = &s["additionalProperties"];
                            assert!(extra.is_object(), "{sotto}: not in the schema");
                            self.visita(extra, x, &sotto, tipo, chiavi);
                        }
                    }
                }
            }
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    let item = s.get("items").unwrap_or_else(|| panic!("{percorso}: {s}"));
                    // A row of cells is an array in an array: `righe[0][1]`.
                    self.visita(item, x, &format!("{percorso}[{i}]"), tipo, chiavi);
                }
            }
            _ => self.foglie.push(Foglia {
                percorso: percorso.to_string(),
                valore: v.clone(),
                chiavi: chiavi.to_vec(),
            }),
        }
    }
}

/// Every `Type.field` of the schema, and every `Type#n` alternative of an untagged type.
fn campi_dello_schema(schema: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    fn raccogli(tipo: &str, s: &Value, campi: &mut BTreeSet<String>) {
        for (k, p) in s
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            campi.insert(format!("{tipo}.{k}"));
            if p.get("$ref").is_none() {
                raccogli(tipo, p, campi);
            }
        }
        for a in alternative_di(s) {
            if a.get("$ref").is_none() {
                raccogli(tipo, a, campi);
            }
        }
        if let Some(i) = s.get("items").filter(|i| i.get("$ref").is_none()) {
            raccogli(tipo, i, campi);
        }
    }
    let mut campi = BTreeSet::new();
    let mut alternative = BTreeSet::new();
    raccogli("Piano", schema, &mut campi);
    for (nome, d) in schema["$defs"].as_object().unwrap() {
        raccogli(nome, d, &mut campi);
        if d.get("enum").is_none() {
            for k in 0..alternative_di(d).len() {
                alternative.insert(format!("{nome}#{k}"));
            }
        }
    }
    // An enum of strings written as alternatives of constants is one value, not several.
    alternative.retain(|a| {
        let nome = a.split('#').next().unwrap();
        let d = &schema["$defs"][nome];
        !alternative_di(d).iter().all(|x| x.get("const").is_some())
    });
    (campi, alternative)
}

/// Whether `path` is `base` or lies inside it.
fn dentro(path: &str, base: &str) -> bool {
    path == base || path.starts_with(&format!("{base}.")) || path.starts_with(&format!("{base}["))
}

#[test]
fn every_field_of_the_schema_is_printed_or_warned() {
    let schema = piano::load::schema::schema();
    let mut plan = piano_completo();
    let mut n = 0;
    marca(&mut plan, &mut n);

    // The walk: the plan has every field of the schema, in every kind of node.
    let mut cammino = Cammino {
        defs: schema["$defs"].as_object().unwrap(),
        foglie: Vec::new(),
        presenti: Vec::new(),
        alternative: BTreeSet::new(),
    };
    cammino.visita(schema, &plan, "", "Piano", &[]);
    let (mut campi, mut alternative) = campi_dello_schema(schema);
    campi.retain(|c| !pending_15(c));
    alternative.retain(|c| !pending_15(c));
    let presenti: BTreeSet<&String> = cammino.presenti.iter().map(|(_, k)| k).collect();
    let assenti: Vec<&String> = campi.iter().filter(|c| !presenti.contains(c)).collect();
    assert!(
        assenti.is_empty(),
        "fields missing from the test plan: {assenti:?}"
    );
    let alt_assenti: Vec<&String> = alternative.difference(&cammino.alternative).collect();
    assert!(
        alt_assenti.is_empty(),
        "alternatives missing from the test plan: {alt_assenti:?}"
    );
    for (contesto, cosa) in CONTESTI {
        let figli = format!("{contesto}.figli");
        let qui: BTreeSet<&String> = cammino
            .presenti
            .iter()
            .filter(|(p, _)| dentro(p, contesto) && !dentro(p, &figli))
            .map(|(_, k)| k)
            .collect();
        let mancano: Vec<&String> = campi
            .iter()
            .filter(|c| TIPI_DEL_NODO.contains(&c.split('.').next().unwrap()))
            .filter(|c| !qui.contains(c))
            .collect();
        assert!(
            mancano.is_empty(),
            "{contesto} ({cosa}) lacks fields: {mancano:?}"
        );
    }

    // Two builds: the plan without its PIAO, whose documents print the plan's own fields,
    // and the whole plan, whose PIAO documents print the PIAO's.
    let mut senza_piao = plan.clone();
    senza_piao.as_object_mut().unwrap().remove("piao");
    let (stampa, stampa_piao) = (stampati(&senza_piao), stampati(&plan));
    let di = |percorso: &str| {
        if dentro(percorso, "piao") {
            &stampa_piao
        } else {
            &stampa
        }
    };
    let avvisi: Vec<&str> = stampa
        .avvisi
        .iter()
        .filter(|a| !dentro(a, "piao"))
        .chain(stampa_piao.avvisi.iter().filter(|a| dentro(a, "piao")))
        .map(String::as_str)
        .collect();

    let numeri = numeri();
    let mut mancanti = Vec::new();
    let mut in_attesa = BTreeSet::new();
    for f in &cammino.foglie {
        let avvisato = avvisi.iter().any(|a| dentro(&f.percorso, a));
        let chiave = |lista: &[&str]| {
            f.chiavi
                .iter()
                .find(|k| lista.contains(&k.as_str()))
                .cloned()
        };
        let esente = ESENTI.iter().any(|(k, _)| f.chiavi.iter().any(|c| c == k));
        if avvisato || esente {
            continue;
        }
        if let Some(k) = chiave(PENDING_ISSUE_13) {
            in_attesa.insert(k);
            continue;
        }
        // A value of a PIAO type still pending (the section's branch will check it).
        if f.chiavi.last().is_some_and(|k| pending_15(k)) {
            continue;
        }
        let atteso = match (&f.valore, f.chiavi.last()) {
            (_, Some(k)) if PAROLE.iter().any(|(p, _)| p == k) => {
                PAROLE.iter().find(|(p, _)| p == k).unwrap().1.to_string()
            }
            (Value::String(s), _) if s.starts_with("QX") || s.starts_with("QH") => {
                s.replace(" {anno}", "").replace(" {scadenza}", "")
            }
            (Value::Number(_), _) => match numeri.get(f.percorso.as_str()) {
                Some(t) => t.to_string(),
                None => {
                    mancanti.push(format!("{}: no expected text for {}", f.percorso, f.valore));
                    continue;
                }
            },
            _ => {
                mancanti.push(format!(
                    "{} ({:?}): neither a marker nor exempt: {}",
                    f.percorso, f.chiavi, f.valore
                ));
                continue;
            }
        };
        let atteso = squash(&atteso).to_lowercase();
        let solo_pdf = SOLO_PDF
            .iter()
            .any(|(k, _)| f.chiavi.iter().any(|c| c == k));
        let testi = di(&f.percorso);
        let (in_pdf, in_html) = (
            testi.pdf.contains(&atteso),
            solo_pdf || testi.html.contains(&atteso),
        );
        if !in_pdf || !in_html {
            let dove = match (in_pdf, in_html) {
                (false, false) => "PDF and HTML",
                (false, true) => "PDF",
                _ => "HTML",
            };
            mancanti.push(format!(
                "{} ({}): «{atteso}» not in the {dove}, and no P090 warning",
                f.percorso,
                f.chiavi.last().map_or("", String::as_str)
            ));
        }
    }
    // A warning says a field is not printed: not every marker under its path is.
    for a in &avvisi {
        let marcatori: Vec<String> = cammino
            .foglie
            .iter()
            .filter(|f| dentro(&f.percorso, a))
            .filter_map(|f| f.valore.as_str())
            .filter(|m| m.starts_with("QX"))
            .map(str::to_lowercase)
            .collect();
        let testi = di(a);
        if !marcatori.is_empty()
            && marcatori
                .iter()
                .all(|m| testi.pdf.contains(m) && testi.html.contains(m))
        {
            mancanti.push(format!("`{a}`: printed, yet warned by P090"));
        }
    }
    // The temporary list holds only what is still missing: a key printed since is removed.
    let superflui: Vec<&&str> = PENDING_ISSUE_13
        .iter()
        .filter(|k| !in_attesa.contains(**k))
        .collect();
    assert!(
        mancanti.is_empty(),
        "{} values not printed:\n{}",
        mancanti.len(),
        mancanti.join("\n")
    );
    assert!(
        superflui.is_empty(),
        "PENDING_ISSUE_13 lists keys with nothing pending: {superflui:?}"
    );
}

/// What a build of a plan prints: the text of its main PDF (with the alternative texts)
/// and of its HTML page, in lower case, and the paths of the fields it warns are not
/// printed.
struct Stampa {
    pdf: String,
    html: String,
    avvisi: Vec<String>,
}

/// Builds `plan` and reads its main documents: the plan's, named after its title, or the
/// PIAO's, named `piao-` and the period.
fn stampati(plan: &Value) -> Stampa {
    let (dir, path) = plan_file(plan);
    std::fs::write(
        dir.path().join("logo.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#,
    )
    .unwrap();
    let source = piano::load::read(&path).unwrap();
    let built = piano::pipeline::build(
        source,
        &piano::render::Templates::builtin(),
        &piano::pipeline::BuildOptions::default(),
    )
    .unwrap_or_else(|f| panic!("build failed: {:#?}", f.diagnostics));
    // The plan's own files are named after its title (the POLA's after its own).
    let nome = if plan.get("piao").is_some() {
        format!(
            "piao-{}-{}.",
            plan["documento"]["anno_inizio"], plan["documento"]["anno_fine"]
        )
    } else {
        plan["documento"]["titolo"].as_str().unwrap().to_lowercase()
    };
    let file = |ext: &str| {
        built
            .outputs
            .iter()
            .find(|o| o.name.starts_with(&nome) && o.name.ends_with(ext))
            .unwrap_or_else(|| panic!("no {ext} among {:?}", names(&built.outputs)))
    };
    let pdf = &file(".pdf").bytes;
    let html = String::from_utf8(file(".html").bytes.clone()).unwrap();
    Stampa {
        // Compared in lower case: an enumerated value prints lowered inside a sentence.
        pdf: squash(&format!("{}\n{}", pdf_text(pdf), alt_texts(pdf).join("\n"))).to_lowercase(),
        html: squash(&html.replace("&#x27;", "'").replace("&#x2f;", "/")).to_lowercase(),
        avvisi: built
            .diagnostics
            .iter()
            // P090 names a field without a place; P044 and P045 a key where it does not
            // apply.
            .filter(|d| {
                use piano::diag::Codice;
                matches!(d.code, Codice::P090 | Codice::P044 | Codice::P045)
            })
            .filter_map(|d| d.path.clone())
            .collect(),
    }
}

fn names(outputs: &[piano::write::Output]) -> Vec<&str> {
    outputs.iter().map(|o| o.name.as_str()).collect()
}

/// A field where the documents have no place for it is reported by `piano check` at its
/// JSON path, as a warning (the plan still builds): here fields of a first-level node and
/// of an action, whose level has no scheda.
#[test]
fn fields_without_a_place_are_warned_at_their_path() {
    let mut plan = read_json(&minimo());
    plan["livelli"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "nome": "Azione", "plurale": "Azioni", "scheda": false }));
    let area = &mut plan["albero"][0];
    area["impegno"] = json!("Tutti gli uffici");
    area["descrizione"] = json!("Una città che si muove a piedi e in bicicletta.");
    let operativo = &mut area["figli"][0]["figli"][0];
    operativo["figli"] = json!([{
        "titolo": "Gara d'appalto",
        "note": "Entro l'estate",
        "indicatori": [{
            "descrizione": "Gara bandita",
            "formula": "bandi pubblicati / bandi previsti",
            "target": { "2024": "SI", "2025": "-", "2026": "-" }
        }]
    }]);
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 0, "{diags:?}");
    let avvisi: Vec<Value> = diags.into_iter().filter(|d| d["code"] == "P090").collect();
    let percorsi: Vec<&str> = avvisi.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(
        percorsi,
        [
            "albero[0].figli[0].figli[0].figli[0].indicatori[0].formula",
            "albero[0].figli[0].figli[0].figli[0].note",
            "albero[0].impegno",
        ]
    );
    assert_eq!(avvisi[0]["severity"], "avviso");
    assert_eq!(
        avvisi[2]["message"],
        "il campo `impegno` di 1 non è stampato: i nodi del primo livello («Linea di \
         mandato») non hanno una scheda: il documento ne stampa titolo, sottotitolo, peso, \
         bilancio, descrizione e note"
    );
    assert_eq!(
        avvisi[2]["hint"],
        "sposta il campo in un obiettivo del livello sotto, che ha la scheda"
    );
    assert_eq!(
        avvisi[0]["message"],
        "il campo `formula` dell'indicatore 1 di 1.1.1.1 non è stampato: la tabella delle \
         azioni riporta di un indicatore solo descrizione, valore di partenza, target, peso e \
         uffici"
    );
}

/// In a tree of two levels, neither with a scheda, nothing prints the second level's
/// fields (the first-level node is a heading, with no scheda to hold their table): each is
/// warned.
#[test]
fn a_node_with_no_scheda_above_it_is_warned_field_by_field() {
    let plan = json!({
        "ente": { "nome": "Comune di Prova" },
        "documento": { "titolo": "Piano", "anno_inizio": 2024, "anno_fine": 2024 },
        "livelli": [
            { "nome": "Obiettivo", "plurale": "Obiettivi", "scheda": false },
            { "nome": "Linea di azione", "plurale": "Linee di azione", "scheda": false }
        ],
        "albero": [{
            "titolo": "Servizi digitali",
            "figli": [{ "titolo": "Identità digitale", "descrizione": "SPID e CIE per tutti i servizi" }]
        }]
    });
    let (code, diags) = check_json(&plan);
    assert_eq!(code, 0, "{diags:?}");
    let avvisi: Vec<Value> = diags.into_iter().filter(|d| d["code"] == "P090").collect();
    assert_eq!(avvisi.len(), 1, "{avvisi:?}");
    assert_eq!(avvisi[0]["path"], "albero[0].figli[0].descrizione");
    assert_eq!(
        avvisi[0]["message"],
        "il campo `descrizione` di 1.1 non è stampato: i nodi del livello «Linea di azione» non \
         hanno una scheda e nessun obiettivo sopra 1.1 ha una scheda nella cui tabella \
         stamparlo: il documento ne stampa solo il titolo, nell'albero"
    );
}

/// A first level with a scheda (the default) prints one for each of its nodes, heading the
/// schede below it: a plan of objectives and lines of action shows both, and the check has
/// nothing to warn.
#[test]
fn a_first_level_with_a_scheda_prints_it() {
    let (_dir, path) = plan_file(&serde_json::json!({
        "ente": {"nome": "Ente"},
        "documento": {"titolo": "Piano", "anno_inizio": 2024, "anno_fine": 2024},
        "livelli": [
            {"nome": "Obiettivo", "plurale": "Obiettivi"},
            {"nome": "Linea di azione", "plurale": "Linee di azione", "scheda": false}
        ],
        "albero": [{
            "titolo": "Servizi online", "descrizione": "Portare online i servizi.",
            "indicatori": [{"descrizione": "Servizi attivati", "target": {"2024": ">= 10"}}],
            "figli": [{"titolo": "Adesione a pagoPA", "periodo": "giugno 2024"}]
        }]
    }));
    let out = piano(&["check", "--rigoroso", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outputs = build_outputs(&path);
    let pdf = squash(&pdf_text(output(&outputs, "piano-2024.pdf")));
    for text in [
        "Obiettivo 1: Servizi online",
        "Portare online i servizi.",
        "Servizi attivati",
        ">=10",
        "Adesione a pagoPA",
        "giugno 2024",
    ] {
        assert!(pdf.contains(&squash(text)), "{text} in {pdf}");
    }
    let html = String::from_utf8_lossy(output(&outputs, "piano-2024.html"));
    // The scheda takes the place of the heading: the title once in the schede part.
    let schede = html.split("id=\"schede\"").nth(1).unwrap_or(&html);
    assert_eq!(schede.matches("Servizi online").count(), 1, "{schede}");
    assert!(schede.contains("giugno 2024"));
}
