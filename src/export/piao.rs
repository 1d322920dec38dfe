//! Open data of the PIAO: one CSV per table of its sections (cells as the plan states
//! them, without the totals rows, which are derived), described in the data package; and,
//! for a publication folder, the answers to the DFP portal's upload form.

use serde_json::Value;

use crate::manifest::parole;
use crate::model::piao::ModuloPortale;
use crate::model::{Cella, Piano, Tabella};
use crate::write::Output;

/// A table of the PIAO as an open data resource: its file and its data package entry.
pub struct Risorsa {
    /// The CSV file.
    pub output: Output,
    /// Its entry in `datapackage.json`.
    pub descrizione: Value,
}

/// The resources of the PIAO's tables; `stem` names the files.
pub fn tabelle(tabelle: &[(String, Tabella)], stem: &str) -> anyhow::Result<Vec<Risorsa>> {
    let mut out: Vec<Risorsa> = Vec::new();
    for (numero, t) in tabelle {
        let base = format!("sezione-{}-{}", numero.replace('.', "-"), nome(&t.titolo));
        let mut name = base.clone();
        let mut k = 1;
        while out.iter().any(|r| r.descrizione["name"] == name.as_str()) {
            k += 1;
            name = format!("{base}-{k}");
        }
        let file = format!("{stem}-{name}.csv");
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        w.write_record(t.colonne.iter().map(|c| c.titolo.as_str()))?;
        for riga in &t.righe {
            w.write_record(riga.iter().map(cella))?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| anyhow::anyhow!("scrittura CSV: {e}"))?;
        let fields: Vec<Value> = t
            .colonne
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let numeri = t
                    .righe
                    .iter()
                    .filter_map(|r| r.get(k))
                    .all(|c| matches!(c, Cella::Numero(_) | Cella::Vuota));
                let piene = t
                    .righe
                    .iter()
                    .any(|r| matches!(r.get(k), Some(Cella::Numero(_))));
                serde_json::json!({
                    "name": c.titolo,
                    "type": if numeri && piene { "number" } else { "string" },
                })
            })
            .collect();
        out.push(Risorsa {
            descrizione: serde_json::json!({
                "name": name,
                "path": file,
                "title": format!("PIAO, sottosezione {numero}: {}", crate::inline::plain(&t.titolo)),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
                "schema": { "fields": fields }
            }),
            output: Output { name: file, bytes },
        });
    }
    Ok(out)
}

/// A resource name from a table's title: lowercase letters, digits and dashes.
fn nome(titolo: &str) -> String {
    let s = parole(&crate::inline::plain(titolo));
    s.chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// A cell as the CSV holds it: numbers in JSON notation, texts neutralised.
fn cella(c: &Cella) -> String {
    match c {
        Cella::Numero(n) => n.to_string(),
        Cella::Testo(t) => super::neutralised(&crate::inline::plain(t)),
        Cella::Vuota => String::new(),
    }
}

/// The answers to the DFP portal's upload form, as a JSON file.
pub fn portale(piano: &Piano, file: &str) -> anyhow::Result<Option<Output>> {
    let Some(piao) = &piano.piao else {
        return Ok(None);
    };
    let modulo = ModuloPortale::new(piano, piao);
    Ok(Some(Output {
        name: file.to_string(),
        bytes: (serde_json::to_string_pretty(&modulo)? + "\n").into_bytes(),
    }))
}
