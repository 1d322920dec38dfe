//! Compile stage: Typst markup into a laid-out document and a PDF, in-process.

pub mod world;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::{World as _, WorldExt as _};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Codice, Diagnostic, Position};
use crate::fonts::Fonts;
use crate::format::Date;
use crate::render::origin_of_line;
use crate::timings::{Stage, Timings};
use world::MemoryWorld;

/// Settings of one PDF export.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfSettings {
    /// A stable identifier of the document (body, title, period), for the PDF's `/ID`.
    pub ident: String,
    /// The document date, for the PDF's creation date.
    pub date: Option<Date>,
}

/// Compiles the generated markup with its assets and exports a PDF.
///
/// Typst's errors (and warnings that would degrade the document, such as a missing font)
/// are returned as diagnostics located in the generated file, with the template that
/// produced the line.
pub fn compile_pdf(
    main: String,
    assets: Vec<(String, Vec<u8>)>,
    settings: &PdfSettings,
    generated_name: &str,
) -> Result<(Vec<u8>, Vec<Diagnostic>), Vec<Diagnostic>> {
    Compiler::default().compile_pdf(
        main,
        assets,
        Fonts::embedded(),
        settings,
        generated_name,
        &mut Timings::default(),
    )
}

/// How long the composition of one document may take unless told otherwise
/// (`--limite-tempo`): the largest plans take a few seconds.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(120);

/// The stack of the threads that compose, as large as a main thread's.
const STACK: usize = 8 * 1024 * 1024;

/// Set once a composition has been given up: its thread cannot be stopped and runs on
/// until the process ends.
static ABANDONED: AtomicBool = AtomicBool::new(false);

/// Whether a composition has been given up for running past the time limit: the process
/// should end, since the thread still composing cannot be stopped.
pub fn abandoned() -> bool {
    ABANDONED.load(Ordering::Relaxed)
}

/// Compiles documents, keeping one Typst world per generated file across builds: a
/// rebuild after a small change reuses Typst's parsing and memoized layout of whatever
/// did not change (as long as the memoization caches are not evicted in between).
///
/// Each document is composed on a thread of its own, given up after the time limit: a
/// loop in a user's template must not hang the build.
pub struct Compiler {
    slots: HashMap<String, Slot>,
    limit: Duration,
}

impl Default for Compiler {
    fn default() -> Compiler {
        Compiler {
            slots: HashMap::new(),
            limit: DEFAULT_TIME_LIMIT,
        }
    }
}

/// The world of one generated document, and its last successful build.
struct Slot {
    world: MemoryWorld,
    last: Option<LastBuild>,
}

/// The inputs and output of a successful build: when a watched change leaves a document's
/// inputs as they were (the POLA, when a target of the plan changes), its PDF is reused,
/// since compiling the same inputs always gives the same bytes.
struct LastBuild {
    main: String,
    assets: Vec<(String, Vec<u8>)>,
    settings: PdfSettings,
    pdf: Vec<u8>,
    warnings: Vec<Diagnostic>,
}

/// One document to compile: its generated markup, its assets and PDF settings.
pub struct Job {
    /// The generated Typst source.
    pub main: String,
    /// The files the source reads (the style module, images).
    pub assets: Vec<(String, Vec<u8>)>,
    /// The fonts it is set in.
    pub fonts: Arc<Fonts>,
    /// The PDF export settings.
    pub settings: PdfSettings,
    /// The generated file's name, for diagnostics and for keeping its world.
    pub generated_name: String,
}

/// The PDF of one document and its warnings, or its errors.
pub type JobResult = Result<(Vec<u8>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// What a composing thread hands back: the world, the result and the time spent.
type Done = (Option<Slot>, JobResult, Timings);

/// A document being composed on its own thread.
struct Running {
    name: String,
    /// The template the generated file comes from, for the message if it takes too long.
    template: String,
    done: Result<Receiver<Done>, std::io::Error>,
}

impl Compiler {
    /// Sets how long the composition of one document may take.
    pub fn set_time_limit(&mut self, limit: Duration) {
        self.limit = limit;
    }

    /// Like [`compile_pdf`], in the world kept for `generated_name`, adding the time
    /// spent in layout and in PDF export to `timings`.
    pub fn compile_pdf(
        &mut self,
        main: String,
        assets: Vec<(String, Vec<u8>)>,
        fonts: Arc<Fonts>,
        settings: &PdfSettings,
        generated_name: &str,
        timings: &mut Timings,
    ) -> JobResult {
        let job = Job {
            main,
            assets,
            fonts,
            settings: settings.clone(),
            generated_name: generated_name.to_string(),
        };
        self.compile_all(vec![job], timings)
            .pop()
            .unwrap_or_else(|| Err(Vec::new()))
    }

    /// Compiles several documents at once, each in its own world and on its own thread
    /// (Typst spreads its own parallel work over the rayon pool). The results come in the
    /// order of `jobs`; a document not done within the time limit is an error (T004).
    /// The stages of the documents add up in `timings`; the time they overlapped is
    /// recorded there too, so that the total stays the wall time.
    pub fn compile_all(&mut self, jobs: Vec<Job>, timings: &mut Timings) -> Vec<JobResult> {
        let start = Instant::now();
        let deadline = start + self.limit;
        let running: Vec<Running> = jobs
            .into_iter()
            .map(|job| {
                let slot = self.slots.remove(&job.generated_name);
                spawn(slot, job)
            })
            .collect();
        let mut spent = Timings::default();
        let mut results = Vec::with_capacity(running.len());
        for run in running {
            let (slot, result, own) = self.finish(run, deadline);
            spent.add(&own);
            results.push(result);
            if let Some((name, slot)) = slot {
                self.slots.insert(name, slot);
            }
        }
        let wall = start.elapsed();
        spent.overlapped(spent.total().saturating_sub(wall));
        timings.add(&spent);
        results
    }

    /// Waits for a document until `deadline`: its world (to keep), result and times.
    fn finish(
        &self,
        run: Running,
        deadline: Instant,
    ) -> (Option<(String, Slot)>, JobResult, Timings) {
        let Running {
            name,
            template,
            done,
        } = run;
        let receiver = match done {
            Ok(r) => r,
            Err(e) => {
                let d = Diagnostic::new(
                    Codice::T002,
                    format!("impossibile avviare la composizione di `{name}`: {e}"),
                );
                return (None, Err(vec![d]), Timings::default());
            }
        };
        let wait = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(wait) {
            Ok((slot, result, own)) => (slot.map(|s| (name, s)), result, own),
            Err(RecvTimeoutError::Timeout) => {
                ABANDONED.store(true, Ordering::Relaxed);
                let mut d = Diagnostic::new(
                    Codice::T004,
                    format!(
                        "la composizione di `{name}` (modello `{template}`) non è finita entro \
                         il limite di {} s",
                        self.limit.as_secs_f64()
                    ),
                )
                .with_hint(
                    "un modello può contenere un ciclo che non finisce; se il documento è solo \
                     molto grande, alza il limite con `--limite-tempo SECONDI`",
                );
                d.file = Some(name);
                (None, Err(vec![d]), Timings::default())
            }
            Err(RecvTimeoutError::Disconnected) => {
                let d = Diagnostic::new(
                    Codice::T002,
                    format!("la composizione di `{name}` si è interrotta per un errore interno"),
                );
                (None, Err(vec![d]), Timings::default())
            }
        }
    }
}

/// Starts composing a document on a thread of its own.
fn spawn(mut slot: Option<Slot>, job: Job) -> Running {
    let name = job.generated_name.clone();
    let template = origin_of_line(&job.main, 1).unwrap_or_else(|| name.clone());
    let (tx, rx) = std::sync::mpsc::channel();
    let done = std::thread::Builder::new()
        .name(format!("composizione {name}"))
        .stack_size(STACK)
        .spawn(move || {
            let mut own = Timings::default();
            let result = compile_job(&mut slot, job, &mut own);
            // The receiver is gone if the document was given up: nothing to do.
            let _ = tx.send((slot, result, own));
        })
        .map(|_| rx);
    Running {
        name,
        template,
        done,
    }
}

/// Compiles one document in its kept world (created when `slot` is empty), reusing the
/// last PDF when the inputs did not change.
fn compile_job(slot: &mut Option<Slot>, job: Job, timings: &mut Timings) -> JobResult {
    let Job {
        main,
        assets,
        fonts,
        settings,
        generated_name,
    } = job;
    let generated_name = generated_name.as_str();
    // A world keeps its fonts: when they change (a font added beside the plan), it starts
    // again.
    if slot
        .as_ref()
        .is_some_and(|s| !Arc::ptr_eq(s.world.fonts(), &fonts))
    {
        *slot = None;
    }
    let slot = match slot {
        Some(slot) => {
            if let Some(last) = &slot.last
                && last.main == main
                && last.assets == assets
                && last.settings == settings
            {
                return Ok((last.pdf.clone(), last.warnings.clone()));
            }
            slot.world.update(main.clone(), assets.clone());
            slot
        }
        None => slot.insert(Slot {
            world: MemoryWorld::new(main.clone(), assets.clone(), fonts),
            last: None,
        }),
    };
    slot.last = None;
    let world = &slot.world;
    let Warned { output, warnings } =
        timings.time(Stage::Compile, || typst::compile::<PagedDocument>(world));
    let mut diags: Vec<Diagnostic> = warnings
        .iter()
        .map(|w| convert(world, w, generated_name))
        .collect();
    let document = match output {
        Ok(doc) => doc,
        Err(errors) => {
            diags.extend(errors.iter().map(|e| convert(world, e, generated_name)));
            return Err(diags);
        }
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(format!("piano {}", env!("CARGO_PKG_VERSION")))),
        timestamp: settings
            .date
            .and_then(|d| Datetime::from_ymd(d.year, d.month, d.day))
            .map(Timestamp::new_utc),
        standards: standards(),
        ..PdfOptions::default()
    };
    let exported = timings.time(Stage::Pdf, || typst_pdf::pdf(&document, &options));
    // The laid-out document is large: free it before the next stage.
    drop(document);
    match exported {
        Ok(bytes) => {
            slot.last = Some(LastBuild {
                main,
                assets,
                settings,
                pdf: bytes.clone(),
                warnings: diags.clone(),
            });
            Ok((bytes, diags))
        }
        Err(errors) => {
            diags.extend(errors.iter().map(|e| convert(world, e, generated_name)));
            Err(diags)
        }
    }
}

/// The 1-based line and column of a byte offset, through the source's own line index.
fn position(source: &typst::syntax::Source, offset: usize) -> Position {
    let (line, column) = source.lines().byte_to_line_column(offset).unwrap_or((0, 0));
    Position {
        line: line + 1,
        column: column + 1,
    }
}

/// PDF/A-2a (archival, tagged) together with PDF/UA-1 (accessibility).
fn standards() -> PdfStandards {
    PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .expect("PDF/A-2a and PDF/UA-1 are compatible")
}

/// Converts a Typst diagnostic into ours, located in the generated file.
fn convert(world: &MemoryWorld, d: &SourceDiagnostic, generated_name: &str) -> Diagnostic {
    // A font fallback silently changes the document: it is an error, not a warning.
    let font_problem = d.message.contains("font");
    let code = match (d.severity, font_problem) {
        (TypstSeverity::Error, _) | (_, true) => Codice::T002,
        (TypstSeverity::Warning, false) => Codice::T003,
    };
    let mut out = crate::diag::from_typst(code, &d.message);
    if let Some(hint) = d.hints.first() {
        out = out.with_hint(format!("(Typst) {}", hint.v));
    }
    let id = d.span.id();
    let main = world.main_source();
    if let (Some(id), Some(range)) = (id, world.range(d.span)) {
        if id == main.id() {
            // Typst keeps each source's line index: no diagnostic builds its own.
            let pos = position(main, range.start);
            out.file = Some(generated_name.into());
            out.position = Some(pos);
            out.range = Some(range);
            if let Some(t) = origin_of_line(main.text(), pos.line) {
                out = out.with_note(format!(
                    "riga prodotta dal modello `{t}`; `--emit-typst` scrive il file generato"
                ));
            }
        } else {
            out.file = Some(format!("modelli{}", id.vpath().get_with_slash()));
            if let Ok(src) = world.source(id) {
                out.position = Some(position(&src, range.start));
                out.range = Some(range);
            }
        }
    }
    out
}
