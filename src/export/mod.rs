//! Open data (D.Lgs. 33/2013, art. 7): objectives, indicators (one row per indicator and
//! deadline) and assignments as RFC 4180 CSV in UTF-8, the normalised plan with derived
//! codes as JSON, and a Frictionless Data `datapackage.json` describing them.
//!
//! A table's row type is its only description: its fields are the CSV's columns, in order,
//! and their Italian `#[schemars(description = ...)]` and JSON types are the data package's
//! fields.

pub mod piao;
pub mod risultati;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::indice::{Indice, Ramo};
use crate::inline::plain;
use crate::manifest::{FileDati, licence_url};
use crate::model::{Indicatore, Livello, Nodo, Piano};
use crate::write::Output;

/// One objective of the tree or of an agency.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct RigaObiettivo {
    /// Code by position in the tree: unique, the key of the other tables.
    #[schemars(
        description = "Codice derivato dalla posizione nell'albero (es. 1.1.2): unico, chiave delle altre tabelle"
    )]
    pub codice: String,
    /// Number as printed in the document (the body's own `numero`, or the code); empty on
    /// unnumbered levels.
    #[schemars(
        description = "Numero dell'obiettivo come stampato nel documento (il numero proprio dato dall'ente, o il codice); vuoto per i livelli non numerati"
    )]
    pub numero: String,
    /// Stable id, if the plan gives one.
    #[schemars(description = "Identificativo stabile dell'obiettivo, se indicato")]
    pub id: String,
    /// Level name.
    #[schemars(description = "Livello dell'albero (es. Obiettivo operativo)")]
    pub livello: String,
    /// Title.
    #[schemars(description = "Titolo dell'obiettivo")]
    pub titolo: String,
    /// Code of the parent, empty at the top.
    #[schemars(description = "Codice dell'obiettivo di livello superiore")]
    pub codice_padre: String,
    /// Agency, empty for the body's own tree.
    #[schemars(description = "Azienda speciale a cui è assegnato, se non è dell'ente")]
    pub azienda_speciale: String,
    /// Weight in the parent (percent), empty if not set.
    #[schemars(description = "Peso nell'obiettivo di livello superiore (percentuale)")]
    pub peso: Option<f64>,
    /// Missione code.
    #[schemars(description = "Codice della missione del bilancio")]
    pub missione: String,
    /// Programma code.
    #[schemars(description = "Codice del programma del bilancio")]
    pub programma: String,
    /// Offices involved, separated by ` | `.
    #[schemars(description = "Aree e uffici coinvolti, separati da |")]
    pub uffici: String,
    /// Period of an action, as worded; empty if not set.
    #[schemars(description = "Periodo dell'azione, come scritto nel piano (es. da marzo 2024)")]
    pub periodo: String,
    /// Group heading the action is printed under; empty if none.
    #[schemars(
        description = "Gruppo sotto cui l'azione è stampata (es. Linee di azione istituzionali)"
    )]
    pub gruppo: String,
}

/// One target of one indicator.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct RigaIndicatore {
    /// Code of the objective.
    #[schemars(description = "Codice dell'obiettivo")]
    pub codice_obiettivo: String,
    /// Position of the indicator in the objective; empty for the objective's own targets.
    #[schemars(
        description = "Numero dell'indicatore nell'obiettivo; vuoto per i target dell'obiettivo stesso"
    )]
    pub numero: Option<usize>,
    /// Stable id, if given.
    #[schemars(description = "Identificativo stabile dell'indicatore, se indicato")]
    pub id: String,
    /// What it measures; the objective's title for its own targets.
    #[schemars(
        description = "Che cosa misura; per i target dell'obiettivo stesso, il titolo dell'obiettivo"
    )]
    pub descrizione: String,
    /// Formula.
    #[schemars(description = "Formula di calcolo")]
    pub formula: String,
    /// Unit.
    #[schemars(description = "Unità di misura")]
    pub unita: String,
    /// Source.
    #[schemars(description = "Fonte del dato")]
    pub fonte: String,
    /// Baseline as worded.
    #[schemars(description = "Valore storico di riferimento, come scritto nel piano")]
    pub baseline: String,
    /// Deadline ("2021", "31/12").
    #[schemars(description = "Scadenza del target (anno, 30/6, 31/12)")]
    pub scadenza: String,
    /// Target as worded.
    #[schemars(description = "Target come scritto nel piano")]
    pub target: String,
    /// Comparator derived from the wording or stated (`>=`, `<=`, `=`...).
    #[schemars(description = "Verso del target ricavato dal testo: >=, <=, >, <, =")]
    pub confronto: String,
    /// Numeric value, when the target has one.
    #[schemars(description = "Valore numerico del target, se presente")]
    pub valore: Option<f64>,
    /// Unit of the value.
    #[schemars(description = "Unità del valore numerico (%, gg., €...)")]
    pub unita_valore: String,
    /// Weight at this deadline (percent), empty if not set.
    #[schemars(description = "Peso dell'indicatore alla scadenza (percentuale)")]
    pub peso: Option<f64>,
    /// Offices responsible for the indicator, separated by ` | `.
    #[schemars(description = "Servizi e uffici responsabili dell'indicatore, separati da |")]
    pub uffici: String,
}

/// One objective assigned to one manager.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct RigaAssegnazione {
    /// Year.
    #[schemars(description = "Anno dell'assegnazione")]
    pub anno: i32,
    /// Manager.
    #[schemars(description = "Dirigente")]
    pub dirigente: String,
    /// Role.
    #[schemars(description = "Ruolo del dirigente")]
    pub ruolo: String,
    /// Code of the objective.
    #[schemars(description = "Codice dell'obiettivo assegnato")]
    pub codice_obiettivo: String,
    /// Title of the objective, from the tree.
    #[schemars(description = "Titolo dell'obiettivo")]
    pub titolo_obiettivo: String,
    /// Weight (percent).
    #[schemars(description = "Peso dell'obiettivo per il dirigente (percentuale)")]
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
        titolo: plain(&nodo.titolo),
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
        periodo: nodo.periodo_azione().unwrap_or_default().to_string(),
        gruppo: nodo.nome_gruppo().unwrap_or_default().to_string(),
    }
}

/// The indicator rows of a node: its own targets first, when it is its own measure (one
/// implicit indicator, without a number, described by the node's title), then each
/// indicator; one row per deadline of its level that has a target.
fn indicatori(
    code: &str,
    nodo: &Nodo,
    livello: Option<&Livello>,
    piano: &Piano,
    out: &mut Vec<RigaIndicatore>,
) {
    let scadenze = piano.documento.scadenze(livello);
    // (number, indicator, description, baseline, targets); no indicator for the node's own.
    let propri = (!nodo.target.is_empty()).then_some((
        None,
        None,
        &nodo.titolo,
        nodo.baseline.as_ref(),
        &nodo.target,
    ));
    let numerati = nodo.indicatori.iter().enumerate().map(|(k, i)| {
        let baseline = i.baseline.as_ref();
        (Some(k + 1), Some(i), &i.descrizione, baseline, &i.target)
    });
    for (numero, ind, descrizione, baseline, targets) in propri.into_iter().chain(numerati) {
        let testo = |f: fn(&Indicatore) -> &Option<String>| {
            ind.and_then(|i| f(i).clone()).unwrap_or_default()
        };
        for s in &scadenze {
            let Some(t) = targets.get(s) else { continue };
            let parsed = crate::model::target::struttura(t);
            out.push(RigaIndicatore {
                codice_obiettivo: code.to_string(),
                numero,
                id: testo(|i| &i.id),
                descrizione: plain(descrizione),
                formula: testo(|i| &i.formula),
                unita: testo(|i| &i.unita),
                fonte: testo(|i| &i.fonte),
                baseline: baseline.map(|b| plain(&b.testo())).unwrap_or_default(),
                scadenza: s.clone(),
                target: plain(&t.testo()),
                confronto: parsed
                    .as_ref()
                    .map(|p| p.confronto.clone())
                    .unwrap_or_default(),
                valore: parsed.as_ref().map(|p| p.valore),
                unita_valore: parsed.and_then(|p| p.unita).unwrap_or_default(),
                peso: ind.and_then(|i| i.peso_at(s)),
                uffici: ind.map(|i| i.uffici.join(" | ")).unwrap_or_default(),
            });
        }
    }
}

/// The three tables of the plan.
pub fn dati<'a>(piano: &'a Piano, indice: &Indice) -> DatiAperti<'a> {
    let mut obiettivi = Vec::new();
    let mut righe_ind = Vec::new();
    for (nodo, voce) in indice.con_nodi(piano) {
        let livello = voce.livello(piano);
        let azienda = match voce.ramo {
            Ramo::Albero => "",
            Ramo::Azienda(k) => piano
                .aziende_speciali
                .get(k)
                .map_or("", |a| a.nome.as_str()),
        };
        obiettivi.push(obiettivo(
            nodo,
            voce.chiave.clone(),
            voce.codice.clone(),
            indice
                .padre(voce)
                .map(|p| p.chiave.clone())
                .unwrap_or_default(),
            &voce.nome_livello,
            azienda,
        ));
        indicatori(&voce.chiave, nodo, livello, piano, &mut righe_ind);
    }
    let assegnazioni = piano
        .assegnazioni
        .iter()
        .flat_map(|a| {
            a.dirigenti.iter().flat_map(move |d| {
                d.obiettivi.iter().map(move |o| {
                    let voce = indice.cerca(&o.obiettivo);
                    RigaAssegnazione {
                        anno: a.anno,
                        dirigente: match &d.titolo {
                            Some(t) => format!("{t} {}", d.nome),
                            None => d.nome.clone(),
                        },
                        ruolo: d.ruolo.clone(),
                        codice_obiettivo: voce
                            .map_or_else(|| o.obiettivo.clone(), |v| v.chiave.clone()),
                        titolo_obiettivo: voce.map(|v| plain(&v.titolo)).unwrap_or_default(),
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
pub(crate) fn neutralised(text: &str) -> String {
    if text.chars().nth(1).is_some() && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A field of the data package: a CSV column, with its type and description.
#[derive(Debug, Serialize)]
struct Campo {
    /// The column's name, as in the CSV header.
    name: String,
    /// The Frictionless type: `string`, `integer` or `number`.
    #[serde(rename = "type")]
    tipo: String,
    /// What the column holds, in Italian.
    description: String,
}

/// The CSV columns of a row type, in order: the header `csv` writes for it.
fn colonne<T: Serialize + Default>() -> anyhow::Result<Vec<String>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.serialize(T::default())?;
    let bytes = w
        .into_inner()
        .map_err(|e| anyhow::anyhow!("scrittura CSV: {e}"))?;
    let header = csv::Reader::from_reader(bytes.as_slice())
        .headers()?
        .iter()
        .map(str::to_string)
        .collect();
    Ok(header)
}

/// The data package's fields of a row type: one per CSV column, in the CSV's order, with
/// the JSON type and the Italian description its JSON Schema gives the column.
fn campi<T: Serialize + Default + JsonSchema>() -> anyhow::Result<Vec<Campo>> {
    let schema = schemars::schema_for!(T);
    colonne::<T>()?
        .into_iter()
        .map(|name| {
            let property = schema
                .get("properties")
                .and_then(|p| p.get(&name))
                .ok_or_else(|| anyhow::anyhow!("colonna `{name}` assente dallo schema"))?;
            // An optional column is `["number", "null"]`: its values are numbers or empty.
            let tipo = match property.get("type") {
                Some(Value::String(t)) => Some(t.as_str()),
                Some(Value::Array(types)) => types
                    .iter()
                    .filter_map(Value::as_str)
                    .find(|t| *t != "null"),
                _ => None,
            };
            let description = property.get("description").and_then(Value::as_str);
            match (tipo, description) {
                (Some(tipo), Some(description)) => Ok(Campo {
                    tipo: tipo.to_string(),
                    description: description.to_string(),
                    name,
                }),
                _ => anyhow::bail!("colonna `{name}` senza tipo o descrizione nello schema"),
            }
        })
        .collect()
}

/// The CSV header of a table with these fields.
fn header(campi: &[Campo]) -> Vec<&str> {
    campi.iter().map(|c| c.name.as_str()).collect()
}

fn resource(name: &str, path: &str, title: &str, campi: &[Campo]) -> Value {
    serde_json::json!({
        "name": name,
        "path": path,
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
        "schema": { "fields": campi }
    })
}

/// The open data files of a plan, with the names and licence of the manifest.
pub fn outputs(
    piano: &Piano,
    indice: &Indice,
    files: &FileDati,
    licenza: &str,
    tabelle_piao: &[(String, crate::model::Tabella)],
) -> anyhow::Result<Vec<Output>> {
    let d = dati(piano, indice);
    let piao = piao::tabelle(tabelle_piao, &files.nome)?;
    let obiettivi = campi::<RigaObiettivo>()?;
    let indicatori = campi::<RigaIndicatore>()?;
    let assegnazioni = campi::<RigaAssegnazione>()?;
    let titolo = format!(
        "{} {}-{} – {}",
        piano.documento.titolo,
        piano.documento.anno_inizio,
        piano.documento.anno_fine,
        piano.ente.nome
    );
    let mut package = serde_json::json!({
        "profile": "tabular-data-package",
        "name": files.nome,
        "title": titolo,
        "description": format!("Obiettivi, indicatori e assegnazioni ai dirigenti del {titolo}, in formato aperto (art. 7 D.Lgs. 33/2013)."),
        "licenses": [ { "name": licenza, "path": licence_url(licenza) } ],
        "contributors": [ { "title": piano.ente.nome, "role": "publisher" } ],
        "resources": [
            resource("obiettivi", &files.obiettivi, "Obiettivi", &obiettivi),
            resource("indicatori", &files.indicatori, "Indicatori e target (una riga per scadenza)", &indicatori),
            resource("assegnazioni", &files.assegnazioni, "Assegnazione degli obiettivi ai dirigenti", &assegnazioni),
            { "name": "piano", "path": files.piano, "title": "Piano normalizzato con i codici derivati", "format": "json", "mediatype": "application/json", "encoding": "utf-8" }
        ]
    });
    if let Some(resources) = package["resources"].as_array_mut() {
        resources.extend(piao.iter().map(|r| r.descrizione.clone()));
    }
    let mut out = vec![
        Output {
            name: files.obiettivi.clone(),
            bytes: csv_bytes(&d.obiettivi, &header(&obiettivi))?,
        },
        Output {
            name: files.indicatori.clone(),
            bytes: csv_bytes(&d.indicatori, &header(&indicatori))?,
        },
        Output {
            name: files.assegnazioni.clone(),
            bytes: csv_bytes(&d.assegnazioni, &header(&assegnazioni))?,
        },
        Output {
            name: files.piano.clone(),
            bytes: (serde_json::to_string_pretty(&d)? + "\n").into_bytes(),
        },
    ];
    out.extend(piao.into_iter().map(|r| r.output));
    if let Some(file) = &files.portale {
        out.extend(piao::portale(piano, file)?);
    }
    out.push(Output {
        name: files.datapackage.clone(),
        bytes: (serde_json::to_string_pretty(&package)? + "\n").into_bytes(),
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan with one objective, one indicator with a target and one assignment, so that
    /// every table has a row.
    fn piano() -> Piano {
        serde_json::from_value(serde_json::json!({
            "ente": {"nome": "Comune di Prova"},
            "documento": {"titolo": "Piano", "anno_inizio": 2024, "anno_fine": 2024},
            "livelli": [{"nome": "Obiettivo", "plurale": "Obiettivi"}],
            "albero": [{"titolo": "Uno", "indicatori": [
                {"descrizione": "pratiche", "target": {"2024": ">= 10"}, "peso": 100}
            ]}],
            "assegnazioni": {"anno": 2024, "dirigenti": [
                {"nome": "Rossi", "ruolo": "Segretario", "obiettivi": [{"obiettivo": "1", "peso": 100}]}
            ]}
        }))
        .unwrap()
    }

    /// The plan's manifest and the open-data files it names.
    fn open_data(piano: &Piano) -> (crate::manifest::Manifest, Vec<Output>) {
        let manifest = crate::manifest::Manifest::new(piano, &[], false).unwrap();
        let files = outputs(
            piano,
            &Indice::build(piano),
            manifest.dati.as_ref().unwrap(),
            &manifest.licenza,
            &[],
        )
        .unwrap();
        (manifest, files)
    }

    #[test]
    fn every_csv_column_is_a_described_field_of_the_data_package_in_order() {
        let (manifest, files) = open_data(&piano());
        let bytes = |name: &str| &files.iter().find(|f| f.name == name).unwrap().bytes;
        let package: Value = serde_json::from_slice(bytes("datapackage.json")).unwrap();
        let docs = crate::load::schema::doc_comments(include_str!("mod.rs"));
        let mut tables = 0;
        for resource in package["resources"].as_array().unwrap() {
            let Some(fields) = resource["schema"]["fields"].as_array() else {
                continue;
            };
            let path = resource["path"].as_str().unwrap();
            let csv = String::from_utf8(bytes(path).clone()).unwrap();
            let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
            let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(names, header, "{path}");
            for field in fields {
                let description = field["description"].as_str().unwrap_or_default();
                assert!(!description.is_empty(), "{path}: {field}");
                assert!(
                    !docs.iter().any(|d| d == description),
                    "{path}: the English doc comment, not an Italian description: {field}"
                );
                assert!(
                    ["string", "integer", "number"].contains(&field["type"].as_str().unwrap()),
                    "{path}: {field}"
                );
            }
            tables += 1;
        }
        assert_eq!(tables, 3);
        assert_eq!(
            csv_header(bytes(&manifest.dati.as_ref().unwrap().obiettivi)),
            "codice,numero,id,livello,titolo,codice_padre,azienda_speciale,peso,missione,programma,uffici,periodo,gruppo"
        );
        let indicatori = &package["resources"][1]["schema"]["fields"];
        assert_eq!(
            indicatori[1],
            serde_json::json!({"name": "numero", "type": "integer", "description": "Numero dell'indicatore nell'obiettivo; vuoto per i target dell'obiettivo stesso"})
        );
        assert_eq!(
            indicatori[11],
            serde_json::json!({"name": "valore", "type": "number", "description": "Valore numerico del target, se presente"})
        );
    }

    #[test]
    fn an_empty_table_still_has_its_header() {
        let mut piano = piano();
        piano.assegnazioni = None;
        let (_, files) = open_data(&piano);
        let csv = &files
            .iter()
            .find(|f| f.name.ends_with("-assegnazioni.csv"))
            .unwrap()
            .bytes;
        assert_eq!(
            String::from_utf8(csv.clone()).unwrap(),
            "anno,dirigente,ruolo,codice_obiettivo,titolo_obiettivo,peso\r\n"
        );
    }

    fn csv_header(bytes: &[u8]) -> &str {
        std::str::from_utf8(bytes)
            .unwrap()
            .split("\r\n")
            .next()
            .unwrap()
    }

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
