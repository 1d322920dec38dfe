//! `piano watch`: builds, then rebuilds whenever the plan, an overriding template, the logo
//! or the plan compared against changes. The Typst worlds live across rebuilds, so Typst
//! reparses and lays out again only what changed (typst-cli's `watch.rs`, trimmed).

use std::collections::{HashMap, HashSet};
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
        if crate::compile::abandoned() {
            // The composition still running cannot be stopped: only ending the process does.
            eprintln!("una composizione non è finita entro il limite: `piano watch` termina");
            return Ok(ExitCode::from(1));
        }
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
/// renaming it over the old one, which ends a watch on the old file. A folder that is
/// deleted ends its watch too: until it comes back, its nearest existing ancestor is
/// watched instead, and when it is there again it is watched again and the plan rebuilt.
struct Watched {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Files whose change triggers a rebuild (absolute paths).
    files: HashSet<PathBuf>,
    /// The templates folder: any change below it triggers a rebuild.
    templates: Option<PathBuf>,
    /// Folders currently watched: whether recursively, and which folder is there (a folder
    /// deleted and made again under the same name is another one, not watched).
    folders: HashMap<PathBuf, (bool, Option<Identity>)>,
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
            folders: HashMap::new(),
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
        watched
            .folders
            .insert(plan_folder.clone(), (false, identity(&plan_folder)));
        watched.watch_folders();
        Ok(watched)
    }

    /// Watches what the last build read: the plan's logo may have been added or moved.
    fn update(&mut self, dipendenze: &[PathBuf]) {
        self.files.extend(dipendenze.iter().map(|f| absolute(f)));
        self.watch_folders();
    }

    /// The folders the build depends on, and whether each is watched recursively.
    fn wanted(&self) -> HashMap<PathBuf, bool> {
        let mut wanted: HashMap<PathBuf, bool> =
            self.files.iter().map(|f| (parent(f), false)).collect();
        if let Some(t) = &self.templates {
            wanted.insert(t.clone(), true);
        }
        wanted
    }

    /// Watches every folder the build depends on that is there and not yet watched (or
    /// was deleted and made again), and the nearest existing ancestor of those that are
    /// not there; stops watching the rest. Returns whether a folder the build depends on
    /// is newly watched: what it holds may have changed unseen.
    fn watch_folders(&mut self) -> bool {
        let wanted = self.wanted();
        let mut targets: HashMap<PathBuf, bool> = HashMap::new();
        for (folder, recursive) in &wanted {
            if folder.is_dir() {
                targets.insert(folder.clone(), *recursive);
            } else if let Some(ancestor) = folder.ancestors().skip(1).find(|a| a.is_dir()) {
                targets.entry(ancestor.to_path_buf()).or_insert(false);
            }
        }
        let stale: Vec<PathBuf> = self
            .folders
            .iter()
            .filter(|(folder, (recursive, id))| {
                targets.get(*folder) != Some(recursive) || identity(folder) != *id
            })
            .map(|(folder, _)| folder.clone())
            .collect();
        for folder in stale {
            // The watch of a deleted folder has already ended: an error here says so.
            let _ = self.watcher.unwatch(&folder);
            self.folders.remove(&folder);
        }
        let mut renewed = false;
        for (folder, recursive) in targets {
            if self.folders.contains_key(&folder) {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            let id = identity(&folder);
            if self.watcher.watch(&folder, mode).is_ok() {
                renewed |= wanted.contains_key(&folder);
                self.folders.insert(folder, (recursive, id));
            }
        }
        renewed
    }

    /// Waits for a change to a file the build depends on, then for the files to be quiet.
    fn wait(&mut self) -> anyhow::Result<()> {
        loop {
            let mut event = self
                .events
                .recv()
                .context("l'osservazione dei file si è interrotta")?;
            if !self.relevant(&event) {
                // A folder the build depends on (or one above it) was made or deleted:
                // watch again; if a folder came back, what it holds is new.
                if self.structural(&event) && self.watch_folders() {
                    return Ok(());
                }
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

    /// Whether the event touches a folder the build depends on or one above it.
    fn structural(&self, event: &notify::Result<Event>) -> bool {
        let Ok(event) = event else {
            return true;
        };
        let wanted = self.wanted();
        event
            .paths
            .iter()
            .any(|p| wanted.keys().any(|folder| folder.starts_with(p)))
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

/// Which folder is at a path: device and inode where there are such things.
type Identity = (u64, u64);

/// The identity of the folder at `path`, if one is there.
fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        meta.is_dir().then_some((0, 0))
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
