//! One file per subcommand.

pub mod build;
pub mod check;
pub mod diff;
pub mod esporta;
pub mod importa;
pub mod nuovo;
pub mod schema;
pub mod watch;

use std::io::IsTerminal as _;

use crate::args::{DiagnosticArgs, DiagnosticFormat};
use crate::diag::{self, Diagnostic, SourceMap};

/// Prints diagnostics on stderr in the chosen format.
pub(crate) fn report(diags: &[Diagnostic], args: &DiagnosticArgs, sources: &SourceMap) {
    eprint!("{}", report_text(diags, args, sources));
}

/// The text [`report`] prints, for callers that print it later (builds run in parallel):
/// drawn diagnostics and a count, or JSON Lines and nothing else.
pub(crate) fn report_text(
    diags: &[Diagnostic],
    args: &DiagnosticArgs,
    sources: &SourceMap,
) -> String {
    match args.format {
        DiagnosticFormat::Json => diag::json_lines(diags),
        DiagnosticFormat::Testo => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            diag::render(diags, sources, color)
        }
    }
}

/// A line of prose for stderr (`il piano è valido`), left out when diagnostics are JSON so
/// that the stream stays pure JSON.
pub(crate) fn prose(args: &DiagnosticArgs, line: &str) -> String {
    match args.format {
        DiagnosticFormat::Json => String::new(),
        DiagnosticFormat::Testo => format!("{line}\n"),
    }
}

/// A tool failure (exit 2) for stderr: `errore: ...` in Italian, or one JSON object with
/// `severity` and `message` when diagnostics are JSON.
pub fn failure_text(format: DiagnosticFormat, e: &anyhow::Error) -> String {
    let message = diag::tool_failure(e);
    match format {
        DiagnosticFormat::Json => {
            format!(
                "{}\n",
                serde_json::json!({ "severity": "errore", "message": message })
            )
        }
        DiagnosticFormat::Testo => format!("errore: {message}\n"),
    }
}
