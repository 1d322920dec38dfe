//! piano: turns the JSON of an Italian public body's performance plan into its official
//! documents. The pipeline is `load → indice → validate → view → render → compile → write`,
//! one module per stage; [`run`] is the command line over it.

#![warn(missing_docs)]
// Diagnostics are large but travel only on the failure path, once per problem.
#![allow(clippy::result_large_err)]

pub mod args;
pub mod batch;
pub mod cmd;
pub mod compile;
pub mod consuntivo;
pub mod diag;
pub mod diff;
pub mod documento;
pub mod export;
pub mod foglio;
pub mod fonts;
pub mod format;
pub mod indice;
pub mod inline;
pub mod load;
pub mod manifest;
pub mod misura;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod timings;
pub mod unit;
pub mod validate;
pub mod view;
pub mod write;

use std::process::ExitCode;

/// Runs a parsed command line: 0 success, 1 plan or template errors; I/O failures come
/// back as `Err` and the caller exits with 2.
pub fn run(cli: args::Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        args::Command::Build(a) => cmd::build::run(a),
        args::Command::Watch(a) => cmd::watch::run(a),
        args::Command::Check(a) => cmd::check::run(a),
        args::Command::Nuovo(a) => cmd::nuovo::run(a),
        args::Command::Diff(a) => cmd::diff::run(a),
        args::Command::Schema(a) => cmd::schema::run(a),
        args::Command::Esporta(a) => cmd::esporta::run(a),
        args::Command::Importa(a) => cmd::importa::run(a),
    }
}
