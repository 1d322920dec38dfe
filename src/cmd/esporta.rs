//! `piano esporta`: the plan's workbook for the offices to fill, and optionally one results
//! workbook per manager and one CSV per sheet.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::{DiagnosticArgs, DiagnosticFormat, EsportaArgs};
use crate::foglio::Fonti;
use crate::foglio::esporta::{self, Filtro};
use crate::write::Output;

/// Runs `piano esporta`: 0 written, 1 the plan or the results file has errors.
pub fn run(args: &EsportaArgs) -> anyhow::Result<ExitCode> {
    if args.per_dirigente.is_some() && args.consuntivo.is_none() {
        anyhow::bail!(
            "`--per-dirigente` scrive i fogli dei risultati: indica anche il file dei risultati con `--consuntivo`"
        );
    }
    let fonti = match Fonti::leggi(&args.piano, args.consuntivo.as_deref())? {
        Ok(f) => f,
        Err((diags, sources)) => {
            super::report(&diags, &testo(), &sources);
            eprintln!("nessun foglio scritto: correggi gli errori e riprova");
            return Ok(ExitCode::from(1));
        }
    };
    let cartella = fonti.cartella();
    let output = args.output.clone().unwrap_or_else(|| {
        let stem = args.piano.file_stem().unwrap_or_default();
        PathBuf::from(stem).with_extension("xlsx")
    });
    crate::write::write_file(&output, esporta::xlsx(&cartella, Filtro::Tutto)?)?;
    println!("{}", output.display());
    if let Some(dir) = &args.per_dirigente {
        let mut outputs = Vec::new();
        for (d, nome) in cartella.dirigenti.iter().enumerate() {
            outputs.push(Output {
                name: format!("risultati-{}.xlsx", crate::manifest::parole(nome)),
                bytes: esporta::xlsx(&cartella, Filtro::Dirigente(d))?,
            });
        }
        stampa(dir, &outputs)?;
    }
    if let Some(dir) = &args.csv {
        let outputs: Vec<Output> = esporta::csv(&cartella)?
            .into_iter()
            .map(|(name, bytes)| Output { name, bytes })
            .collect();
        stampa(dir, &outputs)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the files into `dir` as one unit and prints their paths.
fn stampa(dir: &Path, outputs: &[Output]) -> anyhow::Result<()> {
    for path in crate::write::write_all(dir, outputs)? {
        println!("{}", path.display());
    }
    Ok(())
}

fn testo() -> DiagnosticArgs {
    DiagnosticArgs {
        strict: false,
        format: DiagnosticFormat::Testo,
    }
}
