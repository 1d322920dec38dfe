//! `piano nuovo`: writes the skeleton of a new plan, with the POLA's DFP dimensions laid
//! out to fill (with `--piao`, of a whole PIAO), that `piano check` accepts and `piano
//! build` typesets.

use std::process::ExitCode;

use serde_json::{Value, json};

use crate::args::NuovoArgs;
use crate::model::DimensioneDfp;

/// Every DFP dimension, in the order of the guidelines.
const DIMENSIONI: [DimensioneDfp; 12] = [
    DimensioneDfp::SaluteOrganizzativa,
    DimensioneDfp::SaluteProfessionale,
    DimensioneDfp::SaluteEconomicoFinanziaria,
    DimensioneDfp::SaluteDigitale,
    DimensioneDfp::StatoImplementazione,
    DimensioneDfp::Economicita,
    DimensioneDfp::Efficienza,
    DimensioneDfp::Efficacia,
    DimensioneDfp::ImpattoSociale,
    DimensioneDfp::ImpattoAmbientale,
    DimensioneDfp::ImpattoEconomico,
    DimensioneDfp::ImpattoInterno,
];

/// The skeleton of a plan for `anno`-`anno+2`: one branch of the tree, an assignment, and
/// a POLA whose DFP table has one empty row per dimension. Nothing in it is a made-up
/// figure: indicators and targets are left for the office to fill.
pub fn skeleton(ente: &str, anno: i32) -> Value {
    let anni: Vec<String> = (anno..=anno + 2).map(|a| a.to_string()).collect();
    let fasi = ["avvio", "sviluppo intermedio", "sviluppo avanzato"];
    let righe_dfp: Vec<Value> = DIMENSIONI
        .iter()
        .map(|d| {
            json!({
                "dimensione": d,
                "indicatore": "",
                "baseline": "-",
                "target": { fasi[0]: "-", fasi[1]: "-", fasi[2]: "-" },
                "fonte": ""
            })
        })
        .collect();
    json!({
        "ente": { "nome": ente },
        "documento": { "titolo": "Piano della Performance", "anno_inizio": anno, "anno_fine": anno + 2,
                       "riferimento_normativo": "art. 10 D.Lgs. 150/2009" },
        "atti": [],
        "livelli": [
            { "nome": "Area strategica", "plurale": "Aree strategiche", "scheda": false },
            { "nome": "Obiettivo strategico", "plurale": "Obiettivi strategici", "scadenze": anni },
            { "nome": "Obiettivo operativo", "plurale": "Obiettivi operativi", "scadenze": ["30/6", "31/12"] }
        ],
        "ponderazione": { "quota_indicatori": 50 },
        "albero": [ {
            "titolo": "Prima area strategica",
            "figli": [ {
                "id": "strategico-1",
                "titolo": "Primo obiettivo strategico",
                "peso": 100,
                "indicatori": [ { "descrizione": "Primo indicatore", "baseline": "-",
                                  "target": { anni[0].as_str(): "-", anni[1].as_str(): "-", anni[2].as_str(): "-" },
                                  "peso": 100 } ],
                "figli": [ {
                    "id": "operativo-1",
                    "titolo": "Primo obiettivo operativo",
                    "peso": 100,
                    "indicatori": [ { "descrizione": "Primo indicatore", "baseline": "-",
                                      "target": { "30/6": "-", "31/12": "-" }, "peso": 100 } ]
                } ]
            } ]
        } ],
        "assegnazioni": { "anno": anno, "dirigenti": [
            { "nome": "Nome Cognome", "ruolo": "Segretario Generale",
              "obiettivi": [ { "obiettivo": "strategico-1", "peso": 50 }, { "obiettivo": "operativo-1", "peso": 50 } ] }
        ] },
        "pola": {
            "titolo": "Piano Organizzativo del Lavoro Agile",
            "anno_inizio": anno,
            "anno_fine": anno + 2,
            "atti": [],
            "sezioni": [
                { "titolo": "Livello di attuazione e sviluppo", "contenuto": [ { "testo": "Descrivere il livello attuale del lavoro agile." } ] },
                { "titolo": "Modalità attuative", "contenuto": [ { "testo": "Descrivere le modalità attuative." } ] },
                { "titolo": "Soggetti, processi e strumenti", "contenuto": [ { "testo": "Descrivere soggetti, processi e strumenti." } ] },
                { "titolo": "Programma di sviluppo", "contenuto": [
                    { "testo": "Per ogni dimensione, indicare gli indicatori misurati, la baseline e i target per fase." },
                    { "indicatori_dfp": { "titolo": "Indicatori del programma di sviluppo del lavoro agile",
                                          "fasi": fasi, "indicatori": righe_dfp } }
                ] }
            ]
        }
    })
}

/// A section of the PIAO to fill: one chapter of its parte generale saying what goes in.
fn da_compilare(cosa: &str) -> Value {
    json!({ "generale": [ { "titolo": "Parte generale", "contenuto": [ { "testo": format!("Da compilare: {cosa}.") } ] } ] })
}

/// The skeleton of a PIAO: the plan's skeleton (its tree is subsection 2.2, its POLA 3.2)
/// with every subsection the band requires, each with a chapter saying what to write, and
/// the fields the portal asks left empty. No figure is made up.
pub fn skeleton_piao(ente: &str, anno: i32, semplificato: bool) -> Value {
    let mut v = skeleton(ente, anno);
    v["documento"]["titolo"] = json!("Piano Integrato di Attività e Organizzazione");
    v["documento"]["riferimento_normativo"] =
        json!("art. 6 D.L. 80/2021, convertito dalla L. 113/2021, e DM 132/2022");
    let mut piao = json!({
        "dipendenti": if semplificato { "fino_a_50" } else { "oltre_50" },
        "versione": "1.0",
        "pubblicazione": { "autorita": "", "url_trasparenza": "" },
        "anagrafica": da_compilare("presentazione dell'amministrazione e dati anagrafici"),
        "rischi": da_compilare("obiettivi e misure di prevenzione della corruzione, mappatura dei processi, trasparenza"),
        "struttura": da_compilare("struttura organizzativa al 31 dicembre"),
        "lavoro_agile": {
            "generale": [],
            "condizioni": {
                "servizi_agli_utenti": "Da compilare: come il lavoro agile non riduce i servizi agli utenti.",
                "rotazione_e_prevalenza": "Da compilare: come ruota il personale e prevale il lavoro in presenza.",
                "riservatezza_dei_dati": "Da compilare: gli strumenti che garantiscono la riservatezza dei dati.",
                "smaltimento_arretrato": "Da compilare: il piano di smaltimento del lavoro arretrato, se accumulato.",
                "dotazione_tecnologica": "Da compilare: la dotazione tecnologica fornita al lavoratore."
            }
        },
        "fabbisogni": da_compilare("consistenza del personale e programmazione dei fabbisogni"),
    });
    if !semplificato {
        piao["valore_pubblico"] =
            da_compilare("obiettivi di valore pubblico e strategie attuative");
        piao["performance"] = json!({ "generale": [] });
        piao["formazione"] = da_compilare("fotografia della formazione e obiettivi formativi");
        piao["monitoraggio"] = da_compilare("strumenti e fasi del monitoraggio integrato");
    }
    v["piao"] = piao;
    v
}

/// Runs `piano nuovo`: refuses to overwrite an existing file.
pub fn run(args: &NuovoArgs) -> anyhow::Result<ExitCode> {
    if args.file.exists() {
        anyhow::bail!(
            "il file `{}` esiste già: scegli un altro nome",
            args.file.display()
        );
    }
    let skeleton = if args.piao {
        skeleton_piao(&args.ente, args.anno, args.semplificato)
    } else {
        skeleton(&args.ente, args.anno)
    };
    let text = serde_json::to_string_pretty(&skeleton)? + "\n";
    let written = crate::write::write_file(&args.file, text.into_bytes())?;
    println!("{}", written.display());
    eprintln!("scheletro del piano scritto: compila i campi e controlla con `piano check`");
    Ok(ExitCode::SUCCESS)
}
