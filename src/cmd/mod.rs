//! One file per subcommand.

pub mod build;
pub mod check;
pub mod diff;
pub mod nuovo;

use std::io::IsTerminal as _;

use crate::args::{DiagnosticArgs, DiagnosticFormat};
use crate::diag::{self, Diagnostic, Severity};

/// Prints diagnostics on stderr in the chosen format; `--rigoroso` turns warnings into errors.
pub(crate) fn report(
    diags: &mut [Diagnostic],
    args: &DiagnosticArgs,
    sources: &dyn Fn(&str) -> Option<String>,
) {
    if args.strict {
        for d in diags.iter_mut() {
            d.severity = Severity::Errore;
        }
    }
    if diags.is_empty() {
        return;
    }
    match args.format {
        DiagnosticFormat::Json => {
            let text = serde_json::to_string_pretty(&diags).unwrap_or_else(|_| "[]".into());
            eprintln!("{text}");
        }
        DiagnosticFormat::Testo => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", diag::render(diags, sources, color));
        }
    }
}
