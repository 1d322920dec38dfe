//! The manifest of a build's outputs: the single source of every file name, of the links
//! an HTML page gives to the files published beside it, and of the open data licence.
//! Renderers ask it where their files go; nothing else makes a file name.

use serde::Serialize;

use crate::diag::{Codice, Diagnostic};
use crate::model::Piano;

/// The licence of the open data when the plan names none.
pub const LICENZA_PREDEFINITA: &str = "CC-BY-4.0";

/// The documents a plan can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Documento {
    /// The Piano della Performance (with the POLA as its annex, when present).
    Piano,
    /// The POLA on its own, with its own cover and index.
    Pola,
    /// The Relazione sulla Performance, from a results file.
    Relazione,
    /// The whole PIAO (when the plan has `piao`).
    Piao,
    /// The PIAO's subsection 2.3 Rischi corruttivi e trasparenza on its own, for the RPCT.
    Anticorruzione,
}

/// The files of one document: its PDF, its HTML page and (on request) its Typst source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDocumento {
    /// Which document.
    pub documento: Documento,
    /// The stem of its file names (`piano-della-performance-2021-2023`).
    pub stem: String,
    /// The PDF's file name.
    pub pdf: String,
    /// The HTML page's file name (`index.html` for the plan of a publication folder).
    pub html: String,
    /// The generated Typst source's file name.
    pub typ: String,
    /// The template of the PDF.
    pub modello_pdf: &'static str,
    /// The template of the HTML page.
    pub modello_html: &'static str,
    /// A stable identifier of the document (body, title, period), for the PDF's `/ID`.
    pub ident: String,
}

/// The open data files of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDati {
    /// The data package's name (the plan's stem).
    pub nome: String,
    /// Objectives, CSV.
    pub obiettivi: String,
    /// Indicators and targets, CSV.
    pub indicatori: String,
    /// Assignments to managers, CSV.
    pub assegnazioni: String,
    /// The normalised plan, JSON.
    pub piano: String,
    /// The Frictionless data package describing the files.
    pub datapackage: String,
    /// The answers to the DFP portal's upload form, JSON: for a PIAO in a publication
    /// folder.
    pub portale: Option<String>,
}

/// The open data of the Relazione.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRisultati {
    /// The data package's name (the Relazione's stem).
    pub nome: String,
    /// One row per indicator and deadline: target, result, achievement; CSV.
    pub risultati: String,
    /// One row per objective with its achievement; CSV.
    pub obiettivi: String,
    /// One row per manager with the achievement of the objectives assigned; CSV.
    pub dirigenti: String,
    /// The Frictionless data package describing the files.
    pub datapackage: String,
}

/// A link from an HTML page to a file published beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Collegamento {
    /// File name.
    pub file: String,
    /// Label shown.
    pub etichetta: String,
    /// MIME type.
    pub tipo: String,
}

/// Every output of a build, named once.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The documents to produce, in order.
    pub documenti: Vec<FileDocumento>,
    /// The open data, produced with the plan's document.
    pub dati: Option<FileDati>,
    /// The open data of the Relazione, produced with it.
    pub risultati: Option<FileRisultati>,
    /// The SPDX identifier of the open data licence.
    pub licenza: String,
    /// Whether the outputs form a publication folder (with `SHA256SUMS`).
    pub pubblicazione: bool,
}

/// The name of the checksum file of a publication folder.
pub const SHA256SUMS: &str = "SHA256SUMS";

impl Manifest {
    /// The outputs of `piano` for the documents asked for (every document it holds when
    /// `wanted` is empty); an error when the POLA is asked for and the plan has none.
    pub fn new(
        piano: &Piano,
        wanted: &[Documento],
        pubblicazione: bool,
    ) -> Result<Manifest, Diagnostic> {
        let mut wanted = wanted.to_vec();
        let piao = piano.piao.as_ref();
        if wanted.is_empty() {
            // A PIAO and its subsection 2.3 for the RPCT (a few pages); subsection 2.2 on its
            // own, for the OIV, is the plan's whole chapter composed a second time: only on
            // request (`--documento piano`).
            if let Some(p) = piao {
                wanted.push(Documento::Piao);
                if p.rischi.is_some() {
                    wanted.push(Documento::Anticorruzione);
                }
            } else {
                wanted.push(Documento::Piano);
                if piano.pola.is_some() {
                    wanted.push(Documento::Pola);
                }
            }
        }
        let doc = &piano.documento;
        let mut documenti = Vec::new();
        for documento in wanted {
            let (inizio, fine) = (doc.anno_inizio, doc.anno_fine);
            let (stem, titolo, modello) = match (documento, &piano.pola) {
                (Documento::Piao | Documento::Anticorruzione, _) if piao.is_none() => {
                    return Err(Diagnostic::new(
                        Codice::P060,
                        "il piano non è un PIAO (chiave `piao`)",
                    )
                    .with_hint("aggiungi la chiave `piao` con le sue sezioni (`piano nuovo --piao` ne scrive lo schema), o genera il Piano della Performance"));
                }
                (Documento::Anticorruzione, _) if piao.is_some_and(|p| p.rischi.is_none()) => {
                    return Err(Diagnostic::new(
                        Codice::P060,
                        "il PIAO non contiene la sottosezione 2.3 (chiave `piao.rischi`)",
                    )
                    .with_hint("aggiungi `piao.rischi`, o genera il PIAO intero"));
                }
                (Documento::Piao, _) => (slug("PIAO", inizio, fine), "PIAO".to_string(), "piao"),
                (Documento::Anticorruzione, _) => (
                    format!("{}-anticorruzione", slug("PIAO", inizio, fine)),
                    "PIAO 2.3 Rischi corruttivi e trasparenza".to_string(),
                    "piao-sezione",
                ),
                (Documento::Piano, _) if piao.is_some() => (
                    format!("{}-performance", slug("PIAO", inizio, fine)),
                    "PIAO 2.2 Performance".to_string(),
                    "piano",
                ),
                (Documento::Piano, _) => {
                    (slug(&doc.titolo, inizio, fine), doc.titolo.clone(), "piano")
                }
                (Documento::Pola, _) if piao.is_some() => {
                    return Err(Diagnostic::new(
                        Codice::P060,
                        "in un PIAO il POLA è la sottosezione 3.2 Organizzazione del lavoro agile, non un documento a sé",
                    )
                    .with_hint("genera il PIAO (`--documento piao`): il POLA è nella sua sezione 3"));
                }
                (Documento::Pola, Some(p)) => (
                    slug(&p.titolo, p.anno_inizio, p.anno_fine),
                    p.titolo.clone(),
                    "pola",
                ),
                (Documento::Relazione, _) => {
                    return Err(Diagnostic::new(
                        Codice::P060,
                        "la Relazione sulla Performance si genera dal file dei risultati (consuntivo), non dal piano",
                    )
                    .with_hint("esegui `piano build` sul consuntivo, il file che in `piano` nomina questo piano"));
                }
                (Documento::Pola, None) => {
                    return Err(Diagnostic::new(
                        Codice::P060,
                        "il piano non contiene il POLA (chiave `pola`)",
                    )
                    .with_hint(
                        "aggiungi la sezione `pola` al piano, o genera solo il Piano della Performance",
                    ));
                }
            };
            let (inizio, fine) = match (documento, &piano.pola) {
                (Documento::Pola, Some(p)) => (p.anno_inizio, p.anno_fine),
                _ => (inizio, fine),
            };
            let principale = if piao.is_some() {
                Documento::Piao
            } else {
                Documento::Piano
            };
            let html = if pubblicazione && documento == principale {
                "index.html".to_string()
            } else {
                format!("{stem}.html")
            };
            documenti.push(FileDocumento {
                documento,
                pdf: format!("{stem}.pdf"),
                html,
                typ: format!("{stem}.typ"),
                modello_pdf: match modello {
                    "piano" => "piano.typ.j2",
                    "piao" => "piao.typ.j2",
                    "piao-sezione" => "piao-sezione.typ.j2",
                    _ => "pola.typ.j2",
                },
                modello_html: match modello {
                    "piano" => "piano.html.j2",
                    "piao" => "piao.html.j2",
                    "piao-sezione" => "piao-sezione.html.j2",
                    _ => "pola.html.j2",
                },
                ident: format!("{}|{titolo}|{inizio}-{fine}", piano.ente.nome),
                stem,
            });
        }
        let principale = if piao.is_some() {
            Documento::Piao
        } else {
            Documento::Piano
        };
        let dati = documenti
            .iter()
            .find(|d| d.documento == principale)
            .map(|d| FileDati {
                nome: d.stem.clone(),
                obiettivi: format!("{}-obiettivi.csv", d.stem),
                indicatori: format!("{}-indicatori.csv", d.stem),
                assegnazioni: format!("{}-assegnazioni.csv", d.stem),
                piano: format!("{}.json", d.stem),
                datapackage: "datapackage.json".into(),
                portale: (piao.is_some() && pubblicazione)
                    .then(|| format!("{}-portale.json", d.stem)),
            });
        Ok(Manifest {
            documenti,
            dati,
            risultati: None,
            licenza: doc
                .licenza_dati
                .clone()
                .unwrap_or_else(|| LICENZA_PREDEFINITA.into()),
            pubblicazione,
        })
    }

    /// The outputs of a Relazione sulla Performance: its document and its open data.
    pub fn relazione(piano: &Piano, titolo: &str, anno: i32, pubblicazione: bool) -> Manifest {
        let stem = slug(titolo, anno, anno);
        Manifest {
            documenti: vec![FileDocumento {
                documento: Documento::Relazione,
                pdf: format!("{stem}.pdf"),
                html: if pubblicazione {
                    "index.html".into()
                } else {
                    format!("{stem}.html")
                },
                typ: format!("{stem}.typ"),
                modello_pdf: "relazione.typ.j2",
                modello_html: "relazione.html.j2",
                ident: format!("{}|{titolo}|{anno}", piano.ente.nome),
                stem: stem.clone(),
            }],
            dati: None,
            risultati: Some(FileRisultati {
                nome: stem.clone(),
                risultati: format!("{stem}-risultati.csv"),
                obiettivi: format!("{stem}-obiettivi.csv"),
                dirigenti: format!("{stem}-dirigenti.csv"),
                datapackage: "datapackage.json".into(),
            }),
            licenza: piano
                .documento
                .licenza_dati
                .clone()
                .unwrap_or_else(|| LICENZA_PREDEFINITA.into()),
            pubblicazione,
        }
    }

    /// The links an HTML page gives to the files published beside it: the PDFs, the
    /// POLA's page and the open data.
    pub fn collegamenti(&self) -> Vec<Collegamento> {
        let link = |file: &str, etichetta: &str, tipo: &str| Collegamento {
            file: file.into(),
            etichetta: etichetta.into(),
            tipo: tipo.into(),
        };
        let mut links = Vec::new();
        for d in &self.documenti {
            match d.documento {
                Documento::Piano => links.push(link(&d.pdf, "Piano in PDF/A", "application/pdf")),
                Documento::Pola => {
                    links.push(link(&d.pdf, "POLA in PDF/A", "application/pdf"));
                    links.push(link(&d.html, "POLA (pagina web)", "text/html"));
                }
                Documento::Relazione => {
                    links.push(link(&d.pdf, "Relazione in PDF/A", "application/pdf"));
                }
                Documento::Piao => links.push(link(&d.pdf, "PIAO in PDF/A", "application/pdf")),
                Documento::Anticorruzione => {
                    links.push(link(
                        &d.pdf,
                        "Sottosezione 2.3 Rischi corruttivi e trasparenza in PDF/A",
                        "application/pdf",
                    ));
                    links.push(link(&d.html, "Sottosezione 2.3 (pagina web)", "text/html"));
                }
            }
        }
        if let Some(f) = &self.risultati {
            links.push(link(
                &f.risultati,
                "Risultati per indicatore (CSV)",
                "text/csv",
            ));
            links.push(link(
                &f.obiettivi,
                "Grado di raggiungimento per obiettivo (CSV)",
                "text/csv",
            ));
            links.push(link(
                &f.dirigenti,
                "Grado di raggiungimento per dirigente (CSV)",
                "text/csv",
            ));
            links.push(link(
                &f.datapackage,
                "Descrizione dei dati (datapackage.json)",
                "application/json",
            ));
        }
        if let Some(f) = &self.dati {
            links.push(link(&f.obiettivi, "Obiettivi (CSV)", "text/csv"));
            links.push(link(&f.indicatori, "Indicatori (CSV)", "text/csv"));
            links.push(link(&f.assegnazioni, "Assegnazioni (CSV)", "text/csv"));
            links.push(link(&f.piano, "Piano (JSON)", "application/json"));
            if let Some(p) = &f.portale {
                links.push(link(
                    p,
                    "Dati per il Portale PIAO (JSON)",
                    "application/json",
                ));
            }
            links.push(link(
                &f.datapackage,
                "Descrizione dei dati (datapackage.json)",
                "application/json",
            ));
        }
        links
    }
}

/// A stable file-name stem from a document's title and period:
/// `piano-della-performance-2021-2023`.
pub fn slug(titolo: &str, inizio: i32, fine: i32) -> String {
    let s = parole(titolo);
    if inizio == fine {
        format!("{s}-{inizio}")
    } else {
        format!("{s}-{inizio}-{fine}")
    }
}

/// Words as a file name: lowercase ASCII letters and digits joined by `-` (`Mario Rossi`
/// gives `mario-rossi`).
pub fn parole(testo: &str) -> String {
    let mut s = String::new();
    for ch in testo.to_lowercase().chars() {
        let ch = match ch {
            'à' | 'á' => 'a',
            'è' | 'é' => 'e',
            'ì' | 'í' => 'i',
            'ò' | 'ó' => 'o',
            'ù' | 'ú' => 'u',
            c => c,
        };
        if ch.is_ascii_alphanumeric() {
            s.push(ch);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// The web address of a licence's text, from its SPDX identifier.
pub fn licence_url(spdx: &str) -> String {
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
    fn slugs_are_stable_file_names() {
        assert_eq!(
            slug("Piano della Performance", 2021, 2023),
            "piano-della-performance-2021-2023"
        );
        assert_eq!(
            slug("POLA – Lavoro agile", 2021, 2021),
            "pola-lavoro-agile-2021"
        );
        assert_eq!(slug("Qualità", 2019, 2019), "qualita-2019");
    }
}
