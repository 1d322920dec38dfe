//! One build unit: a plan built into its output folder, with the report for stderr and
//! the files written. `piano build` runs one, a batch runs many in parallel, `piano
//! watch` runs one again after every change, each through [`BuildConfig::build_one`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::args::{BuildArgs, DiagnosticArgs};
use crate::diag::{self, Severity, SourceMap};
use crate::pipeline::{self, BuildOptions, Session};
use crate::render::Templates;
use crate::timings::Stage;

/// The checked configuration of a build, made once from the command line.
pub struct BuildConfig {
    /// The built-in templates, or those of `--templates` over them.
    pub templates: Templates,
    /// The templates folder given, if any (its files are dependencies of the build).
    pub templates_dir: Option<PathBuf>,
    /// Where the documents go: the publication folder if asked for, else `-o`.
    pub output: PathBuf,
    /// The options handed to the pipeline (`confronta` read once here).
    pub options: BuildOptions,
    /// The file of the previous version compared against, if any.
    pub confronta: Option<PathBuf>,
    /// How diagnostics are printed.
    pub diagnostics: DiagnosticArgs,
    /// Whether to print the time of each stage.
    pub tempi: bool,
    /// How long one document's composition may take (`--limite-tempo`).
    pub limite_tempo: std::time::Duration,
}

impl BuildConfig {
    /// Checks the arguments of `piano build` (or `watch`): templates and the compared plan
    /// are read now, so that a missing file is reported before any work.
    pub fn from_args(args: &BuildArgs) -> anyhow::Result<BuildConfig> {
        let templates = match &args.templates {
            Some(dir) => Templates::with_overrides(dir)?,
            None => Templates::builtin(),
        };
        let confronta = args
            .confronta
            .as_deref()
            .map(crate::load::read)
            .transpose()?;
        Ok(BuildConfig {
            templates,
            templates_dir: args.templates.clone(),
            output: args
                .pubblicazione
                .clone()
                .unwrap_or_else(|| args.output.clone()),
            options: BuildOptions {
                emit_typst: args.emit_typst,
                source_date_epoch: pipeline::source_date_epoch(),
                documenti: args.documento.documenti(),
                pubblicazione: args.pubblicazione.is_some(),
                confronta,
                rigoroso: args.diagnostics.strict,
            },
            confronta: args.confronta.clone(),
            diagnostics: args.diagnostics.clone(),
            tempi: args.tempi,
            limite_tempo: args.time_limit(),
        })
    }

    /// Reads the templates folder again (`piano watch`, after a template changed).
    pub fn reload_templates(&mut self) -> anyhow::Result<()> {
        if let Some(dir) = &self.templates_dir {
            self.templates = Templates::with_overrides(dir)?;
        }
        if let Some(path) = &self.confronta {
            self.options.confronta = Some(crate::load::read(path)?);
        }
        Ok(())
    }

    /// Builds one plan into `dir`, in `session` (whose worlds a watch keeps across
    /// builds). Plan and template errors are part of the outcome; only tool failures are
    /// `Err`.
    pub fn build_one(
        &self,
        plan: &Path,
        dir: &Path,
        session: &mut Session,
    ) -> anyhow::Result<Outcome> {
        let source = crate::load::read(plan)?;
        let mut dipendenze = vec![plan.to_path_buf()];
        dipendenze.extend(self.confronta.clone());
        let mut sources = SourceMap::from(source.clone());
        if let Some(old) = &self.options.confronta {
            sources.add(old.clone());
        }
        session.compiler.set_time_limit(self.limite_tempo);
        let result = pipeline::build_in(session, source, &self.templates, &self.options);
        let (outputs, mut diags, generated) = match result {
            Ok(b) => {
                dipendenze.extend(b.dipendenze);
                (Some(b.outputs), b.diagnostics, None)
            }
            Err(f) => (None, f.diagnostics, f.generated),
        };
        // Composition warnings (T003) arrive only with the documents: `--rigoroso` refuses
        // them too. Warnings of the plan stopped the build before it composed anything.
        let outputs = match outputs {
            Some(_) if self.diagnostics.strict && !diags.is_empty() => {
                diag::rigoroso(&mut diags);
                None
            }
            other => other,
        };
        sources.resolve(&diags, |f| {
            if let Some((_, text)) = generated.as_ref().filter(|(g, _)| g == f) {
                Some(text.clone())
            } else {
                f.strip_prefix("modelli/")
                    .and_then(|t| self.templates.source(t))
                    .map(str::to_string)
                    // The plan a results file names, read by the build.
                    .or_else(|| std::fs::read_to_string(f).ok())
            }
        });
        let mut outcome = Outcome {
            report: crate::cmd::report_text(&diags, &self.diagnostics, &sources),
            written: Vec::new(),
            ok: false,
            dipendenze,
        };
        let Some(outputs) = outputs else {
            // Under `--rigoroso` every problem is an error: the codes tell what it was.
            let why = if diags.iter().any(|d| d.code.severity() == Severity::Errore) {
                "nessun documento scritto: correggi gli errori e riprova"
            } else {
                "nessun documento scritto: ci sono avvisi e `--rigoroso` è attivo"
            };
            outcome.report += &crate::cmd::prose(&self.diagnostics, why);
            return Ok(outcome);
        };
        outcome.written = session
            .timings
            .time(Stage::Write, || crate::write::write_all(dir, &outputs))?;
        outcome.ok = true;
        if self.tempi {
            let _ = writeln!(
                outcome.report,
                "tempi: {} · totale {}",
                session.timings,
                crate::timings::millis(session.timings.total())
            );
        }
        Ok(outcome)
    }
}

/// What building one plan did: the text for stderr, and the files written, for stdout.
#[derive(Debug)]
pub struct Outcome {
    /// Diagnostics and messages, ready to print on stderr.
    pub report: String,
    /// The files written (none if the plan has errors).
    pub written: Vec<PathBuf>,
    /// Whether the documents were written.
    pub ok: bool,
    /// The files the build read (the plan, the compared plan, the logo), as given: what
    /// `piano watch` watches.
    pub dipendenze: Vec<PathBuf>,
}

impl Outcome {
    /// An outcome for a tool failure (the plan could not even be read), with its report.
    pub fn failed(report: String) -> Outcome {
        Outcome {
            report,
            written: Vec::new(),
            ok: false,
            dipendenze: Vec::new(),
        }
    }

    /// Prints the report on stderr and the files written on stdout.
    pub fn print(&self) {
        eprint!("{}", self.report);
        for path in &self.written {
            println!("{}", path.display());
        }
    }
}
