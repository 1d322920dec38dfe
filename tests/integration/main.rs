//! Integration tests: the pipeline and the command line, checked by what a reader sees.
#![recursion_limit = "256"]

mod accessibilita;
mod azioni;
mod batch;
mod build;
mod capitolo;
mod caratteri;
mod celle;
mod check;
mod cli;
mod codici;
mod common;
mod diff;
mod documento;
mod escaping;
mod esempi;
mod fogli;
mod formato;
mod grandi;
mod indicatori;
mod ostile;
mod personale;
mod piao;
mod piao_monitoraggio;
mod pubblicazione;
mod relazione;
mod rischi;
mod schema;
mod stampati;
mod valore;
mod venezia;
mod watch;
