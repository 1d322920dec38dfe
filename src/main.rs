//! The `piano` binary: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = piano::args::Cli::parse();
    match piano::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("errore: {e:#}");
            ExitCode::from(2)
        }
    }
}
