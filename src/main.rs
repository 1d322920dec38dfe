//! The `piano` binary: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser as _;
use piano::args::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let refused = piano::args::refused(&e);
            if refused.stdout {
                print!("{}", refused.text);
            } else {
                eprint!("{}", refused.text);
            }
            return ExitCode::from(refused.code);
        }
    };
    let format = cli.diagnostic_format();
    match piano::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", piano::cmd::failure_text(format, &e));
            ExitCode::from(2)
        }
    }
}
