//! One file per subcommand.

pub mod build;
pub mod check;
pub mod diff;
pub mod nuovo;
pub mod schema;
pub mod watch;

use std::io::IsTerminal as _;

use crate::args::{DiagnosticArgs, DiagnosticFormat};
use crate::diag::{self, Diagnostic, Severity};

/// Prints diagnostics on stderr in the chosen format; `--rigoroso` turns warnings into errors.
pub(crate) fn report(
    diags: &mut [Diagnostic],
    args: &DiagnosticArgs,
    sources: &dyn Fn(&str) -> Option<String>,
) {
    eprint!("{}", report_text(diags, args, sources));
}

/// The text [`report`] prints, for callers that print it later (builds run in parallel).
pub(crate) fn report_text(
    diags: &mut [Diagnostic],
    args: &DiagnosticArgs,
    sources: &dyn Fn(&str) -> Option<String>,
) -> String {
    if args.strict {
        for d in diags.iter_mut() {
            d.severity = Severity::Errore;
        }
    }
    if diags.is_empty() {
        return String::new();
    }
    match args.format {
        DiagnosticFormat::Json => {
            let text = serde_json::to_string_pretty(&diags).unwrap_or_else(|_| "[]".into());
            format!("{text}\n")
        }
        DiagnosticFormat::Testo => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            diag::render(diags, sources, color)
        }
    }
}
