//! `piano watch`: builds, then rebuilds whenever the plan, an overriding template, the logo
//! or the plan compared against changes. The Typst worlds live across rebuilds, so Typst
//! reparses and lays out again only what changed (typst-cli's `watch.rs`, trimmed).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::args::BuildArgs;
use crate::pipeline::Session;
use crate::timings::millis;
use crate::unit::BuildConfig;

/// How long the files must be quiet before a rebuild: an editor's save is often several
/// events (truncate, write, rename) a few milliseconds apart. A file closed after writing
/// ends the wait at once.
const QUIET: Duration = Duration::from_millis(30);

/// The longest wait for quiet, so that a stream of events cannot hold rebuilds off.
const STARVE: Duration = Duration::from_millis(500);

/// How many rebuilds a memoized result of Typst survives without being used (as
/// typst-cli's watch): enough to keep what an edit does not touch, not every version.
const CACHE_AGE: usize = 10;

/// Runs `piano watch`: never returns unless watching fails.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let [plan] = args.piano.as_slice() else {
        anyhow::bail!("`piano watch` segue un solo piano: indica un solo file");
    };
    if plan.is_dir() {
        anyhow::bail!(
            "`piano watch` segue un solo piano: `{}` è una cartella",
            plan.display()
        );
    }
    let mut config = BuildConfig::from_args(args)?;
    let mut files = Watched::new(&config, plan)?;
    let mut session = Session::default();
    eprintln!(
        "in osservazione: `{}` (Ctrl+C per terminare)",
        plan.display()
    );
    let mut first = true;
    loop {
        let dipendenze = rebuild(&mut config, plan, &mut session, first);
        first = false;
        // The caches are global: without eviction they would keep every version.
        comemo::evict(CACHE_AGE);
        files.update(&dipendenze);
        files.wait()?;
    }
}

/// One build, its diagnostics and its time on stderr, the files written on stdout; the
/// files the build read, to watch.
fn rebuild(
    config: &mut BuildConfig,
    plan: &Path,
    session: &mut Session,
    first: bool,
) -> Vec<PathBuf> {
    let start = Instant::now();
    let reloaded = if first {
        Ok(())
    } else {
        config.reload_templates()
    };
    let outcome = reloaded.and_then(|()| config.build_one(plan, &config.output, session));
    let elapsed = millis(start.elapsed());
    match outcome {
        Ok(outcome) => {
            outcome.print();
            if outcome.ok {
                eprintln!("generato in {elapsed}; in attesa di modifiche");
            } else {
                eprintln!("non generato ({elapsed}); in attesa di modifiche");
            }
            outcome.dipendenze
        }
        Err(e) => {
            eprintln!(
                "errore: {}\nnon generato ({elapsed}); in attesa di modifiche",
                crate::diag::tool_failure(&e)
            );
            Vec::new()
        }
    }
}

/// The files a build depends on, and the file system watcher over their folders.
///
/// Folders are watched rather than files: editors often save by writing a new file and
/// renaming it over the old one, which ends a watch on the old file.
struct Watched {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Files whose change triggers a rebuild (absolute paths).
    files: HashSet<PathBuf>,
    /// The templates folder: any change below it triggers a rebuild.
    templates: Option<PathBuf>,
    /// Folders currently watched, and how.
    folders: HashSet<(PathBuf, bool)>,
}

impl Watched {
    fn new(config: &BuildConfig, plan: &Path) -> anyhow::Result<Watched> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(tx)
            .context("impossibile osservare le modifiche ai file")?;
        let mut watched = Watched {
            watcher,
            events,
            files: HashSet::new(),
            templates: config.templates_dir.as_deref().map(absolute),
            folders: HashSet::new(),
        };
        for file in std::iter::once(plan).chain(config.confronta.as_deref()) {
            watched.files.insert(absolute(file));
        }
        let plan_folder = parent(&absolute(plan));
        watched
            .watcher
            .watch(&plan_folder, RecursiveMode::NonRecursive)
            .with_context(|| {
                format!(
                    "impossibile osservare la cartella `{}`",
                    plan_folder.display()
                )
            })?;
        watched.folders.insert((plan_folder, false));
        Ok(watched)
    }

    /// Watches what the last build read: the plan's logo may have been added or moved.
    fn update(&mut self, dipendenze: &[PathBuf]) {
        self.files.extend(dipendenze.iter().map(|f| absolute(f)));
        let mut wanted: HashSet<(PathBuf, bool)> =
            self.files.iter().map(|f| (parent(f), false)).collect();
        if let Some(t) = &self.templates {
            wanted.insert((t.clone(), true));
        }
        for (folder, recursive) in wanted.difference(&self.folders.clone()) {
            let mode = if *recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            // A folder that does not exist (yet) cannot be watched: the build reports the
            // missing file, and the next change to the plan tries again.
            if self.watcher.watch(folder, mode).is_ok() {
                self.folders.insert((folder.clone(), *recursive));
            }
        }
    }

    /// Waits for a change to a file the build depends on, then for the files to be quiet.
    fn wait(&mut self) -> anyhow::Result<()> {
        loop {
            let mut event = self
                .events
                .recv()
                .context("l'osservazione dei file si è interrotta")?;
            if !self.relevant(&event) {
                continue;
            }
            let start = Instant::now();
            while start.elapsed() < STARVE && !self.closed_after_writing(&event) {
                match self.events.recv_timeout(QUIET) {
                    Ok(next) => event = next,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => {
                        anyhow::bail!("l'osservazione dei file si è interrotta")
                    }
                }
            }
            return Ok(());
        }
    }

    /// Whether the event says that a file the build depends on was closed after writing:
    /// its content is complete.
    fn closed_after_writing(&self, event: &notify::Result<Event>) -> bool {
        event.as_ref().is_ok_and(|e| {
            matches!(
                e.kind,
                EventKind::Access(AccessKind::Close(AccessMode::Write))
            ) && e.paths.iter().any(|p| self.files.contains(p))
        })
    }

    /// Whether an event touches a file the build depends on (reading a file does not).
    fn relevant(&self, event: &notify::Result<Event>) -> bool {
        let Ok(event) = event else {
            // The watcher lost track of something: rebuilding is the safe answer.
            return true;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        event.paths.iter().any(|p| {
            self.files.contains(p) || self.templates.as_ref().is_some_and(|t| p.starts_with(t))
        })
    }
}

/// `path` made absolute against the current folder (without resolving links, as the
/// watcher reports paths below the folders it was given).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The folder holding `path` (absolute paths always have one).
fn parent(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}
