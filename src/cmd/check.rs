//! `piano check`: load and validate a plan, print every problem, write nothing.

use std::process::ExitCode;

use crate::args::CheckArgs;
use crate::diag::{self, SourceMap};
use crate::pipeline;

/// Runs `piano check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let source = crate::load::read(&args.piano)?;
    let name = source.name.clone();
    let consuntivo = crate::load::is_consuntivo(&source);
    let mut sources = SourceMap::from(source.clone());
    let mut diags = if consuntivo {
        // A results file is checked with the plan it names: both are read and reported.
        match pipeline::load_and_measure(source) {
            Ok((m, diags)) => {
                sources.add(m.piano.source.clone());
                diags
            }
            Err(diags) => diags,
        }
    } else {
        match pipeline::load_and_validate(source) {
            Ok((_, _, diags)) => diags,
            Err(diags) => diags,
        }
    };
    sources.resolve(&diags, |f| std::fs::read_to_string(f).ok());
    if args.diagnostics.strict {
        diag::rigoroso(&mut diags);
    }
    super::report(&diags, &args.diagnostics, &sources);
    let failed = diags.iter().any(|d| d.is_error());
    if !failed {
        let what = if consuntivo {
            "il consuntivo"
        } else {
            "il piano"
        };
        eprint!(
            "{}",
            super::prose(&args.diagnostics, &format!("{what} `{name}` è valido"))
        );
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
