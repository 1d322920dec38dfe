//! Open data (D.Lgs. 33/2013, art. 7): objectives, indicators (one row per indicator and
//! deadline) and assignments as RFC 4180 CSV in UTF-8, the normalised plan with derived
//! codes as JSON, and a Frictionless Data `datapackage.json` describing them.

pub mod target;

use serde::Serialize;

use crate::model::{Indicatore, Livello, Nodo, Piano};
use crate::view::{Catalogo, codice, livello_azienda, walk};
use crate::write::Output;

/// One objective of the tree or of an agency.
#[derive(Debug, Serialize)]
pub struct RigaObiettivo {
    /// Code by position in the tree: unique, the key of the other tables.
    pub codice: String,
    /// Number as printed in the document (the body's own `numero`, or the code); empty on
    /// unnumbered levels.
    pub numero: String,
    /// Stable id, if the plan gives one.
    pub id: String,
    /// Level name.
    pub livello: String,
    /// Title.
    pub titolo: String,
    /// Code of the parent, empty at the top.
    pub codice_padre: String,
    /// Agency, empty for the body's own tree.
    pub azienda_speciale: String,
    /// Weight in the parent (percent), empty if not set.
    pub peso: Option<f64>,
    /// Missione code.
    pub missione: String,
    /// Programma code.
    pub programma: String,
    /// Offices involved, separated by ` | `.
    pub uffici: String,
}

/// One target of one indicator.
#[derive(Debug, Serialize)]
pub struct RigaIndicatore {
    /// Code of the objective.
    pub codice_obiettivo: String,
    /// Position of the indicator in the objective.
    pub numero: usize,
    /// Stable id, if given.
    pub id: String,
    /// What it measures.
    pub descrizione: String,
    /// Formula.
    pub formula: String,
    /// Unit.
    pub unita: String,
    /// Source.
    pub fonte: String,
    /// Baseline as worded.
    pub baseline: String,
    /// Deadline ("2021", "31/12").
    pub scadenza: String,
    /// Target as worded.
    pub target: String,
    /// Comparator derived from the wording or stated (`>=`, `<=`, `=`...).
    pub confronto: String,
    /// Numeric value, when the target has one.
    pub valore: Option<f64>,
    /// Unit of the value.
    pub unita_valore: String,
    /// Weight at this deadline (percent), empty if not set.
    pub peso: Option<f64>,
    /// Offices responsible for the indicator, separated by ` | `.
    pub uffici: String,
}

/// One objective assigned to one manager.
#[derive(Debug, Serialize)]
pub struct RigaAssegnazione {
    /// Year.
    pub anno: i32,
    /// Manager.
    pub dirigente: String,
    /// Role.
    pub ruolo: String,
    /// Code of the objective.
    pub codice_obiettivo: String,
    /// Title of the objective, from the tree.
    pub titolo_obiettivo: String,
    /// Weight (percent).
    pub peso: f64,
}

/// The normalised plan: the body, the document, its acts and the three tables.
#[derive(Debug, Serialize)]
pub struct DatiAperti<'a> {
    /// The body.
    pub ente: &'a crate::model::Ente,
    /// Title and period.
    pub documento: &'a crate::model::Documento,
    /// Acts.
    pub atti: &'a [crate::model::Atto],
    /// Objectives with derived codes.
    pub obiettivi: Vec<RigaObiettivo>,
    /// Indicators, one row per deadline.
    pub indicatori: Vec<RigaIndicatore>,
    /// Assignments.
    pub assegnazioni: Vec<RigaAssegnazione>,
}

fn obiettivo(
    nodo: &Nodo,
    codice: String,
    numero: String,
    padre: String,
    livello: &str,
    azienda: &str,
) -> RigaObiettivo {
    RigaObiettivo {
        codice,
        numero,
        id: nodo.id.clone().unwrap_or_default(),
        livello: livello.to_string(),
        titolo: nodo.titolo.clone(),
        codice_padre: padre,
        azienda_speciale: azienda.to_string(),
        peso: nodo.peso,
        missione: nodo
            .bilancio
            .as_ref()
            .map(|b| b.missione.codice.clone())
            .unwrap_or_default(),
        programma: nodo
            .bilancio
            .as_ref()
            .map(|b| b.programma.codice.clone())
            .unwrap_or_default(),
        uffici: nodo.uffici.join(" | "),
    }
}

fn indicatori(
    code: &str,
    inds: &[Indicatore],
    livello: Option<&Livello>,
    piano: &Piano,
    out: &mut Vec<RigaIndicatore>,
) {
    let scadenze = livello.map_or_else(
        || piano.documento.anni(),
        |l| l.scadenze_effettive(&piano.documento),
    );
    for (k, ind) in inds.iter().enumerate() {
        for s in &scadenze {
            let Some(t) = ind.target.get(s) else { continue };
            let parsed = target::struttura(t);
            out.push(RigaIndicatore {
                codice_obiettivo: code.to_string(),
                numero: k + 1,
                id: ind.id.clone().unwrap_or_default(),
                descrizione: ind.descrizione.clone(),
                formula: ind.formula.clone().unwrap_or_default(),
                unita: ind.unita.clone().unwrap_or_default(),
                fonte: ind.fonte.clone().unwrap_or_default(),
                baseline: ind.baseline.as_ref().map(|b| b.testo()).unwrap_or_default(),
                scadenza: s.clone(),
                target: t.testo(),
                confronto: parsed
                    .as_ref()
                    .map(|p| p.confronto.clone())
                    .unwrap_or_default(),
                valore: parsed.as_ref().map(|p| p.valore),
                unita_valore: parsed.and_then(|p| p.unita).unwrap_or_default(),
                peso: ind.peso_at(s),
                uffici: ind.uffici.join(" | "),
            });
        }
    }
}

/// The three tables of the plan.
pub fn dati<'a>(piano: &'a Piano, catalogo: &Catalogo) -> DatiAperti<'a> {
    let mut obiettivi = Vec::new();
    let mut righe_ind = Vec::new();
    let numeri = crate::view::codici(piano);
    walk(&piano.albero, &[], &mut |nodo, pos| {
        let depth = pos.len() - 1;
        let livello = piano.livelli.get(depth);
        let code = codice(pos);
        let padre = if depth == 0 {
            String::new()
        } else {
            codice(&pos[..depth])
        };
        obiettivi.push(obiettivo(
            nodo,
            code.clone(),
            numeri.get(pos).cloned().unwrap_or_default(),
            padre,
            livello.map_or("", |l| l.nome.as_str()),
            "",
        ));
        indicatori(&code, &nodo.indicatori, livello, piano, &mut righe_ind);
    });
    for az in &piano.aziende_speciali {
        let livello = livello_azienda(piano, az.livello.as_ref());
        for (i, nodo) in az.obiettivi.iter().enumerate() {
            let code = format!("{} {}", az.nome, i + 1);
            obiettivi.push(obiettivo(
                nodo,
                code.clone(),
                (i + 1).to_string(),
                String::new(),
                livello.map_or("", |l| l.nome.as_str()),
                &az.nome,
            ));
            indicatori(&code, &nodo.indicatori, livello, piano, &mut righe_ind);
        }
    }
    let assegnazioni = piano
        .assegnazioni
        .iter()
        .flat_map(|a| {
            a.dirigenti.iter().flat_map(move |d| {
                d.obiettivi.iter().map(move |o| {
                    let voce = catalogo.get(&o.obiettivo);
                    RigaAssegnazione {
                        anno: a.anno,
                        dirigente: match &d.titolo {
                            Some(t) => format!("{t} {}", d.nome),
                            None => d.nome.clone(),
                        },
                        ruolo: d.ruolo.clone(),
                        codice_obiettivo: voce
                            .map_or_else(|| o.obiettivo.clone(), |v| v.chiave.clone()),
                        titolo_obiettivo: voce.map(|v| v.titolo.clone()).unwrap_or_default(),
                        peso: o.peso,
                    }
                })
            })
        })
        .collect();
    DatiAperti {
        ente: &piano.ente,
        documento: &piano.documento,
        atti: &piano.atti,
        obiettivi,
        indicatori: righe_ind,
        assegnazioni,
    }
}

/// The rows as CSV, columns in the order of `header`. A text that a spreadsheet would
/// run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
/// written after a `'`, as OWASP recommends against CSV injection; numbers are written as
/// they are, and the JSON keeps every text as it is.
fn csv_bytes<T: Serialize>(rows: &[T], header: &[&str]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        let row = serde_json::to_value(r)?;
        let mut record = Vec::with_capacity(header.len());
        for name in header {
            record.push(match row.get(name) {
                Some(serde_json::Value::String(s)) => neutralised(s),
                Some(serde_json::Value::Null) => String::new(),
                Some(other) => other.to_string(),
                None => anyhow::bail!("la colonna `{name}` non è un campo della riga"),
            });
        }
        w.write_record(&record)?;
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("scrittura CSV: {e}"))
}

/// `text`, after a `'` if a spreadsheet would read it as a formula. A lone sign (the
/// comparator `=`, the `-` of a target that does not apply) runs nothing and stays.
fn neutralised(text: &str) -> String {
    if text.chars().nth(1).is_some() && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A field of the data package: name, Frictionless type, description.
type Campo = (&'static str, &'static str, &'static str);

const CAMPI_OBIETTIVI: &[Campo] = &[
    (
        "codice",
        "string",
        "Codice derivato dalla posizione nell'albero (es. 1.1.2): unico, chiave delle altre tabelle",
    ),
    (
        "numero",
        "string",
        "Numero dell'obiettivo come stampato nel documento (il numero proprio dato dall'ente, o il codice); vuoto per i livelli non numerati",
    ),
    (
        "id",
        "string",
        "Identificativo stabile dell'obiettivo, se indicato",
    ),
    (
        "livello",
        "string",
        "Livello dell'albero (es. Obiettivo operativo)",
    ),
    ("titolo", "string", "Titolo dell'obiettivo"),
    (
        "codice_padre",
        "string",
        "Codice dell'obiettivo di livello superiore",
    ),
    (
        "azienda_speciale",
        "string",
        "Azienda speciale a cui è assegnato, se non è dell'ente",
    ),
    (
        "peso",
        "number",
        "Peso nell'obiettivo di livello superiore (percentuale)",
    ),
    ("missione", "string", "Codice della missione del bilancio"),
    ("programma", "string", "Codice del programma del bilancio"),
    ("uffici", "string", "Aree e uffici coinvolti, separati da |"),
];

const CAMPI_INDICATORI: &[Campo] = &[
    ("codice_obiettivo", "string", "Codice dell'obiettivo"),
    ("numero", "integer", "Numero dell'indicatore nell'obiettivo"),
    (
        "id",
        "string",
        "Identificativo stabile dell'indicatore, se indicato",
    ),
    ("descrizione", "string", "Che cosa misura"),
    ("formula", "string", "Formula di calcolo"),
    ("unita", "string", "Unità di misura"),
    ("fonte", "string", "Fonte del dato"),
    (
        "baseline",
        "string",
        "Valore storico di riferimento, come scritto nel piano",
    ),
    (
        "scadenza",
        "string",
        "Scadenza del target (anno, 30/6, 31/12)",
    ),
    ("target", "string", "Target come scritto nel piano"),
    (
        "confronto",
        "string",
        "Verso del target ricavato dal testo: >=, <=, >, <, =",
    ),
    (
        "valore",
        "number",
        "Valore numerico del target, se presente",
    ),
    (
        "unita_valore",
        "string",
        "Unità del valore numerico (%, gg., €...)",
    ),
    (
        "peso",
        "number",
        "Peso dell'indicatore alla scadenza (percentuale)",
    ),
    (
        "uffici",
        "string",
        "Servizi e uffici responsabili dell'indicatore, separati da |",
    ),
];

const CAMPI_ASSEGNAZIONI: &[Campo] = &[
    ("anno", "integer", "Anno dell'assegnazione"),
    ("dirigente", "string", "Dirigente"),
    ("ruolo", "string", "Ruolo del dirigente"),
    (
        "codice_obiettivo",
        "string",
        "Codice dell'obiettivo assegnato",
    ),
    ("titolo_obiettivo", "string", "Titolo dell'obiettivo"),
    (
        "peso",
        "number",
        "Peso dell'obiettivo per il dirigente (percentuale)",
    ),
];

fn resource(name: &str, path: &str, title: &str, campi: &[Campo]) -> serde_json::Value {
    serde_json::json!({
        "name": name,
        "path": path,
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
        "schema": { "fields": campi.iter().map(|(n, t, d)| serde_json::json!({"name": n, "type": t, "description": d})).collect::<Vec<_>>() }
    })
}

/// The open data files of a plan, named after `stem`.
pub fn outputs(piano: &Piano, catalogo: &Catalogo, stem: &str) -> anyhow::Result<Vec<Output>> {
    let d = dati(piano, catalogo);
    let names = [
        format!("{stem}-obiettivi.csv"),
        format!("{stem}-indicatori.csv"),
        format!("{stem}-assegnazioni.csv"),
        format!("{stem}.json"),
    ];
    let header = |c: &[Campo]| c.iter().map(|(n, _, _)| *n).collect::<Vec<_>>();
    let licenza = piano
        .documento
        .licenza_dati
        .clone()
        .unwrap_or_else(|| "CC-BY-4.0".into());
    let titolo = format!(
        "{} {}-{} – {}",
        piano.documento.titolo,
        piano.documento.anno_inizio,
        piano.documento.anno_fine,
        piano.ente.nome
    );
    let package = serde_json::json!({
        "profile": "tabular-data-package",
        "name": stem,
        "title": titolo,
        "description": format!("Obiettivi, indicatori e assegnazioni ai dirigenti del {titolo}, in formato aperto (art. 7 D.Lgs. 33/2013)."),
        "licenses": [ { "name": licenza, "path": licence_url(&licenza) } ],
        "contributors": [ { "title": piano.ente.nome, "role": "publisher" } ],
        "resources": [
            resource("obiettivi", &names[0], "Obiettivi", CAMPI_OBIETTIVI),
            resource("indicatori", &names[1], "Indicatori e target (una riga per scadenza)", CAMPI_INDICATORI),
            resource("assegnazioni", &names[2], "Assegnazione degli obiettivi ai dirigenti", CAMPI_ASSEGNAZIONI),
            { "name": "piano", "path": names[3], "title": "Piano normalizzato con i codici derivati", "format": "json", "mediatype": "application/json", "encoding": "utf-8" }
        ]
    });
    Ok(vec![
        Output {
            name: names[0].clone(),
            bytes: csv_bytes(&d.obiettivi, &header(CAMPI_OBIETTIVI))?,
        },
        Output {
            name: names[1].clone(),
            bytes: csv_bytes(&d.indicatori, &header(CAMPI_INDICATORI))?,
        },
        Output {
            name: names[2].clone(),
            bytes: csv_bytes(&d.assegnazioni, &header(CAMPI_ASSEGNAZIONI))?,
        },
        Output {
            name: names[3].clone(),
            bytes: (serde_json::to_string_pretty(&d)? + "\n").into_bytes(),
        },
        Output {
            name: "datapackage.json".into(),
            bytes: (serde_json::to_string_pretty(&package)? + "\n").into_bytes(),
        },
    ])
}

fn licence_url(spdx: &str) -> String {
    match spdx {
        "CC-BY-4.0" => "https://creativecommons.org/licenses/by/4.0/".into(),
        "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/".into(),
        "CC-BY-SA-4.0" => "https://creativecommons.org/licenses/by-sa/4.0/".into(),
        "IODL-2.0" => "https://www.dati.gov.it/iodl/2.0/".into(),
        other => format!("https://spdx.org/licenses/{other}.html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_neutralised() {
        #[derive(Serialize)]
        struct R {
            t: String,
            n: f64,
        }
        let rows: Vec<R> = [
            "=1+1",
            "+39 030",
            "-2",
            "@SOMMA(A1)",
            "\tx",
            "\rx",
            "a=b",
            " =x",
            "=",
            "-",
        ]
        .into_iter()
        .map(|t| R {
            t: t.into(),
            n: -2.5,
        })
        .collect();
        let bytes = csv_bytes(&rows, &["t", "n"]).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "t,n\r\n'=1+1,-2.5\r\n'+39 030,-2.5\r\n'-2,-2.5\r\n'@SOMMA(A1),-2.5\r\n\
             '\tx,-2.5\r\n\"'\rx\",-2.5\r\na=b,-2.5\r\n =x,-2.5\r\n=,-2.5\r\n-,-2.5\r\n"
        );
    }

    #[test]
    fn csv_quotes_and_crlf() {
        #[derive(Serialize)]
        struct R {
            a: String,
            b: Option<f64>,
        }
        let bytes = csv_bytes(
            &[
                R {
                    a: "x, \"y\"".into(),
                    b: None,
                },
                R {
                    a: "z".into(),
                    b: Some(1.5),
                },
            ],
            &["a", "b"],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "a,b\r\n\"x, \"\"y\"\"\",\r\nz,1.5\r\n"
        );
    }
}
