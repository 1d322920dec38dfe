//! `piano build`: the whole pipeline, writing the documents only if everything succeeded.

use std::process::ExitCode;

use crate::args::BuildArgs;
use crate::pipeline::{self, BuildOptions};
use crate::render::Templates;

/// Runs `piano build`.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let templates = match &args.templates {
        Some(dir) => Templates::with_overrides(dir)?,
        None => Templates::builtin(),
    };
    let source = crate::load::read(&args.piano)?;
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
    let result = pipeline::build(source, &templates, &options);
    let (outputs, mut diags, generated) = match result {
        Ok(b) => (Some(b.outputs), b.diagnostics, None),
        Err(f) => (None, f.diagnostics, f.generated),
    };
    if args.diagnostics.strict && diags.iter().any(|d| !d.is_error()) && outputs.is_some() {
        super::report(&mut diags, &args.diagnostics, &|_| None);
        eprintln!("nessun documento scritto: ci sono avvisi e `--rigoroso` è attivo");
        return Ok(ExitCode::from(1));
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
    super::report(&mut diags, &args.diagnostics, &sources);
    let Some(outputs) = outputs else {
        eprintln!("nessun documento scritto: correggi gli errori e riprova");
        return Ok(ExitCode::from(1));
    };
    let dir = args.pubblicazione.as_ref().unwrap_or(&args.output);
    for path in crate::write::write_all(dir, &outputs)? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
