//! `piano schema`: prints the JSON Schema of the plan (or, with `--consuntivo`, of the
//! results file), generated from the model with Italian descriptions, for editors that
//! complete and check a file as it is typed.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::args::SchemaArgs;

/// Prints the schema on stdout, or writes it atomically to the `-o` file and prints its path.
pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let text = if args.consuntivo {
        testo_consuntivo()?
    } else {
        testo()?
    };
    match &args.output {
        Some(path) => {
            let written = crate::write::write_file(path, text.into_bytes())?;
            println!("{}", written.display());
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .context("impossibile scrivere lo schema su stdout")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The schema as `piano schema` prints it: indented JSON ending with a newline.
pub fn testo() -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(crate::load::schema::schema())? + "\n")
}

/// The results file's schema as `piano schema --consuntivo` prints it.
pub fn testo_consuntivo() -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(crate::load::schema::schema_consuntivo())? + "\n")
}
