//! `piano build`: the whole pipeline, writing the documents only if everything succeeded;
//! with several plans or a folder, a batch build (see [`crate::batch`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::BuildArgs;
use crate::pipeline::{self, BuildOptions, Session};
use crate::render::Templates;
use crate::timings::Stage;

/// Runs `piano build`.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let templates = templates(args)?;
    if crate::batch::is_batch(&args.piano) {
        return crate::batch::run(args, &templates);
    }
    let Some(plan) = args.piano.first() else {
        anyhow::bail!("manca il file del piano");
    };
    let outcome = build_one(
        args,
        &templates,
        plan,
        output_dir(args),
        &mut Session::default(),
    )?;
    eprint!("{}", outcome.report);
    for path in &outcome.written {
        println!("{}", path.display());
    }
    Ok(if outcome.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The built-in templates, or those of `--templates` over them.
pub(crate) fn templates(args: &BuildArgs) -> anyhow::Result<Templates> {
    match &args.templates {
        Some(dir) => Templates::with_overrides(dir),
        None => Ok(Templates::builtin()),
    }
}

/// Where the documents go: the publication folder if asked for, else `-o`.
pub(crate) fn output_dir(args: &BuildArgs) -> &Path {
    args.pubblicazione.as_ref().unwrap_or(&args.output)
}

/// What building one plan did: the text for stderr, and the files written, for stdout.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// Diagnostics and messages, ready to print on stderr.
    pub report: String,
    /// The files written (none if the plan has errors).
    pub written: Vec<PathBuf>,
    /// Whether the documents were written.
    pub ok: bool,
}

/// Builds one plan into `dir`, in `session` (whose worlds a watch keeps across builds).
/// Plan and template errors are part of the outcome; only tool failures are `Err`.
pub(crate) fn build_one(
    args: &BuildArgs,
    templates: &Templates,
    plan: &Path,
    dir: &Path,
    session: &mut Session,
) -> anyhow::Result<Outcome> {
    let source = crate::load::read(plan)?;
    let text = source.text.clone();
    let name = source.name.clone();
    let options = BuildOptions {
        emit_typst: args.emit_typst,
        source_date_epoch: pipeline::source_date_epoch(),
        documenti: args.documento.documenti(),
        pubblicazione: args.pubblicazione.is_some(),
        confronta: args
            .confronta
            .as_deref()
            .map(crate::load::read)
            .transpose()?,
    };
    let old = options
        .confronta
        .as_ref()
        .map(|o| (o.name.clone(), o.text.clone()));
    session.compiler.set_time_limit(args.time_limit());
    let result = pipeline::build_in(session, source, templates, &options);
    let (outputs, mut diags, generated) = match result {
        Ok(b) => (Some(b.outputs), b.diagnostics, None),
        Err(f) => (None, f.diagnostics, f.generated),
    };
    let mut report = String::new();
    if args.diagnostics.strict && diags.iter().any(|d| !d.is_error()) && outputs.is_some() {
        report += &super::report_text(&mut diags, &args.diagnostics, &|_| None);
        report += "nessun documento scritto: ci sono avvisi e `--rigoroso` è attivo\n";
        return Ok(Outcome {
            report,
            written: Vec::new(),
            ok: false,
        });
    }
    let sources = |f: &str| -> Option<String> {
        if f == name {
            Some(text.clone())
        } else if let Some((_, old_text)) = old.as_ref().filter(|(n, _)| n == f) {
            Some(old_text.clone())
        } else if let Some((_, gtext)) = generated.as_ref().filter(|(g, _)| g == f) {
            Some(gtext.clone())
        } else {
            f.strip_prefix("modelli/")
                .and_then(|t| templates.source(t))
                .map(str::to_string)
        }
    };
    report += &super::report_text(&mut diags, &args.diagnostics, &sources);
    let Some(outputs) = outputs else {
        report += "nessun documento scritto: correggi gli errori e riprova\n";
        return Ok(Outcome {
            report,
            written: Vec::new(),
            ok: false,
        });
    };
    let written = session
        .timings
        .time(Stage::Write, || crate::write::write_all(dir, &outputs))?;
    if args.tempi {
        let _ = writeln!(
            report,
            "tempi: {} · totale {}",
            session.timings,
            crate::timings::millis(session.timings.total())
        );
    }
    Ok(Outcome {
        report,
        written,
        ok: true,
    })
}
