//! `piano check`: load and validate a plan, print every problem, write nothing.

use std::process::ExitCode;

use crate::args::CheckArgs;
use crate::diag::{self, SourceMap};
use crate::pipeline;

/// Runs `piano check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let source = crate::load::read(&args.piano)?;
    let name = source.name.clone();
    let mut diags = match pipeline::load_and_validate(source.clone()) {
        Ok((_, _, diags)) => diags,
        Err(diags) => diags,
    };
    if args.diagnostics.strict {
        diag::rigoroso(&mut diags);
    }
    super::report(&diags, &args.diagnostics, &SourceMap::from(source));
    let failed = diags.iter().any(|d| d.is_error());
    if !failed {
        eprint!(
            "{}",
            super::prose(&args.diagnostics, &format!("il piano `{name}` è valido"))
        );
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
