//! Integration tests: the pipeline and the command line, checked by what a reader sees.

mod accessibilita;
mod azioni;
mod batch;
mod build;
mod capitolo;
mod caratteri;
mod check;
mod cli;
mod codici;
mod common;
mod diff;
mod documento;
mod escaping;
mod esempi;
mod formato;
mod grandi;
mod indicatori;
mod ostile;
mod piao_monitoraggio;
mod pubblicazione;
mod relazione;
mod schema;
mod stampati;
mod venezia;
mod watch;
