//! Integration tests: the pipeline and the command line, checked by what a reader sees.

mod accessibilita;
mod batch;
mod build;
mod caratteri;
mod check;
mod cli;
mod codici;
mod common;
mod diff;
mod documento;
mod escaping;
mod esempi;
mod grandi;
mod ostile;
mod pubblicazione;
mod relazione;
mod schema;
mod venezia;
mod watch;
