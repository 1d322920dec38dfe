//! `piano diff`: the changes between two versions of a plan, on the terminal or as the
//! "Prospetto delle modifiche" to attach to the deliberazione that amends it.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::{DiagnosticArgs, DiagnosticFormat, DiffArgs, FormatoProspetto};
use crate::diag::{Diagnostic, SourceMap};
use crate::diff;
use crate::diff::report::{GENERATO, Prospetto};
use crate::load::Loaded;
use crate::pipeline;
use crate::render::Templates;

/// Exit code when the versions differ, as `diff` does.
const DIFFERENTI: u8 = 1;
/// Exit code when a plan cannot be read or is not valid, or a document cannot be made.
const ERRORE: u8 = 2;

/// What `piano diff` was asked to produce, checked before any work.
struct Config {
    formato: FormatoProspetto,
    /// Where to write the report; `None` prints it on stdout.
    output: Option<PathBuf>,
}

impl Config {
    fn from_args(args: &DiffArgs) -> anyhow::Result<Config> {
        let formato = match (args.formato, &args.output) {
            (Some(f), _) => f,
            (None, None) => FormatoProspetto::Testo,
            (None, Some(path)) => {
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                match ext.as_str() {
                    "pdf" => FormatoProspetto::Pdf,
                    "html" | "htm" => FormatoProspetto::Html,
                    "md" => FormatoProspetto::Md,
                    "txt" => FormatoProspetto::Testo,
                    _ => anyhow::bail!(
                        "non riconosco il formato del file `{}`: indica `--formato pdf`, `html` o `md`",
                        path.display()
                    ),
                }
            }
        };
        Ok(Config {
            formato,
            output: args.output.clone(),
        })
    }
}

/// Runs `piano diff`: 0 no differences, 1 differences, 2 an error.
pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let config = Config::from_args(args)?;
    let templates = match &args.templates {
        Some(dir) => Templates::with_overrides(dir)?,
        None => Templates::builtin(),
    };
    // Both plans are checked before giving up, so every error is shown at once.
    let old = carica(&args.vecchio)?;
    let new = carica(&args.nuovo)?;
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(ExitCode::from(ERRORE));
    };
    let mut differenze = diff::confronta(&old.plan, &new.plan);
    differenze.numeri_stampati(&old.plan, &new.plan);
    let uguali = differenze.is_empty();
    let prospetto = Prospetto::new(
        &old.plan,
        &new.plan,
        (&old.source.name, &new.source.name),
        &differenze,
        pipeline::source_date_epoch(),
    );
    let bytes = match config.formato {
        FormatoProspetto::Testo if config.output.is_none() => {
            let colore = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            print!("{}", prospetto.terminale(colore));
            return Ok(esito(uguali));
        }
        FormatoProspetto::Testo => prospetto.terminale(false).into_bytes(),
        FormatoProspetto::Md => prospetto.markdown().into_bytes(),
        FormatoProspetto::Html => match prospetto.html(&templates) {
            Ok(html) => html.into_bytes(),
            Err(d) => return Ok(fallito(vec![d], None, &templates)),
        },
        FormatoProspetto::Pdf => match prospetto.pdf(&templates) {
            Ok(pdf) => pdf,
            Err((diags, generated)) => return Ok(fallito(diags, generated, &templates)),
        },
    };
    let target = match &config.output {
        Some(path) => path.clone(),
        None => PathBuf::from(format!(
            "prospetto-modifiche-{}.{}",
            pipeline::slug(
                &new.plan.documento.titolo,
                new.plan.documento.anno_inizio,
                new.plan.documento.anno_fine
            ),
            estensione(config.formato)
        )),
    };
    crate::write::write_file(&target, bytes)?;
    println!("{}", target.display());
    if uguali {
        eprintln!("nessuna differenza tra le due versioni");
    }
    Ok(esito(uguali))
}

fn esito(uguali: bool) -> ExitCode {
    if uguali {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(DIFFERENTI)
    }
}

fn estensione(f: FormatoProspetto) -> &'static str {
    match f {
        FormatoProspetto::Testo => "txt",
        FormatoProspetto::Pdf => "pdf",
        FormatoProspetto::Html => "html",
        FormatoProspetto::Md => "md",
    }
}

/// Loads and validates a plan; a plan with errors gets them printed, like `piano check`.
fn carica(path: &Path) -> anyhow::Result<Option<Loaded>> {
    let source = crate::load::read(path)?;
    let name = source.name.clone();
    match pipeline::load_and_validate(source.clone()) {
        Ok((loaded, _, _)) => Ok(Some(loaded)),
        Err(diags) => {
            super::report(&diags, &testo(), &SourceMap::from(source));
            eprintln!("il piano `{name}` non è valido: correggi gli errori e riprova");
            Ok(None)
        }
    }
}

/// A prospetto template failed: its diagnostics, then exit 2.
fn fallito(diags: Vec<Diagnostic>, generated: Option<String>, templates: &Templates) -> ExitCode {
    let mut sources = SourceMap::default();
    sources.resolve(&diags, |f| {
        if f == GENERATO {
            generated.clone()
        } else {
            f.strip_prefix("modelli/")
                .and_then(|t| templates.source(t))
                .map(str::to_string)
        }
    });
    super::report(&diags, &testo(), &sources);
    eprintln!("nessun prospetto scritto");
    ExitCode::from(ERRORE)
}

fn testo() -> DiagnosticArgs {
    DiagnosticArgs {
        strict: false,
        format: DiagnosticFormat::Testo,
    }
}
