//! The pipeline `load → validate → view → render → compile`, end to end, without I/O
//! except reading the plan: callers decide whether and where to write.

use crate::compile::{Compiler, Job, PdfSettings};
use crate::diag::Diagnostic;
use crate::load::{self, Loaded, PlanSource};
use crate::render::Templates;
use crate::timings::{Stage, Timings};
use crate::validate;
use crate::view::{Catalogo, View};
use crate::write::Output;
use serde::Serialize;
use sha2::Digest as _;

/// Options of a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Also output the generated Typst source.
    pub emit_typst: bool,
    /// `SOURCE_DATE_EPOCH`, used as the document date when the plan has no adoption act.
    pub source_date_epoch: Option<i64>,
    /// The documents to produce; empty means every document the plan holds.
    pub documenti: Vec<Documento>,
    /// Lay the outputs out as a publication folder: the plan's page as `index.html` and a
    /// `SHA256SUMS` file.
    pub pubblicazione: bool,
    /// A previous version of the plan: what the amendment changed is marked in the documents.
    pub confronta: Option<PlanSource>,
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

/// What the HTML templates see: the view, the links to the files published beside the
/// page, and the open data licence.
#[derive(Debug, Serialize)]
struct ContestoHtml<'a> {
    #[serde(flatten)]
    view: &'a View,
    collegamenti: Vec<Collegamento>,
    licenza: String,
}

/// A successful build: the files to write and the warnings met on the way.
#[derive(Debug)]
pub struct Built {
    /// Files to write.
    pub outputs: Vec<Output>,
    /// Warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// A failed build: every problem found, and the generated Typst if it got that far.
#[derive(Debug)]
pub struct Failed {
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The name and text of the generated Typst source that failed, for excerpts.
    pub generated: Option<(String, String)>,
}

/// Reads `SOURCE_DATE_EPOCH` from the environment, if set to a number.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// Loads and validates: the plan and its catalogue, or the errors that stop it.
pub fn load_and_validate(
    source: PlanSource,
) -> Result<(Loaded, Catalogo, Vec<Diagnostic>), Vec<Diagnostic>> {
    let loaded = load::parse(source)?;
    let catalogo = Catalogo::build(&loaded.plan);
    let diags = validate::validate(&loaded, &catalogo);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok((loaded, catalogo, diags))
}

/// A stable file-name stem from the document title and period:
/// `piano-della-performance-2021-2023`.
pub fn slug(titolo: &str, inizio: i32, fine: i32) -> String {
    let mut s = String::new();
    for ch in titolo.to_lowercase().chars() {
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
    let s = s.trim_end_matches('-');
    if inizio == fine {
        format!("{s}-{inizio}")
    } else {
        format!("{s}-{inizio}-{fine}")
    }
}

/// The documents a plan can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Documento {
    /// The Piano della Performance (with the POLA as its annex, when present).
    Piano,
    /// The POLA on its own, with its own cover and index.
    Pola,
}

/// What a build keeps for the next one: the Typst worlds, so that a rebuild recompiles
/// only what changed, and the time spent in each stage of the last build.
#[derive(Default)]
pub struct Session {
    /// The compiler, with one Typst world per generated document.
    pub compiler: Compiler,
    /// Time spent in each stage of the last build.
    pub timings: Timings,
}

/// Runs the whole pipeline on a plan, producing the chosen documents (all of them when
/// `documenti` is empty).
pub fn build(
    source: PlanSource,
    templates: &Templates,
    options: &BuildOptions,
) -> Result<Built, Failed> {
    build_in(&mut Session::default(), source, templates, options)
}

/// Like [`build`], in a session kept across builds (`piano watch`).
pub fn build_in(
    session: &mut Session,
    source: PlanSource,
    templates: &Templates,
    options: &BuildOptions,
) -> Result<Built, Failed> {
    session.timings = Timings::default();
    let timings = &mut session.timings;
    let (loaded, catalogo, mut diagnostics) = timings
        .time(Stage::Load, || load_and_validate(source))
        .map_err(|diagnostics| Failed {
            diagnostics,
            generated: None,
        })?;
    let piano = &loaded.plan;
    let mut view = timings.time(Stage::View, || {
        View::build(piano, &catalogo, options.source_date_epoch)
    });
    if let Some(old_source) = &options.confronta {
        let (old, _, _) = load_and_validate(old_source.clone()).map_err(|diags| Failed {
            diagnostics: crate::diff::segni::invalid_old(diags),
            generated: None,
        })?;
        let differenze = crate::diff::confronta(&old.plan, piano);
        view.segna(&crate::diff::segni::Segni::new(
            &old.plan,
            piano,
            &differenze,
        ));
    }
    let mut wanted = options.documenti.clone();
    if wanted.is_empty() {
        wanted.push(Documento::Piano);
        if piano.pola.is_some() {
            wanted.push(Documento::Pola);
        }
    }
    let mut assets: Vec<(String, Vec<u8>)> = templates
        .assets()
        .map(|(n, s)| (n.to_string(), s.as_bytes().to_vec()))
        .collect();
    // The logo named by the plan, read from beside the plan file: the one file the Typst
    // world serves that does not come from the templates.
    if let (Some(file), Some(world_path)) = (&piano.ente.logo, &view.ente.logo) {
        let base = std::path::Path::new(&loaded.source.name)
            .parent()
            .unwrap_or(std::path::Path::new("."));
        match crate::load::logo::read(base, file) {
            Ok(bytes) => assets.push((world_path.clone(), bytes)),
            Err(e) => {
                let mut d = Diagnostic::error(
                    "P070",
                    format!("impossibile leggere il logo `{file}`: {e}"),
                )
                .at_path("ente.logo")
                .with_hint(
                    "il percorso è relativo alla cartella del file del piano (PNG, JPEG o SVG)",
                );
                d.file = Some(loaded.source.name.clone());
                loaded.index.locate(&mut d, &loaded.source.text);
                diagnostics.push(d);
                return Err(Failed {
                    diagnostics,
                    generated: None,
                });
            }
        }
    }
    let piano_stem = slug(
        &piano.documento.titolo,
        piano.documento.anno_inizio,
        piano.documento.anno_fine,
    );
    let pola_stem = piano
        .pola
        .as_ref()
        .map(|p| slug(&p.titolo, p.anno_inizio, p.anno_fine));
    let mut links = Vec::new();
    let link = |file: String, etichetta: &str, tipo: &str| Collegamento {
        file,
        etichetta: etichetta.into(),
        tipo: tipo.into(),
    };
    if wanted.contains(&Documento::Piano) {
        links.push(link(
            format!("{piano_stem}.pdf"),
            "Piano in PDF/A",
            "application/pdf",
        ));
    }
    if let (Some(ps), true) = (&pola_stem, wanted.contains(&Documento::Pola)) {
        links.push(link(
            format!("{ps}.pdf"),
            "POLA in PDF/A",
            "application/pdf",
        ));
        links.push(link(format!("{ps}.html"), "POLA (pagina web)", "text/html"));
    }
    if wanted.contains(&Documento::Piano) {
        links.push(link(
            format!("{piano_stem}-obiettivi.csv"),
            "Obiettivi (CSV)",
            "text/csv",
        ));
        links.push(link(
            format!("{piano_stem}-indicatori.csv"),
            "Indicatori (CSV)",
            "text/csv",
        ));
        links.push(link(
            format!("{piano_stem}-assegnazioni.csv"),
            "Assegnazioni (CSV)",
            "text/csv",
        ));
        links.push(link(
            format!("{piano_stem}.json"),
            "Piano (JSON)",
            "application/json",
        ));
        links.push(link(
            "datapackage.json".into(),
            "Descrizione dei dati (datapackage.json)",
            "application/json",
        ));
    }
    let contesto = ContestoHtml {
        view: &view,
        collegamenti: links,
        licenza: piano
            .documento
            .licenza_dati
            .clone()
            .unwrap_or_else(|| "CC-BY-4.0".into()),
    };
    let mut outputs = Vec::new();
    let mut jobs = Vec::new();
    let mut prepared = Vec::new();
    for &doc in &wanted {
        let (template, stem, ident, date) = match (doc, &piano.pola, &view.pola) {
            (Documento::Piano, _, _) => (
                "piano.typ.j2",
                slug(
                    &piano.documento.titolo,
                    piano.documento.anno_inizio,
                    piano.documento.anno_fine,
                ),
                format!(
                    "{}|{}|{}-{}",
                    piano.ente.nome,
                    piano.documento.titolo,
                    piano.documento.anno_inizio,
                    piano.documento.anno_fine
                ),
                view.metadati.data,
            ),
            (Documento::Pola, Some(p), Some(pv)) => (
                "pola.typ.j2",
                slug(&p.titolo, p.anno_inizio, p.anno_fine),
                format!(
                    "{}|{}|{}-{}",
                    piano.ente.nome, p.titolo, p.anno_inizio, p.anno_fine
                ),
                pv.metadati.data,
            ),
            (Documento::Pola, _, _) => {
                diagnostics.push(
                    Diagnostic::error("P060", "il piano non contiene il POLA (chiave `pola`)")
                        .with_hint("aggiungi la sezione `pola` al piano, o genera solo il Piano della Performance"),
                );
                return Err(Failed {
                    diagnostics,
                    generated: None,
                });
            }
        };
        let html_template = template.replace(".typ.j2", ".html.j2");
        let html = match timings.time(Stage::Html, || templates.render(&html_template, &contesto)) {
            Ok(h) => h,
            Err(d) => {
                diagnostics.push(d);
                return Err(Failed {
                    diagnostics,
                    generated: None,
                });
            }
        };
        let html_name = if options.pubblicazione && doc == Documento::Piano {
            "index.html".to_string()
        } else {
            format!("{stem}.html")
        };
        let main = match timings.time(Stage::Render, || templates.render(template, &view)) {
            Ok(m) => m,
            Err(d) => {
                diagnostics.push(d);
                return Err(Failed {
                    diagnostics,
                    generated: None,
                });
            }
        };
        let generated_name = format!("{stem}.typ");
        jobs.push(Job {
            main: main.clone(),
            assets: assets.clone(),
            settings: PdfSettings { ident, date },
            generated_name: generated_name.clone(),
        });
        prepared.push((stem, html_name, html, generated_name, main));
    }
    // The documents are independent: on a multi-core machine the POLA is laid out while
    // the (longer) plan is, instead of after it.
    let results = session.compiler.compile_all(jobs, timings);
    for ((stem, html_name, html, generated_name, main), result) in prepared.into_iter().zip(results)
    {
        match result {
            Ok((pdf, warnings)) => {
                diagnostics.extend(warnings);
                outputs.push(Output {
                    name: format!("{stem}.pdf"),
                    bytes: pdf,
                });
                outputs.push(Output {
                    name: html_name,
                    bytes: html.into_bytes(),
                });
                if options.emit_typst {
                    outputs.push(Output {
                        name: generated_name,
                        bytes: main.into_bytes(),
                    });
                }
            }
            Err(errors) => {
                diagnostics.extend(errors);
                return Err(Failed {
                    diagnostics,
                    generated: Some((generated_name, main)),
                });
            }
        }
    }
    if wanted.contains(&Documento::Piano) {
        let stem = slug(
            &piano.documento.titolo,
            piano.documento.anno_inizio,
            piano.documento.anno_fine,
        );
        match timings.time(Stage::OpenData, || {
            crate::export::outputs(piano, &catalogo, &stem)
        }) {
            Ok(data) => outputs.extend(data),
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    "E001",
                    format!("dati aperti non generati: {e:#}"),
                ));
                return Err(Failed {
                    diagnostics,
                    generated: None,
                });
            }
        }
    }
    if options.emit_typst {
        for (name, text) in templates.assets() {
            outputs.push(Output {
                name: name.to_string(),
                bytes: text.as_bytes().to_vec(),
            });
        }
    }
    if options.pubblicazione {
        outputs.push(sha256sums(&outputs));
    }
    Ok(Built {
        outputs,
        diagnostics,
    })
}

/// A `SHA256SUMS` file in the format of `sha256sum`, sorted by file name.
pub fn sha256sums(outputs: &[Output]) -> Output {
    let mut lines: Vec<String> = outputs
        .iter()
        .map(|o| {
            let digest = sha2::Sha256::digest(&o.bytes);
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("{hex}  {}\n", o.name)
        })
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    Output {
        name: "SHA256SUMS".into(),
        bytes: lines.concat().into_bytes(),
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
