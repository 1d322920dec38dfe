//! Command-line arguments (clap derive). `///` comments are the user's help, in Italian.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Uso: {usage}

{all-args}{after-help}";

/// piano: dal file JSON del Piano della Performance ai documenti ufficiali (PDF).
#[derive(Debug, Parser)]
#[command(
    name = "piano",
    version,
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Comandi",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    /// Il comando da eseguire.
    #[command(subcommand)]
    pub command: Command,
    /// Mostra questo aiuto.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "Opzioni")]
    help: Option<bool>,
    /// Mostra la versione.
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "Opzioni")]
    version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Genera i documenti del piano (PDF) nella cartella di uscita.
    #[command(help_template = HELP_TEMPLATE, after_help = BUILD_AFTER_HELP)]
    Build(BuildArgs),
    /// Genera i documenti e li rigenera a ogni modifica del piano, dei modelli o del logo.
    #[command(help_template = HELP_TEMPLATE)]
    Watch(BuildArgs),
    /// Controlla il piano senza scrivere nulla.
    #[command(help_template = HELP_TEMPLATE)]
    Check(CheckArgs),
    /// Scrive lo scheletro di un nuovo piano (con il POLA e le dimensioni degli indicatori
    /// delle linee guida DFP) da compilare.
    #[command(help_template = HELP_TEMPLATE)]
    Nuovo(NuovoArgs),
    /// Confronta due versioni del piano ed elenca le modifiche, anche come prospetto da
    /// allegare alla deliberazione.
    #[command(help_template = HELP_TEMPLATE, after_help = DIFF_AFTER_HELP)]
    Diff(DiffArgs),
    /// Stampa lo schema JSON del piano, con cui un editor completa e controlla il file
    /// mentre lo si scrive.
    #[command(help_template = HELP_TEMPLATE)]
    Schema(SchemaArgs),
}

/// Arguments of `piano schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Scrive lo schema nel FILE invece di stamparlo.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        help_heading = "Opzioni"
    )]
    pub output: Option<PathBuf>,
}

// Exit codes follow `diff`; an invalid plan is an error (2), not a difference (1).
const DIFF_AFTER_HELP: &str = "\
Codici di uscita: 0 nessuna differenza; 1 ci sono differenze; 2 errore (un file illeggibile,
un piano con errori, che vengono stampati come fa `piano check`, o un prospetto non
generato). Gli avvisi dei piani non sono mostrati: usa `piano check`.";

/// Arguments of `piano diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Il file JSON della versione precedente del piano.
    #[arg(value_name = "VECCHIO.json", help_heading = "Argomenti")]
    pub vecchio: PathBuf,
    /// Il file JSON della versione aggiornata del piano.
    #[arg(value_name = "NUOVO.json", help_heading = "Argomenti")]
    pub nuovo: PathBuf,
    /// Scrive il prospetto delle modifiche come documento: `pdf`, `html` o `md`; senza
    /// questa opzione (o con `testo`) le modifiche sono stampate sul terminale.
    #[arg(
        long = "formato",
        value_name = "FORMATO",
        value_enum,
        hide_possible_values = true,
        help_heading = "Opzioni"
    )]
    pub formato: Option<FormatoProspetto>,
    /// Il file del prospetto (predefinito: `prospetto-modifiche-<titolo>-<anni>.<formato>`
    /// nella cartella corrente); senza `--formato`, il formato è quello dell'estensione.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        help_heading = "Opzioni"
    )]
    pub output: Option<PathBuf>,
    /// Una cartella di modelli che sostituiscono quelli incorporati, file per file.
    #[arg(long = "templates", value_name = "CARTELLA", help_heading = "Opzioni")]
    pub templates: Option<PathBuf>,
}

/// Output format of `piano diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatoProspetto {
    /// The report on the terminal.
    Testo,
    /// The prospetto as PDF/A.
    Pdf,
    /// The prospetto as an accessible HTML page.
    Html,
    /// The prospetto as Markdown.
    Md,
}

const BUILD_AFTER_HELP: &str = "\
Con più piani, o con una cartella (se ne leggono tutti i file .json, anche nelle
sottocartelle), i documenti di ogni piano vanno in una sua sottocartella della cartella di
uscita, con il nome del file del piano: `-o out enti/` scrive `enti/brescia.json` in
`out/brescia/`. Un piano con errori non ferma gli altri; il codice di uscita è 1 se almeno
un piano non è stato generato.";

/// Arguments of `piano build` and `piano watch`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    // Several files or a folder: a batch build, one output subfolder per plan.
    /// Il file JSON del piano; anche più file, o cartelle che li contengono.
    #[arg(value_name = "PIANO.json", required = true, help_heading = "Argomenti")]
    pub piano: Vec<PathBuf>,
    /// La cartella in cui scrivere i documenti (predefinita: out).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "CARTELLA",
        default_value = "out",
        hide_default_value = true,
        help_heading = "Opzioni"
    )]
    pub output: PathBuf,
    /// Scrive nella CARTELLA tutto ciò che va pubblicato in Amministrazione Trasparente:
    /// `index.html`, i PDF, i dati aperti e il file `SHA256SUMS` (al posto di `-o`).
    #[arg(
        long = "pubblicazione",
        value_name = "CARTELLA",
        help_heading = "Opzioni"
    )]
    pub pubblicazione: Option<PathBuf>,
    /// Confronta con la versione precedente del piano e segnala nei documenti (PDF e HTML)
    /// le schede e le righe modificate, citando la deliberazione di aggiornamento.
    #[arg(
        long = "confronta",
        value_name = "VECCHIO.json",
        help_heading = "Opzioni"
    )]
    pub confronta: Option<PathBuf>,
    /// Scrive anche il sorgente Typst generato (.typ) accanto al PDF.
    #[arg(long = "emit-typst", help_heading = "Opzioni")]
    pub emit_typst: bool,
    // Overrides are per file name: `scheda.typ.j2` in CARTELLA replaces the built-in one.
    /// Una cartella di modelli che sostituiscono quelli incorporati, file per file.
    #[arg(long = "templates", value_name = "CARTELLA", help_heading = "Opzioni")]
    pub templates: Option<PathBuf>,
    /// Quali documenti generare: `piano`, `pola` o `tutti` (predefinito: tutti quelli
    /// contenuti nel piano).
    #[arg(
        long = "documento",
        value_name = "DOCUMENTO",
        value_enum,
        default_value = "tutti",
        hide_default_value = true,
        hide_possible_values = true,
        help_heading = "Opzioni"
    )]
    pub documento: DocumentoArg,
    /// Con più piani: quanti generarne insieme (predefinito: uno per core).
    #[arg(
        short = 'j',
        long = "paralleli",
        value_name = "N",
        value_parser = clap::value_parser!(u16).range(1..),
        help_heading = "Opzioni"
    )]
    pub paralleli: Option<u16>,
    /// Stampa su stderr il tempo di ogni fase della generazione.
    #[arg(long = "tempi", help_heading = "Opzioni")]
    pub tempi: bool,
    // A loop in a user's template must not hang the build: past the limit the composition
    // is given up (error T004) and the process ends.
    /// Il tempo massimo per comporre ciascun documento, in secondi (predefinito: 120);
    /// oltre, la generazione si ferma con un errore.
    #[arg(
        long = "limite-tempo",
        value_name = "SECONDI",
        default_value_t = 120,
        hide_default_value = true,
        value_parser = clap::value_parser!(u32).range(1..),
        help_heading = "Opzioni"
    )]
    pub limite_tempo: u32,
    /// How diagnostics are printed.
    #[command(flatten)]
    pub diagnostics: DiagnosticArgs,
}

impl BuildArgs {
    /// How long the composition of one document may take.
    pub fn time_limit(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(self.limite_tempo))
    }
}

/// Which documents `piano build` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentoArg {
    /// Every document the plan holds.
    Tutti,
    /// The Piano della Performance (with the POLA annex).
    Piano,
    /// The POLA on its own.
    Pola,
}

impl DocumentoArg {
    /// The documents to produce (empty: all).
    pub fn documenti(self) -> Vec<crate::pipeline::Documento> {
        match self {
            DocumentoArg::Tutti => Vec::new(),
            DocumentoArg::Piano => vec![crate::pipeline::Documento::Piano],
            DocumentoArg::Pola => vec![crate::pipeline::Documento::Pola],
        }
    }
}

/// Arguments of `piano check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Il file JSON del piano.
    #[arg(value_name = "PIANO.json", help_heading = "Argomenti")]
    pub piano: PathBuf,
    /// How diagnostics are printed.
    #[command(flatten)]
    pub diagnostics: DiagnosticArgs,
}

/// Arguments of `piano nuovo`.
#[derive(Debug, Args)]
pub struct NuovoArgs {
    /// Il file JSON da creare (non deve esistere).
    #[arg(value_name = "PIANO.json", help_heading = "Argomenti")]
    pub file: PathBuf,
    /// Il nome dell'ente.
    #[arg(
        long = "ente",
        value_name = "NOME",
        default_value = "Nome dell'ente",
        help_heading = "Opzioni"
    )]
    pub ente: String,
    /// Il primo anno del piano triennale.
    #[arg(
        long = "anno",
        value_name = "ANNO",
        default_value_t = 2027,
        help_heading = "Opzioni"
    )]
    pub anno: i32,
}

/// How diagnostics are printed, shared by every command.
#[derive(Debug, Args, Clone)]
pub struct DiagnosticArgs {
    /// Tratta gli avvisi come errori.
    #[arg(long = "rigoroso", help_heading = "Opzioni")]
    pub strict: bool,
    /// Formato dei messaggi su stderr: `testo` per le persone (predefinito), `json` per
    /// editor e CI.
    #[arg(
        long = "formato-diagnostica",
        value_name = "FORMATO",
        value_enum,
        default_value = "testo",
        hide_default_value = true,
        hide_possible_values = true,
        help_heading = "Opzioni"
    )]
    pub format: DiagnosticFormat,
}

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// Readable text, coloured on a terminal.
    Testo,
    /// One JSON array.
    Json,
}
