//! The pipeline end to end: `load → indice → validate → view → render → compile`, then the outputs
//! named by the [`Manifest`]. No I/O but reading the plan and the files it names (the
//! logo): callers decide whether and where to write.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::Digest as _;

use crate::compile::{Compiler, Job, PdfSettings};
use crate::diag::{Codice, Diagnostic};
use crate::fonts::Fonts;
use crate::indice::Indice;
use crate::load::{self, Loaded, PlanSource};
use crate::manifest::{Collegamento, FileDocumento, Manifest};
use crate::render::Templates;
use crate::timings::{Stage, Timings};
use crate::validate;
use crate::view::View;
use crate::write::Output;

pub use crate::manifest::{Documento, slug};

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
    /// `--rigoroso`: warnings are errors, and stop the build before anything is composed.
    pub rigoroso: bool,
}

/// What the HTML templates see: the view, the links to the files published beside the
/// page, and the open data licence.
#[derive(Debug, Serialize)]
struct ContestoHtml<'a> {
    #[serde(flatten)]
    view: &'a View,
    collegamenti: Vec<Collegamento>,
    licenza: &'a str,
}

/// A successful build: the files to write and the warnings met on the way.
#[derive(Debug)]
pub struct Built {
    /// Files to write.
    pub outputs: Vec<Output>,
    /// Warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read besides the plan (the logo), for `piano watch`.
    pub dipendenze: Vec<PathBuf>,
}

/// A failed build: every problem found, and the generated Typst if it got that far.
#[derive(Debug)]
pub struct Failed {
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The name and text of the generated Typst source that failed, for excerpts.
    pub generated: Option<(String, String)>,
}

impl Failed {
    /// A build stopped by `error`, after the `earlier` diagnostics.
    fn by(mut earlier: Vec<Diagnostic>, error: Diagnostic) -> Failed {
        earlier.push(error);
        Failed {
            diagnostics: earlier,
            generated: None,
        }
    }
}

/// Reads `SOURCE_DATE_EPOCH` from the environment, if set to a number.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// Loads, indexes and validates: the plan and its index, or the errors that stop it.
pub fn load_and_validate(
    source: PlanSource,
) -> Result<(Loaded, Indice, Vec<Diagnostic>), Vec<Diagnostic>> {
    let loaded = load::parse(source)?;
    let indice = Indice::build(&loaded.plan);
    let fonts = Fonts::for_plan(Path::new(&loaded.source.name))?;
    let diags = validate::validate(&loaded, &indice, &fonts);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok((loaded, indice, diags))
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

/// Like [`build`], in a session kept across builds (`piano watch`). A results file
/// (consuntivo) builds the Relazione sulla Performance of the plan it names.
pub fn build_in(
    session: &mut Session,
    source: PlanSource,
    templates: &Templates,
    options: &BuildOptions,
) -> Result<Built, Failed> {
    session.timings = Timings::default();
    if load::is_consuntivo(&source) {
        return build_relazione(session, source, templates, options);
    }
    let (loaded, indice, diagnostics) = session
        .timings
        .time(Stage::Load, || load_and_validate(source))
        .map_err(|diagnostics| Failed {
            diagnostics,
            generated: None,
        })?;
    let diagnostics = policy(diagnostics, options)?;
    let piano = &loaded.plan;
    let manifest = match Manifest::new(piano, &options.documenti, options.pubblicazione) {
        Ok(m) => m,
        Err(d) => return Err(Failed::by(diagnostics, d)),
    };
    let view = session.timings.time(Stage::View, || {
        View::build(piano, &indice, options.source_date_epoch)
    });
    let view = match marked(view, &loaded, options) {
        Ok(v) => v,
        Err(d) => {
            return Err(Failed {
                diagnostics: d,
                generated: None,
            });
        }
    };
    let parti = Parti {
        loaded: &loaded,
        view: &view,
        manifest: &manifest,
        letti: Vec::new(),
    };
    compose(
        session,
        parti,
        templates,
        options,
        diagnostics,
        |files| match &files.dati {
            Some(f) => crate::export::outputs(
                piano,
                &indice,
                f,
                &files.licenza,
                view.piao
                    .as_ref()
                    .map_or(&[], |p| p.tabelle_dati.as_slice()),
            ),
            None => Ok(Vec::new()),
        },
    )
}

/// `--rigoroso`: any warning of the data stops the build before anything is composed.
fn policy(
    mut diagnostics: Vec<Diagnostic>,
    options: &BuildOptions,
) -> Result<Vec<Diagnostic>, Failed> {
    if options.rigoroso && !diagnostics.is_empty() {
        crate::diag::rigoroso(&mut diagnostics);
        return Err(Failed {
            diagnostics,
            generated: None,
        });
    }
    Ok(diagnostics)
}

/// A results file with the plan it names, indexed, validated and measured.
#[derive(Debug)]
pub struct Misurato {
    /// The results file.
    pub consuntivo: load::LoadedConsuntivo,
    /// The plan it reports on.
    pub piano: Loaded,
    /// The plan's index.
    pub indice: Indice,
    /// Every achievement figure.
    pub misura: crate::misura::Misura,
}

/// Loads a results file and the plan it names, validates the plan, pairs every result
/// with its target and measures the year: the figures, or the errors that stop it (each
/// located in the results file, or in the plan for a missing result).
pub fn load_and_measure(
    source: PlanSource,
) -> Result<(Misurato, Vec<Diagnostic>), Vec<Diagnostic>> {
    let consuntivo = load::parse_consuntivo(source)?;
    let percorso = consuntivo.percorso_piano();
    let plan_source = match load::read(&percorso) {
        Ok(s) => s,
        Err(e) => {
            let mut d = Diagnostic::new(Codice::P100, format!("{e:#}"))
                .at_path("piano")
                .with_hint("il percorso del piano è relativo alla cartella di questo file");
            d.file = Some(consuntivo.source.name.clone());
            consuntivo.index.locate(&mut d, &consuntivo.source);
            return Err(vec![d]);
        }
    };
    // The plan's own warnings are the plan's (`piano check` on it reports them); its
    // errors stop the Relazione, since no figure can rest on a broken plan.
    let (piano, indice, _) = load_and_validate(plan_source)?;
    let mut diagnostics = Vec::new();
    let (misura, problemi) = crate::misura::misura(&piano.plan, &indice, &consuntivo.consuntivo);
    for p in &problemi {
        let mut d = crate::misura::diagnostica::diagnostic(p);
        if p.nel_piano {
            d.file = Some(piano.source.name.clone());
            piano.index.locate(&mut d, &piano.source);
        } else {
            d.file = Some(consuntivo.source.name.clone());
            consuntivo.index.locate(&mut d, &consuntivo.source);
        }
        diagnostics.push(d);
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok((
        Misurato {
            consuntivo,
            piano,
            indice,
            misura,
        },
        diagnostics,
    ))
}

/// The Relazione sulla Performance of a results file: its PDF, its page, its open data.
fn build_relazione(
    session: &mut Session,
    source: PlanSource,
    templates: &Templates,
    options: &BuildOptions,
) -> Result<Built, Failed> {
    let (m, diagnostics) = session
        .timings
        .time(Stage::Load, || load_and_measure(source))
        .map_err(|diagnostics| Failed {
            diagnostics,
            generated: None,
        })?;
    let diagnostics = policy(diagnostics, options)?;
    // A results file makes one document: the options that choose among a plan's
    // documents, or compare two plans, do not apply and are refused, not ignored.
    let fuori_posto: Vec<&str> = [
        (!options.documenti.is_empty()).then_some("--documento"),
        options.confronta.is_some().then_some("--confronta"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !fuori_posto.is_empty() {
        let d = Diagnostic::new(
            Codice::P108,
            format!(
                "{} non si applica a un consuntivo: da un consuntivo si genera solo la Relazione sulla Performance",
                crate::diag::ticked(
                    &fuori_posto.iter().map(|s| s.to_string()).collect::<Vec<_>>()
                )
            ),
        )
        .with_hint("togli l'opzione, o dai a `piano build` il file del piano");
        return Err(Failed::by(diagnostics, d));
    }
    let piano = &m.piano.plan;
    let c = &m.consuntivo.consuntivo;
    let titolo = c
        .titolo
        .clone()
        .unwrap_or_else(|| "Relazione sulla Performance".into());
    let manifest = Manifest::relazione(piano, &titolo, c.anno, options.pubblicazione);
    let view = session.timings.time(Stage::View, || {
        let mut view = View::build(piano, &m.indice, options.source_date_epoch);
        view.relazione = Some(crate::view::relazione::build(
            piano,
            &m.indice,
            c,
            &m.misura,
            options.source_date_epoch,
        ));
        view
    });
    let parti = Parti {
        loaded: &m.piano,
        view: &view,
        manifest: &manifest,
        letti: vec![PathBuf::from(&m.piano.source.name)],
    };
    compose(
        session,
        parti,
        templates,
        options,
        diagnostics,
        |files| match &files.risultati {
            Some(f) => {
                crate::export::risultati::outputs(piano, &m.indice, &m.misura, f, &files.licenza)
            }
            None => Ok(Vec::new()),
        },
    )
}

/// What a build composes: the plan (for its logo and folder), the view, the manifest and
/// the files read besides the one built (the plan a results file names).
struct Parti<'a> {
    loaded: &'a Loaded,
    view: &'a View,
    manifest: &'a Manifest,
    letti: Vec<PathBuf>,
}

/// Composes the documents of the manifest and their open data (`dati`), then the
/// publication's checksums.
fn compose(
    session: &mut Session,
    parti: Parti<'_>,
    templates: &Templates,
    options: &BuildOptions,
    diagnostics: Vec<Diagnostic>,
    dati: impl FnOnce(&Manifest) -> anyhow::Result<Vec<Output>>,
) -> Result<Built, Failed> {
    let Parti {
        loaded,
        view,
        manifest,
        letti,
    } = parti;
    let (assets, mut dipendenze) = match assets(templates, loaded, view) {
        Ok(a) => a,
        Err(d) => return Err(Failed::by(diagnostics, d)),
    };
    dipendenze.extend(letti);
    // The same set the checks used (read once, kept while the folder does not change).
    let fonts = Fonts::for_plan(Path::new(&loaded.source.name)).map_err(|diagnostics| Failed {
        diagnostics,
        generated: None,
    })?;
    let mut built = Built {
        outputs: Vec::new(),
        diagnostics,
        dipendenze,
    };
    let documents = Documents {
        view,
        manifest,
        templates,
        assets: &assets,
        fonts: &fonts,
        emit_typst: options.emit_typst,
    };
    documents.render(&mut session.compiler, &mut session.timings, &mut built)?;
    match session.timings.time(Stage::OpenData, || dati(manifest)) {
        Ok(data) => built.outputs.extend(data),
        Err(e) => {
            let d = Diagnostic::new(Codice::E001, format!("dati aperti non generati: {e:#}"));
            return Err(Failed::by(built.diagnostics, d));
        }
    }
    if options.emit_typst {
        for (name, text) in templates.assets() {
            built.outputs.push(Output {
                name: name.to_string(),
                bytes: text.as_bytes().to_vec(),
            });
        }
    }
    if manifest.pubblicazione {
        let sums = sha256sums(&built.outputs);
        built.outputs.push(sums);
    }
    Ok(built)
}

/// The view with what the amendment changed marked, when a previous version is given.
fn marked(
    mut view: View,
    loaded: &Loaded,
    options: &BuildOptions,
) -> Result<View, Vec<Diagnostic>> {
    if let Some(old_source) = &options.confronta {
        let (old, _, _) =
            load_and_validate(old_source.clone()).map_err(crate::diff::segni::invalid_old)?;
        let differenze = crate::diff::confronta(&old.plan, &loaded.plan);
        view.segna(&crate::diff::segni::Segni::new(
            &old.plan,
            &loaded.plan,
            &differenze,
        ));
    }
    Ok(view)
}

/// The files a Typst world serves: a path in the world and its bytes.
type Assets = Vec<(String, Vec<u8>)>;

/// The files the Typst world serves: the templates' assets and the logo named by the
/// plan, read from beside the plan file (the one file that does not come from the
/// templates), with the paths read from disk.
fn assets(
    templates: &Templates,
    loaded: &Loaded,
    view: &View,
) -> Result<(Assets, Vec<PathBuf>), Diagnostic> {
    let mut assets: Assets = templates
        .assets()
        .map(|(n, s)| (n.to_string(), s.as_bytes().to_vec()))
        .collect();
    let mut read = Vec::new();
    if let (Some(file), Some(world_path)) = (&loaded.plan.ente.logo, &view.ente.logo) {
        let base = Path::new(&loaded.source.name)
            .parent()
            .unwrap_or(Path::new("."));
        match crate::load::logo::read(base, file) {
            Ok(bytes) => {
                // Read from inside the plan's folder (`load::logo` confines it).
                read.push(base.join(file));
                assets.push((world_path.clone(), bytes));
            }
            Err(e) => {
                let mut d = Diagnostic::new(
                    Codice::P070,
                    format!("impossibile leggere il logo `{file}`: {e}"),
                )
                .at_path("ente.logo")
                .with_hint(
                    "il percorso è relativo alla cartella del file del piano (PNG, JPEG o SVG)",
                );
                d.file = Some(loaded.source.name.clone());
                loaded.index.locate(&mut d, &loaded.source);
                return Err(d);
            }
        }
    }
    Ok((assets, read))
}

/// The PDF and HTML renderers over one view: each document's page from its HTML
/// template, its PDF from its Typst template compiled in-process.
struct Documents<'a> {
    view: &'a View,
    manifest: &'a Manifest,
    templates: &'a Templates,
    assets: &'a [(String, Vec<u8>)],
    fonts: &'a std::sync::Arc<Fonts>,
    emit_typst: bool,
}

impl Documents<'_> {
    /// Renders every document of the manifest into `built`'s outputs; the documents are
    /// compiled together, so that on a multi-core machine the POLA is laid out while the
    /// (longer) plan is.
    fn render(
        &self,
        compiler: &mut Compiler,
        timings: &mut Timings,
        built: &mut Built,
    ) -> Result<(), Failed> {
        let contesto = ContestoHtml {
            view: self.view,
            collegamenti: self.manifest.collegamenti(),
            licenza: &self.manifest.licenza,
        };
        let mut jobs = Vec::new();
        let mut pages = Vec::new();
        for files in &self.manifest.documenti {
            let rendered = timings
                .time(Stage::Html, || {
                    self.templates.render(files.modello_html, &contesto)
                })
                .and_then(|html| {
                    let main = timings.time(Stage::Render, || {
                        self.templates.render(files.modello_pdf, self.view)
                    })?;
                    Ok((html, main))
                });
            let (html, main) = match rendered {
                Ok(r) => r,
                Err(d) => return Err(Failed::by(std::mem::take(&mut built.diagnostics), d)),
            };
            jobs.push(self.job(files, main.clone()));
            pages.push((files, html, main));
        }
        let results = compiler.compile_all(jobs, timings);
        for ((files, html, main), result) in pages.into_iter().zip(results) {
            match result {
                Ok((pdf, warnings)) => {
                    built.diagnostics.extend(warnings);
                    built.outputs.push(Output {
                        name: files.pdf.clone(),
                        bytes: pdf,
                    });
                    built.outputs.push(Output {
                        name: files.html.clone(),
                        bytes: html.into_bytes(),
                    });
                    if self.emit_typst {
                        built.outputs.push(Output {
                            name: files.typ.clone(),
                            bytes: main.into_bytes(),
                        });
                    }
                }
                Err(errors) => {
                    let mut diagnostics = std::mem::take(&mut built.diagnostics);
                    diagnostics.extend(errors);
                    return Err(Failed {
                        diagnostics,
                        generated: Some((files.typ.clone(), main)),
                    });
                }
            }
        }
        Ok(())
    }

    /// The compile job of one document: its markup, the world's files, its PDF settings.
    fn job(&self, files: &FileDocumento, main: String) -> Job {
        let date = match (files.documento, &self.view.pola, &self.view.relazione) {
            (Documento::Pola, Some(pola), _) => pola.metadati.data,
            (Documento::Relazione, _, Some(r)) => r.metadati.data,
            _ => self.view.metadati.data,
        };
        Job {
            main,
            assets: self.assets.to_vec(),
            fonts: self.fonts.clone(),
            settings: PdfSettings {
                ident: files.ident.clone(),
                date,
            },
            generated_name: files.typ.clone(),
        }
    }
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
        name: crate::manifest::SHA256SUMS.into(),
        bytes: lines.concat().into_bytes(),
    }
}
