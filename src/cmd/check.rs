//! `piano check`: load and validate a plan, print every problem, write nothing.

use std::process::ExitCode;

use crate::args::CheckArgs;
use crate::pipeline;

/// Runs `piano check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let source = crate::load::read(&args.piano)?;
    let text = source.text.clone();
    let name = source.name.clone();
    let mut diags = match pipeline::load_and_validate(source) {
        Ok((_, _, diags)) => diags,
        Err(diags) => diags,
    };
    super::report(&mut diags, &args.diagnostics, &|f| {
        (f == name).then(|| text.clone())
    });
    let failed = diags.iter().any(|d| d.is_error());
    if !failed {
        eprintln!("il piano `{name}` è valido");
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
