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

/// Fields that are not content: each shows as something other than its value, or not at
/// all, for the reason given.
const ESENTI: &[(&str, &str)] = &[
    (
        "Piano.$schema",
        "where an editor finds the schema; never in a document",
    ),
    ("Nodo.id", "identity for `piano diff` and the assignments"),
    (
        "Nodo.strategia",
        "a link to a strategy of the PIAO's 2.1: the scheda shows the OVP and the strategy by name (valore.rs); the plan without `piao` has it removed before its build",
    ),
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
        "Rpct.data_nomina",
        "printed as a date in words (\"1 marzo 2024\")",
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
        "ObiettivoPrevenzione.obiettivo_organizzativo",
        "a reference: the row shows the tree objective's code and title",
    ),
    (
        "CondizioneAbilitante.fase",
        "a reference to one of `fasi`: marks that phase's column",
    ),
    (
        "Fabbisogni.rimodulazione",
        "a flag: 3.3.1 says «L'ente rimodula la dotazione organica» or that it does not (personale.rs)",
    ),
    (
        "RigaDotazione.dirigenziale",
        "a flag: the row counts in the computed «Totale dirigenti» (fabbisogni unit tests)",
    ),
    (
        "RigaCessazione.dirigenziale",
        "a flag: the row counts in the computed «Totale dirigenti» (personale.rs)",
    ),
    (
        "RigaVerifica.formato",
        "how the figure is written (27,35%, € 1.234.567)",
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
    (
        "Conteggi.dimensione",
        "condizioni abilitanti – salute digitale",
    ),
    ("Indicatore.tipo", "stato delle risorse"),
    // The level the body chose, beside the value P×I×C computed (37 × 41 × 43).
    ("EventoRischioso.livello", "Medio (65.231)"),
    (
        "Misurazione.risultato_mancante",
        "l'indicatore è escluso dalla media",
    ),
    (
        "IndicatoreDfp.dimensione",
        "Performance organizzativa – Efficacia",
    ),
    (
        "Piao.dipendenti",
        "PIAO semplificato (fino a 50 dipendenti)",
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
    // Dates, printed from one to the other in a table.
    ("AttivitaFormativa.data_inizio", "02/10/2023 – 17/11/2023"),
    ("AttivitaFormativa.data_fine", "02/10/2023 – 17/11/2023"),
    ("Sottofase.data_inizio", "01/02/2024 – 30/04/2024"),
    ("Sottofase.data_fine", "01/02/2024 – 30/04/2024"),
    ("CategoriaMonitorata.data_inizio", "01/03/2024 – 31/03/2024"),
    ("CategoriaMonitorata.data_fine", "01/03/2024 – 31/03/2024"),
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

/// Fields of a node that apply only in a PIAO (a plan without `piao` refuses them): given
/// on the PIAO plan's node, not in each of [`CONTESTI`].
const SOLO_PIAO: &[&str] = &["Nodo.strategia"];

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
        }

    })
}

/// PIAO subsection 2.3, every field; ids are `QHR` literals, since links repeat them.
/// E1: P 37 × I 41 × C 43 = 65.231, medio between the thresholds 30.011 and 70.013.
fn rischi() -> Value {
    let pesi = || [json!(70), json!(30)];
    json!({
        "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
        "normativa": [{ "normativa": "@", "azione_prevista": "@" }],
        "contesto_esterno": "@", "contesto_interno": "@",
        "modalita": {
            "gestione": "@", "identificazione": "@", "analisi": "@", "misurazione": "@",
            "trattamento": "@", "monitoraggio": "@"
        },
        "obiettivi_generali": [{
            "id": "QHR01", "denominazione": "@", "descrizione": "@", "indicatori": indicatori(pesi())
        }],
        "misure_generali": [{
            "id": "QHR02", "obiettivo_generale": "QHR01", "denominazione": "@", "tipologia": "@",
            "responsabile": "@", "stakeholder": ["@"], "indicatori": indicatori(pesi())
        }],
        "valore_pubblico": "@",
        "obiettivi_prevenzione": [{
            "id": "QHR03", "denominazione": "@", "descrizione": "@",
            "obiettivo_valore_pubblico": "QH24", "strategia": "QH20", "obiettivo_organizzativo": "ob-scheda",
            "indicatori": indicatori(pesi())
        }],
        "scala": {
            "massimo_probabilita": 47, "massimo_impatto": 53, "massimo_controlli": 59,
            "soglie": { "basso": 30011, "medio": 70013 }
        },
        "attivita_sensibili": [{
            "id": "QHR04", "attivita": "@", "processo": "@", "descrizione": "@", "attori": ["@"],
            "eventi": [{
                "id": "QHR05", "evento": "@", "fattori_abilitanti": ["@"],
                "probabilita": 37, "impatto": 41, "controlli": 43, "livello": "medio",
                "motivazione": "@"
            }]
        }],
        "misure_specifiche": [{
            "id": "QHR06", "evento": "QHR05", "obiettivo_prevenzione": "QHR03", "misura": "@",
            "tipologia": "@", "responsabile": "@", "stakeholder": ["@"],
            "indicatori": indicatori(pesi())
        }],
        "monitoraggi": [{
            "misura": "QHR06", "tipologia": "@", "modalita": "@", "responsabile": "@",
            "tempistiche": "@"
        }],
        "trasparenza": {
            "testo": "@",
            "obblighi": [{
                "denominazione": "@", "contenuto": "@",
                "dati": [{
                    "dato": "@", "tipologia": "@", "responsabile_trasmissione": "@",
                    "termini": "@", "monitoraggio": "@", "motivazione": "@"
                }]
            }]
        },
        "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
        "allegato": { "titolo": "@", "file": "@", "descrizione": "@" }
    })
}

/// A PIAO semplificato with every field of the PIAO's sections printed so far.
fn piao_completo() -> Value {
    json!({
        "ente": { "nome": "@" },
        "documento": { "titolo": "@", "anno_inizio": 2024, "anno_fine": 2025 },
        "livelli": [{ "nome": "@", "plurale": "@" }],
        "albero": [{ "id": "ob-scheda", "titolo": "@", "strategia": "QH20" }],
        "piao": {
            "dipendenti": "fino_a_50",
            "versione": "@",
            "pubblicazione": { "autorita": "@", "url_trasparenza": "@" },
            "performance": performance_completa(),
            "anagrafica": {
                "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
                "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
                "allegato": { "titolo": "@", "file": "@", "descrizione": "@" },
                "acronimo": "@", "codice_fiscale": "@", "codice_ipa": "@", "tipologia": "@",
                "codice_istat": "@", "partita_iva": "@", "sede_legale": "@", "urp": "@",
                "email": "@", "telefono": "@", "pec": "@", "social": ["@", "@"],
                "rpct": { "nome": "@", "cognome": "@", "ruolo": "@", "data_nomina": "2024-03-01" },
                "rtd": { "nominativo": "@", "struttura": "@" },
                "quadro_normativo": "@", "struttura_programmatica": "@", "cronoprogramma": "@",
                "missione": "@",
                "principi_guida": [{ "nome": "@", "descrizione": "@" }],
                "team_integrazione": [{ "membro": "@", "ruolo": "@" }],
                "organi_vertice": [{ "organo": "@", "ruolo": "@" }],
                "priorita_politiche": [{ "id": "QH21", "nome": "@", "descrizione": "@" }],
                "aree_organizzative": [{ "id": "QH22", "nome": "@", "descrizione": "@" }],
                "stakeholder": [{ "id": "QH23", "nome": "@", "relazione": "@" }]
            },
            "valore_pubblico": {
                "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
                "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
                "allegato": { "titolo": "@", "file": "@", "descrizione": "@" },
                "contesto_esterno": "@", "contesto_interno": "@",
                "swot": {
                    "punti_di_forza": ["@"], "punti_di_debolezza": ["@"],
                    "opportunita": ["@"], "minacce": ["@"]
                },
                "concetto": "@",
                "obiettivi": [{
                    "id": "QH24", "denominazione": "@", "descrizione": "@", "analisi_contesto": "@",
                    "settore": "@", "responsabile_politico": "@", "responsabile_amministrativo": "@",
                    "aree": ["QH22"], "priorita": ["QH21"], "stakeholder": ["QH23"],
                    "indice_impatto": { "valore": 9713, "descrizione": "@" },
                    "strategie": [{
                        "id": "QH20", "denominazione": "@", "descrizione": "@", "responsabile": "@",
                        "indicatori": indicatori([json!(40), json!({ "2024": 60, "2025": 65 })])
                    }]
                }],
                "risorse_finanziarie": [{
                    "obiettivo": "QH24", "iniziativa": "@", "descrizione": "@",
                    "dotazione": 12345.5, "fonte": "@"
                }],
                "fondi_europei": [{ "progetto": "@", "descrizione": "@", "importo": 6789.25 }],
                "obiettivi_trasversali": {
                    "accessibilita_digitale": "@", "accessibilita_fisica": "@",
                    "semplificazione": "@", "pari_opportunita": "@"
                },
                "procedure": [{
                    "procedura": "@", "descrizione": "@", "unita": "@", "misurazione_attuale": "@",
                    "target": "@", "ufficio": "@"
                }]
            },
            "rischi": rischi(),
            "lavoro_agile": lavoro_agile_completo(),
            "struttura": struttura_completa(),
            "fabbisogni": fabbisogni_completi(),
            "formazione": formazione_completa(),
            "monitoraggio": monitoraggio_completo()
        }
    })
}

/// PIAO 2.2's own parts (its objectives are the tree) with every field.
fn performance_completa() -> Value {
    json!({
        "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
        "fasi": [{ "fase": "@", "descrizione": "@", "attivita": "@", "attori": "@", "tempi": "@" }],
        "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
        "allegato": { "titolo": "@", "file": "@", "descrizione": "@" }
    })
}

/// PIAO 3.2's own parts (the rest is the POLA) with every field.
fn lavoro_agile_completo() -> Value {
    json!({
        "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
        "condizioni": {
            "servizi_agli_utenti": "@", "rotazione_e_prevalenza": "@", "riservatezza_dei_dati": "@",
            "smaltimento_arretrato": "@", "dotazione_tecnologica": "@"
        },
        "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
        "allegato": { "titolo": "@", "file": "@", "descrizione": "@" }
    })
}

/// Subsection 3.3.2 with every field.
fn formazione_completa() -> Value {
    json!({
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
        "ente_erogatore": "@", "costo": 5432.75,
        "data_inizio": "2023-10-02", "data_fine": "2023-11-17"
    });
    if fotografia {
        a["formati_dirigenti"] = json!(633);
        a["formati_non_dirigenti"] = json!(644);
    }
    a
}

/// Section 4 with every field.
fn monitoraggio_completo() -> Value {
    json!({
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
    })
}

/// PIAO 3.1 with every field.
fn struttura_completa() -> Value {
    json!({
        "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
        "struttura_al_31_dicembre": "@", "ulteriori_dettagli": "@",
        "incarichi_dirigenziali": "@", "profili_professionali": "@", "linee_strategiche": "@",
        "organigramma": {
            "titolo": "@",
            "radice": { "nome": "@", "responsabile": "@", "staff": [{ "nome": "@" }], "unita": [{ "nome": "@" }] }
        },
        "ampiezza": [{ "unita": "@", "risorse": 1313 }, { "unita": "@", "risorse": 808 }],
        "personale_per_profilo": [{ "profilo": "@", "unita": 1717 }],
        "fonte_personale": "@",
        "funzionale": [{
            "codice": "@", "ovp": "QH24", "responsabile": "@", "stakeholder": ["@"],
            "dimensioni": "@", "polarita": "@",
            "indicatore": {
                "descrizione": "@", "formula": "@", "unita": "@", "baseline": "@",
                "target": { "2024": "@", "2025": 4343 }, "fonte": "@"
            }
        }],
        "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
        "allegato": { "titolo": "@", "file": "@", "descrizione": "@" }
    })
}

/// PIAO 3.3.1 with every field and every kind of personnel table.
fn fabbisogni_completi() -> Value {
    let assunzione = |unita: u32, oneri: u32| json!({ "qualifica": "@", "profilo": "@", "reclutamento": "@", "finanziamento": "@", "unita": unita, "oneri": oneri });
    json!({
        "generale": [{ "titolo": "@", "contenuto": [{ "testo": "@" }] }],
        "contesto": "@", "consistenza_qualitativa": "@", "strategie_programmazione": "@",
        "obiettivi_trasformazione": "@", "rimodulazione": true, "strategia_copertura": "@",
        "tempo_determinato": "@", "stima_evoluzione": "@",
        "tabelle": {
            "dotazione_organica": [{ "qualifica": "@", "dirigenziale": true, "unita": 21, "valore": 150000 }],
            "dirigenti": [{
                "qualifica": "@", "posti": 61, "di_ruolo": 57, "comandati_out": 11,
                "art19_comma_5bis": 12, "art19_comma_6": 13
            }],
            "non_dirigenti": [{ "area": "@", "posti": 420, "di_ruolo": 401, "comandati_out": 14, "comandati_in": 15 }],
            "dirigenti_tempo_determinato": [{ "qualifica": "@", "valore": 77777, "norma": "@", "unita": 16 }],
            "non_dirigenti_tempo_determinato": [{ "qualifica": "@", "valore": 66666, "norma": "@", "unita": 17 }],
            "assunzioni_dirigenti": [assunzione(18, 88888)],
            "assunzioni_aree": [assunzione(19, 99999)],
            "cessazioni": [
                { "qualifica": "@", "dirigenziale": true, "unita": 23, "risorse": 45454 },
                { "qualifica": "@", "unita": 24, "risorse": 46464 }
            ],
            "entrate": [{
                "voce": "@", "rendiconto_t_4": 1111111, "rendiconto_t_3": 2222223,
                "rendiconto_t_2": 3333335, "fcde": 44444
            }],
            "spese_personale": [{ "voce": "@", "importo": 555555 }],
            "verifica_soglia": [
                { "voce": "@", "valore": 27.35, "formato": "percentuale" },
                { "voce": "@", "valore": 1234567 }
            ],
            "limite_spesa_2011_2013": [{ "voce": "@", "anno_2011": 700001, "anno_2012": 700002, "anno_2013": 700006 }],
            "limite_spesa": [{ "voce": "@", "anno_t": 800001, "anno_t_1": 800002, "anno_t_2": 800006 }],
            "dotazione_rimodulata": [{ "qualifica": "@", "unita": 22, "valore": 151000 }],
            "copertura": [{
                "anno": 2025,
                "dirigenti": [assunzione(25, 11111)],
                "aree": [assunzione(26, 22222)],
                "cessazioni": [{ "qualifica": "@", "unita": 27, "risorse": 47474 }]
            }]
        },
        "funzionale": [{ "codice": "@", "indicatore": { "descrizione": "@" } }],
        "ulteriori_informazioni": [{ "nome": "@", "testo": "@" }],
        "allegato": { "titolo": "@" }
    })
}

/// The numbers of the plan and how each prints (by path), computed by hand.
fn numeri() -> BTreeMap<&'static str, &'static str> {
    let mut n = BTreeMap::from([
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
            "piao.valore_pubblico.obiettivi[0].indice_impatto.valore",
            "9713 –",
        ),
        (
            "piao.valore_pubblico.obiettivi[0].strategie[0].indicatori[0].peso",
            "40,00%",
        ),
        (
            "piao.valore_pubblico.obiettivi[0].strategie[0].indicatori[1].peso.2024",
            "2024: 60,00%",
        ),
        (
            "piao.valore_pubblico.obiettivi[0].strategie[0].indicatori[1].peso.2025",
            "2025: 65,00%",
        ),
        (
            "piao.valore_pubblico.obiettivi[0].strategie[0].indicatori[0].target.2025",
            "4.242",
        ),
        (
            "piao.valore_pubblico.risorse_finanziarie[0].dotazione",
            "12.345,50",
        ),
        ("piao.valore_pubblico.fondi_europei[0].importo", "6.789,25"),
        ("piao.formazione.fotografia[0].target_dirigenti", "611"),
        ("piao.formazione.fotografia[0].target_non_dirigenti", "622"),
        ("piao.formazione.fotografia[0].ore", "65,50"),
        ("piao.formazione.fotografia[0].crediti", "6,50"),
        ("piao.formazione.fotografia[0].costo", "5.432,75"),
        ("piao.formazione.obiettivi[0].target_dirigenti", "611"),
        ("piao.formazione.obiettivi[0].target_non_dirigenti", "622"),
        ("piao.formazione.obiettivi[0].ore", "65,50"),
        ("piao.formazione.obiettivi[0].crediti", "6,50"),
        ("piao.formazione.obiettivi[0].costo", "5.432,75"),
        ("piao.formazione.fotografia[0].formati_dirigenti", "633"),
        ("piao.formazione.fotografia[0].formati_non_dirigenti", "644"),
        ("piao.formazione.riconosciute[0].formati_dirigenti", "711"),
        (
            "piao.formazione.riconosciute[0].formati_non_dirigenti",
            "722",
        ),
        ("piao.formazione.riconosciute[0].ore", "73,50"),
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
        ("piao.struttura.ampiezza[0].risorse", "1.313"),
        ("piao.struttura.ampiezza[1].risorse", "808"),
        ("piao.struttura.personale_per_profilo[0].unita", "1.717"),
        (
            "piao.struttura.funzionale[0].indicatore.target.2025",
            "4.343",
        ),
        ("piao.fabbisogni.tabelle.dotazione_organica[0].unita", "21"),
        (
            "piao.fabbisogni.tabelle.dotazione_organica[0].valore",
            "€ 150.000",
        ),
        ("piao.fabbisogni.tabelle.dirigenti[0].posti", "61"),
        ("piao.fabbisogni.tabelle.dirigenti[0].di_ruolo", "57"),
        ("piao.fabbisogni.tabelle.dirigenti[0].comandati_out", "11"),
        (
            "piao.fabbisogni.tabelle.dirigenti[0].art19_comma_5bis",
            "12",
        ),
        ("piao.fabbisogni.tabelle.dirigenti[0].art19_comma_6", "13"),
        ("piao.fabbisogni.tabelle.non_dirigenti[0].posti", "420"),
        ("piao.fabbisogni.tabelle.non_dirigenti[0].di_ruolo", "401"),
        (
            "piao.fabbisogni.tabelle.non_dirigenti[0].comandati_out",
            "14",
        ),
        (
            "piao.fabbisogni.tabelle.non_dirigenti[0].comandati_in",
            "15",
        ),
        (
            "piao.fabbisogni.tabelle.dirigenti_tempo_determinato[0].valore",
            "€ 77.777",
        ),
        (
            "piao.fabbisogni.tabelle.dirigenti_tempo_determinato[0].unita",
            "16",
        ),
        (
            "piao.fabbisogni.tabelle.non_dirigenti_tempo_determinato[0].valore",
            "€ 66.666",
        ),
        (
            "piao.fabbisogni.tabelle.non_dirigenti_tempo_determinato[0].unita",
            "17",
        ),
        (
            "piao.fabbisogni.tabelle.assunzioni_dirigenti[0].unita",
            "18",
        ),
        (
            "piao.fabbisogni.tabelle.assunzioni_dirigenti[0].oneri",
            "€ 88.888",
        ),
        ("piao.fabbisogni.tabelle.assunzioni_aree[0].unita", "19"),
        (
            "piao.fabbisogni.tabelle.assunzioni_aree[0].oneri",
            "€ 99.999",
        ),
        ("piao.fabbisogni.tabelle.cessazioni[0].unita", "23"),
        ("piao.fabbisogni.tabelle.cessazioni[0].risorse", "€ 45.454"),
        ("piao.fabbisogni.tabelle.cessazioni[1].unita", "24"),
        ("piao.fabbisogni.tabelle.cessazioni[1].risorse", "€ 46.464"),
        (
            "piao.fabbisogni.tabelle.entrate[0].rendiconto_t_4",
            "€ 1.111.111",
        ),
        (
            "piao.fabbisogni.tabelle.entrate[0].rendiconto_t_3",
            "€ 2.222.223",
        ),
        (
            "piao.fabbisogni.tabelle.entrate[0].rendiconto_t_2",
            "€ 3.333.335",
        ),
        ("piao.fabbisogni.tabelle.entrate[0].fcde", "€ 44.444"),
        (
            "piao.fabbisogni.tabelle.spese_personale[0].importo",
            "€ 555.555",
        ),
        (
            "piao.fabbisogni.tabelle.verifica_soglia[0].valore",
            "27,35%",
        ),
        (
            "piao.fabbisogni.tabelle.verifica_soglia[1].valore",
            "€ 1.234.567",
        ),
        (
            "piao.fabbisogni.tabelle.limite_spesa_2011_2013[0].anno_2011",
            "€ 700.001",
        ),
        (
            "piao.fabbisogni.tabelle.limite_spesa_2011_2013[0].anno_2012",
            "€ 700.002",
        ),
        (
            "piao.fabbisogni.tabelle.limite_spesa_2011_2013[0].anno_2013",
            "€ 700.006",
        ),
        (
            "piao.fabbisogni.tabelle.limite_spesa[0].anno_t",
            "€ 800.001",
        ),
        (
            "piao.fabbisogni.tabelle.limite_spesa[0].anno_t_1",
            "€ 800.002",
        ),
        (
            "piao.fabbisogni.tabelle.limite_spesa[0].anno_t_2",
            "€ 800.006",
        ),
        (
            "piao.fabbisogni.tabelle.dotazione_rimodulata[0].unita",
            "22",
        ),
        (
            "piao.fabbisogni.tabelle.dotazione_rimodulata[0].valore",
            "€ 151.000",
        ),
        (
            "piao.fabbisogni.tabelle.copertura[0].anno",
            "Copertura del fabbisogno 2025",
        ),
        (
            "piao.fabbisogni.tabelle.copertura[0].dirigenti[0].unita",
            "25",
        ),
        (
            "piao.fabbisogni.tabelle.copertura[0].dirigenti[0].oneri",
            "€ 11.111",
        ),
        ("piao.fabbisogni.tabelle.copertura[0].aree[0].unita", "26"),
        (
            "piao.fabbisogni.tabelle.copertura[0].aree[0].oneri",
            "€ 22.222",
        ),
        (
            "piao.fabbisogni.tabelle.copertura[0].cessazioni[0].unita",
            "27",
        ),
        (
            "piao.fabbisogni.tabelle.copertura[0].cessazioni[0].risorse",
            "€ 47.474",
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
    ]);
    let r = "piao.rischi";
    for gruppo in [
        "obiettivi_generali",
        "misure_generali",
        "obiettivi_prevenzione",
        "misure_specifiche",
    ] {
        let i = format!("{r}.{gruppo}[0].indicatori");
        n.insert(leak(format!("{i}[0].peso")), "70,00%");
        n.insert(leak(format!("{i}[1].peso")), "30,00%");
        n.insert(leak(format!("{i}[0].target.2025")), "4.242");
    }
    let e = format!("{r}.attivita_sensibili[0].eventi[0]");
    n.insert(leak(format!("{e}.probabilita")), "37");
    n.insert(leak(format!("{e}.impatto")), "41");
    n.insert(leak(format!("{e}.controlli")), "43");
    n.insert(leak(format!("{r}.scala.massimo_probabilita")), "da 1 a 47");
    n.insert(leak(format!("{r}.scala.massimo_impatto")), "da 1 a 53");
    n.insert(leak(format!("{r}.scala.massimo_controlli")), "da 1 a 59");
    n.insert(
        leak(format!("{r}.scala.soglie.basso")),
        "P×I×C fino a 30.011",
    );
    n.insert(
        leak(format!("{r}.scala.soglie.medio")),
        "P×I×C da 30.012 a 70.013",
    );
    n
}

/// A path built at run time, for the table of numbers.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
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
    let mut n = 0;
    let mut plan = piano_completo();
    marca(&mut plan, &mut n);
    // A plan with `piao` is printed as the PIAO: a second plan, its markers numbered on.
    let mut piao = piao_completo();
    marca(&mut piao, &mut n);

    // The walk: the two plans have every field of the schema, the first in every kind of
    // node.
    let cammina = |plan: &Value| {
        let mut cammino = Cammino {
            defs: schema["$defs"].as_object().unwrap(),
            foglie: Vec::new(),
            presenti: Vec::new(),
            alternative: BTreeSet::new(),
        };
        cammino.visita(schema, plan, "", "Piano", &[]);
        cammino
    };
    let cammino = cammina(&plan);
    let cammino_piao = cammina(&piao);
    let (campi, alternative) = campi_dello_schema(schema);
    let presenti: BTreeSet<&String> = cammino
        .presenti
        .iter()
        .chain(&cammino_piao.presenti)
        .map(|(_, k)| k)
        .collect();
    let assenti: Vec<&String> = campi.iter().filter(|c| !presenti.contains(c)).collect();
    assert!(
        assenti.is_empty(),
        "fields missing from the test plan: {assenti:?}"
    );
    let usate: BTreeSet<String> = cammino
        .alternative
        .union(&cammino_piao.alternative)
        .cloned()
        .collect();
    let alt_assenti: Vec<&String> = alternative.difference(&usate).collect();
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
            .filter(|c| !SOLO_PIAO.contains(&c.as_str()))
            .filter(|c| !qui.contains(c))
            .collect();
        assert!(
            mancano.is_empty(),
            "{contesto} ({cosa}) lacks fields: {mancano:?}"
        );
    }

    let mut mancanti = Vec::new();
    let mut in_attesa = BTreeSet::new();
    // The plan's own files are named after its title (the POLA's after its own).
    let titolo = plan["documento"]["titolo"].as_str().unwrap().to_lowercase();
    // A plan without `piao` has no strategy to link: its objectives' `strategia` is looked
    // for in the PIAO, whose objective links one (ESENTI).
    let mut senza_strategie = plan.clone();
    togli_strategie(&mut senza_strategie);
    stampati(
        &senza_strategie,
        &cammino,
        &|nome: &str, ext: &str| nome.starts_with(&titolo) && nome.ends_with(ext),
        &mut mancanti,
        &mut in_attesa,
    );
    // The PIAO's document is named after its triennium.
    stampati(
        &piao,
        &cammino_piao,
        &|nome: &str, ext: &str| nome == format!("piao-2024-2025{ext}"),
        &mut mancanti,
        &mut in_attesa,
    );
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

/// Builds `plan` and adds to `mancanti` every value of its walk that its document (the
/// files `documento` picks by name and extension) does not print and no P090 warns.
fn stampati(
    plan: &Value,
    cammino: &Cammino,
    documento: &dyn Fn(&str, &str) -> bool,
    mancanti: &mut Vec<String>,
    in_attesa: &mut BTreeSet<String>,
) {
    // One build of the whole plan.
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
    let file = |ext: &str| {
        built
            .outputs
            .iter()
            .find(|o| documento(&o.name, ext))
            .unwrap_or_else(|| panic!("no {ext} among {:?}", names(&built.outputs)))
    };
    let pdf = &file(".pdf").bytes;
    // Compared in lower case: an enumerated value prints lowered inside a sentence.
    let pdf_testo =
        squash(&format!("{}\n{}", pdf_text(pdf), alt_texts(pdf).join("\n"))).to_lowercase();
    let html = String::from_utf8(file(".html").bytes.clone()).unwrap();
    let html_testo = squash(&html.replace("&#x27;", "'").replace("&#x2f;", "/")).to_lowercase();
    let avvisi: Vec<&str> = built
        .diagnostics
        .iter()
        // P090 names a field without a place; P044 and P045 a key where it does not apply.
        .filter(|d| {
            use piano::diag::Codice;
            matches!(d.code, Codice::P090 | Codice::P044 | Codice::P045)
        })
        .filter_map(|d| d.path.as_deref())
        .collect();

    let numeri = numeri();
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
        let (in_pdf, in_html) = (
            pdf_testo.contains(&atteso),
            solo_pdf || html_testo.contains(&atteso),
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
        if !marcatori.is_empty()
            && marcatori
                .iter()
                .all(|m| pdf_testo.contains(m) && html_testo.contains(m))
        {
            mancanti.push(format!("`{a}`: printed, yet warned by P090"));
        }
    }
}

/// Removes every node's link to a strategy of the PIAO.
fn togli_strategie(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("strategia");
            m.values_mut().for_each(togli_strategie);
        }
        Value::Array(items) => items.iter_mut().for_each(togli_strategie),
        _ => {}
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
