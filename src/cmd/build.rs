//! `piano build`: the whole pipeline, writing the documents only if everything succeeded;
//! with several plans or a folder, a batch build (see [`crate::batch`]).

use std::process::ExitCode;

use crate::args::BuildArgs;
use crate::pipeline::Session;
use crate::unit::BuildConfig;

/// Runs `piano build`.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let config = BuildConfig::from_args(args)?;
    if crate::batch::is_batch(&args.piano) {
        return crate::batch::run(&config, &args.piano, args.paralleli);
    }
    let Some(plan) = args.piano.first() else {
        anyhow::bail!("manca il file del piano");
    };
    let outcome = config.build_one(plan, &config.output, &mut Session::default())?;
    outcome.print();
    Ok(if outcome.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
