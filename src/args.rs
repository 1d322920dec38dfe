//! Command-line arguments (clap derive). `///` comments are the user's help, in Italian.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::diag::ticked;

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
    subcommand_value_name = "COMANDO",
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

impl Cli {
    /// How the command prints diagnostics (`testo` for commands without the option).
    pub fn diagnostic_format(&self) -> DiagnosticFormat {
        match &self.command {
            Command::Build(a) | Command::Watch(a) => a.diagnostics.format,
            Command::Check(a) => a.diagnostics.format,
            Command::Importa(a) => a.diagnostics.format,
            Command::Nuovo(_) | Command::Diff(_) | Command::Schema(_) | Command::Esporta(_) => {
                DiagnosticFormat::Testo
            }
        }
    }
}

/// What to print for a command line clap refused, and where: the help and the version go
/// to stdout (exit 0), a usage error to stderr in Italian (exit 2).
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    /// The text to print.
    pub text: String,
    /// Whether it goes to stdout.
    pub stdout: bool,
    /// The exit code.
    pub code: u8,
}

/// clap's refusal in Italian: its own help (whose headings are Italian already) with the
/// usage line translated, or a usage error rebuilt from the error's kind and context.
pub fn refused(e: &clap::Error) -> Refused {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Refused {
            text: italian_usage(&e.render().to_string()),
            stdout: true,
            code: 0,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Refused {
            text: italian_usage(&e.render().to_string()),
            stdout: false,
            code: 2,
        },
        _ => Refused {
            text: usage_error(e),
            stdout: false,
            code: 2,
        },
    }
}

/// clap's generated usage with Italian placeholders.
fn italian_usage(text: &str) -> String {
    text.replace("[OPTIONS]", "[OPZIONI]")
        .replace("<COMMAND>", "<COMANDO>")
        .replace("Usage: ", "Uso: ")
}

/// A usage error in Italian: what is wrong, a hint, the usage line and where the help is.
fn usage_error(e: &clap::Error) -> String {
    let (message, hint) = message_and_hint(e);
    let mut out = format!("errore: {message}\n");
    if let Some(hint) = hint {
        out += &format!("  = suggerimento: {hint}\n");
    }
    let usage = italian_usage(Context(e).one(ContextKind::Usage).trim_end());
    if !usage.is_empty() {
        out += &format!("\n{usage}\n");
    }
    let command = command_of(&usage);
    out += &format!("\nPer l'aiuto: `{command} --help`\n");
    out
}

/// The hint for a missing or unknown command.
const COMMANDS_HINT: &str =
    "i comandi sono: `build`, `watch`, `check`, `nuovo`, `diff`, `schema`, `esporta`, `importa`";

/// What is wrong with the command line, in Italian, and a hint if one helps.
fn message_and_hint(e: &clap::Error) -> (String, Option<String>) {
    let c = Context(e);
    let arg = c.one(ContextKind::InvalidArg);
    let value = c.one(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::InvalidSubcommand => (
            format!(
                "comando sconosciuto `{}`",
                c.one(ContextKind::InvalidSubcommand)
            ),
            c.maybe(ContextKind::SuggestedSubcommand)
                .or_else(|| Some(COMMANDS_HINT.into())),
        ),
        ErrorKind::MissingSubcommand => {
            ("manca il comando".to_string(), Some(COMMANDS_HINT.into()))
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => (
            format!("opzione sconosciuta `{arg}`"),
            c.maybe(ContextKind::SuggestedArg).or_else(|| {
                c.all(ContextKind::TrailingArg)
                    .first()
                    .map(|_| format!("per passare `{arg}` come valore, scrivi `-- {arg}`"))
            }),
        ),
        ErrorKind::UnknownArgument => (format!("argomento in più `{arg}`"), None),
        ErrorKind::InvalidValue if value.is_empty() => {
            (format!("manca il valore di `{arg}`"), None)
        }
        ErrorKind::InvalidValue => (
            format!("valore `{value}` non valido per `{arg}`"),
            c.maybe(ContextKind::SuggestedValue).or_else(|| {
                let valid = c.all(ContextKind::ValidValue);
                (!valid.is_empty()).then(|| format!("valori ammessi: {}", ticked(&valid)))
            }),
        ),
        ErrorKind::ValueValidation => (
            format!("valore `{value}` non valido per `{arg}`"),
            std::error::Error::source(e).map(|s| why_invalid(&s.to_string())),
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing = c.all(ContextKind::InvalidArg);
            let message = if missing.len() == 1 {
                format!("manca l'argomento obbligatorio {}", ticked(&missing))
            } else {
                format!("mancano gli argomenti obbligatori {}", ticked(&missing))
            };
            (message, None)
        }
        ErrorKind::ArgumentConflict => (
            format!(
                "`{arg}` non si può usare insieme a {}",
                ticked(&c.all(ContextKind::PriorArg))
            ),
            None,
        ),
        ErrorKind::NoEquals => (format!("`{arg}` vuole il valore dopo `=`"), None),
        ErrorKind::TooManyValues => (format!("troppi valori per `{arg}`: `{value}`"), None),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            (format!("numero di valori sbagliato per `{arg}`"), None)
        }
        ErrorKind::InvalidUtf8 => ("un argomento non è un testo UTF-8 valido".into(), None),
        _ => ("riga di comando non valida".into(), None),
    }
}

/// The context clap gives with an error, as text.
struct Context<'e>(&'e clap::Error);

impl Context<'_> {
    /// Every value of a kind of context.
    fn all(&self, kind: ContextKind) -> Vec<String> {
        match self.0.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
            Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
            Some(ContextValue::Number(n)) => vec![n.to_string()],
            _ => Vec::new(),
        }
    }

    /// The first value of a kind of context, empty if there is none.
    fn one(&self, kind: ContextKind) -> String {
        self.all(kind).into_iter().next().unwrap_or_default()
    }

    /// `forse intendevi ...?` with clap's suggestions of a kind, if it has any.
    fn maybe(&self, kind: ContextKind) -> Option<String> {
        let s = self.all(kind);
        (!s.is_empty()).then(|| format!("forse intendevi {}?", ticked(&s)))
    }
}

/// The command a usage line is of (`piano check`), whose help says more.
fn command_of(usage: &str) -> String {
    let command: Vec<&str> = usage
        .trim_start_matches("Uso: ")
        .split_whitespace()
        .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    if command.is_empty() {
        "piano".to_string()
    } else {
        command.join(" ")
    }
}

/// Why a value parser refused a value, in Italian, from its (English) error.
fn why_invalid(raw: &str) -> String {
    if let Some((_, range)) = raw.split_once(" is not in ") {
        let (low, high) = range.split_once("..=").unwrap_or((range, ""));
        return if high.is_empty() {
            format!(
                "il valore deve essere almeno {}",
                low.trim_end_matches("..")
            )
        } else {
            format!("il valore deve essere tra {low} e {high}")
        };
    }
    if raw.contains("digit") || raw.contains("number") {
        return "scrivi un numero intero".into();
    }
    "controlla il valore".into()
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
    /// Scrive il foglio di calcolo (.xlsx) del piano da far compilare agli uffici:
    /// obiettivi, indicatori con i target, assegnazioni e, con `--consuntivo`, i risultati.
    #[command(help_template = HELP_TEMPLATE, after_help = ESPORTA_AFTER_HELP)]
    Esporta(EsportaArgs),
    /// Riporta nel piano (e nel file dei risultati) quello che è cambiato in un foglio di
    /// calcolo compilato (.xlsx o .ods), senza toccare il resto del file.
    #[command(help_template = HELP_TEMPLATE, after_help = IMPORTA_AFTER_HELP)]
    Importa(ImportaArgs),
}

/// Arguments of `piano esporta`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Opzioni")]
pub struct EsportaArgs {
    /// Il file JSON del piano.
    #[arg(value_name = "PIANO.json", help_heading = "Argomenti")]
    pub piano: PathBuf,
    /// Il file dei risultati (consuntivo) del piano: aggiunge il foglio Risultati.
    #[arg(long = "consuntivo", value_name = "RISULTATI.json")]
    pub consuntivo: Option<PathBuf>,
    /// Il foglio di calcolo da scrivere (predefinito: `<piano>.xlsx` nella cartella corrente).
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    /// Scrive anche, nella CARTELLA, un foglio dei risultati per ogni dirigente con i soli
    /// obiettivi assegnati a lui (richiede `--consuntivo`).
    #[arg(long = "per-dirigente", value_name = "CARTELLA")]
    pub per_dirigente: Option<PathBuf>,
    /// Scrive anche, nella CARTELLA, un file CSV per ogni foglio.
    #[arg(long = "csv", value_name = "CARTELLA")]
    pub csv: Option<PathBuf>,
}

/// Arguments of `piano importa`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Opzioni")]
pub struct ImportaArgs {
    /// Il foglio di calcolo compilato (.xlsx o .ods).
    #[arg(value_name = "FOGLIO", help_heading = "Argomenti")]
    pub foglio: PathBuf,
    /// Il file JSON del piano, che riceve le modifiche dei fogli Obiettivi, Indicatori e
    /// Assegnazioni.
    #[arg(value_name = "PIANO.json", help_heading = "Argomenti")]
    pub piano: PathBuf,
    /// Il file dei risultati (consuntivo), che riceve le modifiche del foglio Risultati.
    #[arg(long = "consuntivo", value_name = "RISULTATI.json")]
    pub consuntivo: Option<PathBuf>,
    /// Controlla il foglio e mostra le modifiche senza scrivere nulla.
    #[arg(long = "prova")]
    pub prova: bool,
    /// Scrive il piano aggiornato in FILE invece di sovrascrivere PIANO.json (per
    /// confrontare le due versioni con `piano diff`).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How diagnostics are printed.
    #[command(flatten)]
    pub diagnostics: DiagnosticArgs,
}

const ESPORTA_AFTER_HELP: &str = "\
Le celle bianche si compilano, quelle grigie (codici e titoli) sono di riferimento e
bloccate. Il foglio compilato torna nel piano con `piano importa`.";

const IMPORTA_AFTER_HELP: &str = "\
Si scrive solo quello che è cambiato, lasciando il resto del file com'era. Con un errore
(indicato alla cella, per esempio `Indicatori!F12`) non si scrive nulla. Codici di uscita:
0 fatto; 1 il foglio ha errori; 2 errore (un file illeggibile). Dopo l'importazione,
`piano diff` mostra le modifiche.";

/// Arguments of `piano schema`.
#[derive(Debug, Args)]
// Each Args struct heads its options `Opzioni`; positional arguments name their own heading.
#[command(next_help_heading = "Opzioni")]
pub struct SchemaArgs {
    /// Scrive lo schema nel FILE invece di stamparlo.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lo schema del file dei risultati (consuntivo) invece di quello del piano.
    #[arg(long = "consuntivo")]
    pub consuntivo: bool,
}

// Exit codes follow `diff`; an invalid plan is an error (2), not a difference (1).
const DIFF_AFTER_HELP: &str = "\
Codici di uscita: 0 nessuna differenza; 1 ci sono differenze; 2 errore (un file illeggibile,
un piano con errori, che vengono stampati come fa `piano check`, o un prospetto non
generato). Gli avvisi dei piani non sono mostrati: usa `piano check`.";

/// Arguments of `piano diff`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Opzioni")]
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
        hide_possible_values = true
    )]
    pub formato: Option<FormatoProspetto>,
    /// Il file del prospetto (predefinito: `prospetto-modifiche-<titolo>-<anni>.<formato>`
    /// nella cartella corrente); senza `--formato`, il formato è quello dell'estensione.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Una cartella di modelli che sostituiscono quelli incorporati, file per file.
    #[arg(long = "templates", value_name = "CARTELLA")]
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
#[command(next_help_heading = "Opzioni")]
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
        hide_default_value = true
    )]
    pub output: PathBuf,
    /// Scrive nella CARTELLA tutto ciò che va pubblicato in Amministrazione Trasparente:
    /// `index.html`, i PDF, i dati aperti e il file `SHA256SUMS` (al posto di `-o`).
    #[arg(long = "pubblicazione", value_name = "CARTELLA")]
    pub pubblicazione: Option<PathBuf>,
    /// Confronta con la versione precedente del piano e segnala nei documenti (PDF e HTML)
    /// le schede e le righe modificate, citando la deliberazione di aggiornamento.
    #[arg(long = "confronta", value_name = "VECCHIO.json")]
    pub confronta: Option<PathBuf>,
    /// Scrive anche il sorgente Typst generato (.typ) accanto al PDF.
    #[arg(long = "emit-typst")]
    pub emit_typst: bool,
    // Overrides are per file name: `scheda.typ.j2` in CARTELLA replaces the built-in one.
    /// Una cartella di modelli che sostituiscono quelli incorporati, file per file.
    #[arg(long = "templates", value_name = "CARTELLA")]
    pub templates: Option<PathBuf>,
    /// Quali documenti generare: `piano`, `pola`, `piao`, `anticorruzione` o `tutti`
    /// (predefinito: tutti quelli contenuti nel piano; per un PIAO, il PIAO e la sua
    /// sottosezione 2.3 Rischi corruttivi e trasparenza; `piano` ne dà la 2.2 Performance).
    #[arg(
        long = "documento",
        value_name = "DOCUMENTO",
        value_enum,
        default_value = "tutti",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub documento: DocumentoArg,
    /// Con più piani: quanti generarne insieme (predefinito: uno per core).
    #[arg(
        short = 'j',
        long = "paralleli",
        value_name = "N",
        value_parser = clap::value_parser!(u16).range(1..)
    )]
    pub paralleli: Option<u16>,
    /// Stampa su stderr il tempo di ogni fase della generazione.
    #[arg(long = "tempi")]
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
    /// The whole PIAO.
    Piao,
    /// The PIAO's subsection 2.3 on its own, for the RPCT.
    Anticorruzione,
}

impl DocumentoArg {
    /// The documents to produce (empty: all).
    pub fn documenti(self) -> Vec<crate::pipeline::Documento> {
        match self {
            DocumentoArg::Tutti => Vec::new(),
            DocumentoArg::Piano => vec![crate::pipeline::Documento::Piano],
            DocumentoArg::Pola => vec![crate::pipeline::Documento::Pola],
            DocumentoArg::Piao => vec![crate::pipeline::Documento::Piao],
            DocumentoArg::Anticorruzione => vec![crate::pipeline::Documento::Anticorruzione],
        }
    }
}

/// Arguments of `piano check`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Opzioni")]
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
#[command(next_help_heading = "Opzioni")]
pub struct NuovoArgs {
    /// Il file JSON da creare (non deve esistere).
    #[arg(value_name = "PIANO.json", help_heading = "Argomenti")]
    pub file: PathBuf,
    /// Il nome dell'ente.
    #[arg(long = "ente", value_name = "NOME", default_value = "Nome dell'ente")]
    pub ente: String,
    /// Il primo anno del piano triennale.
    #[arg(
        long = "anno",
        value_name = "ANNO",
        default_value_t = 2027,
        value_parser = clap::value_parser!(i32).range(1900..=2198)
    )]
    pub anno: i32,
    /// Scrive lo schema di un PIAO (Piano Integrato di Attività e Organizzazione), con
    /// tutte le sottosezioni obbligatorie da compilare.
    #[arg(long = "piao")]
    pub piao: bool,
    /// Con `--piao`: un PIAO semplificato, per un ente fino a 50 dipendenti (solo le
    /// sottosezioni 1, 2.3, 3.1, 3.2 e 3.3.1).
    #[arg(long = "semplificato", requires = "piao")]
    pub semplificato: bool,
}

/// How diagnostics are printed, shared by every command.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Opzioni")]
pub struct DiagnosticArgs {
    /// Tratta gli avvisi come errori.
    #[arg(long = "rigoroso")]
    pub strict: bool,
    /// Formato dei messaggi su stderr: `testo` per le persone (predefinito), `json` per
    /// editor e CI.
    #[arg(
        long = "formato-diagnostica",
        value_name = "FORMATO",
        value_enum,
        default_value = "testo",
        hide_default_value = true,
        hide_possible_values = true
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
