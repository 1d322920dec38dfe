//! Batch builds: many plans (files, or every `.json` file in folders) built in parallel on
//! all cores, each into its own subfolder of the output folder. One plan's errors do not
//! stop the others; a summary closes the run.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use walkdir::WalkDir;

use crate::pipeline::Session;
use crate::unit::{BuildConfig, Outcome};

/// Whether the plans given make a batch: more than one, or a folder.
pub fn is_batch(plans: &[PathBuf]) -> bool {
    plans.len() > 1 || plans.iter().any(|p| p.is_dir())
}

/// A plan of the batch and the subfolder of the output folder its documents go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The plan file.
    pub plan: PathBuf,
    /// Its output subfolder, relative to the output folder.
    pub subdir: PathBuf,
}

/// The plans of a batch, in the order given (each folder walked in name order), with their
/// output subfolders: a file's name without `.json`, below the path it has inside the
/// folder it was found in. Hidden entries and the output folder itself are skipped.
pub fn jobs(args: &[PathBuf], output: &Path) -> anyhow::Result<Vec<Job>> {
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let mut jobs = Vec::new();
    for arg in args {
        if !arg.is_dir() {
            jobs.push(Job {
                plan: arg.clone(),
                subdir: PathBuf::from(arg.file_stem().unwrap_or(arg.as_os_str())),
            });
            continue;
        }
        let walk = WalkDir::new(arg)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_output = std::path::absolute(e.path()).is_ok_and(|p| p == output);
                !hidden && !is_output
            });
        let before = jobs.len();
        for entry in walk {
            let entry =
                entry.with_context(|| format!("impossibile leggere `{}`", arg.display()))?;
            let path = entry.path();
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let rel = path.strip_prefix(arg).unwrap_or(path).with_extension("");
            jobs.push(Job {
                plan: path.to_path_buf(),
                subdir: rel,
            });
        }
        if jobs.len() == before {
            anyhow::bail!(
                "nessun piano (file .json) nella cartella `{}`",
                arg.display()
            );
        }
    }
    for job in &jobs {
        let plain = job
            .subdir
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !plain || job.subdir.as_os_str().is_empty() {
            anyhow::bail!(
                "dal nome del file `{}` non si ricava una cartella dentro `{}`: rinomina il file",
                job.plan.display(),
                output.display()
            );
        }
    }
    let mut seen: HashMap<&Path, &Path> = HashMap::new();
    for job in &jobs {
        if let Some(other) = seen.insert(&job.subdir, &job.plan) {
            anyhow::bail!(
                "`{}` e `{}` andrebbero nella stessa cartella `{}`: rinomina uno dei due file",
                other.display(),
                job.plan.display(),
                output.join(&job.subdir).display()
            );
        }
    }
    Ok(jobs)
}

/// Builds every plan of the batch in parallel (`-j`: how many at once), printing each
/// plan's diagnostics as it finishes and a summary at the end; exit code 1 if any plan
/// was not built.
pub fn run(
    config: &BuildConfig,
    plans: &[PathBuf],
    paralleli: Option<u16>,
) -> anyhow::Result<ExitCode> {
    let root = config.output.as_path();
    let jobs = jobs(plans, root)?;
    let threads = match paralleli {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    // Typst's own parallel work (page runs) runs on rayon's global pool, made of as many
    // threads as asked (each document is composed on a thread of its own, which uses that
    // pool; if the pool already exists it is kept as it is). The plans are not jobs of
    // the pool but are handed out one at a time to as many plain threads: a pool thread
    // that waits inside one plan's layout may pick up any queued job of its pool, so with
    // the plans queued there it would start plan after plan before finishing the first,
    // and memory would grow with the number of plans. This way at most `threads` plans
    // are in flight.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
    let bar = progress_bar(jobs.len());
    let start = Instant::now();
    let built = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let failed = std::sync::Mutex::new(Vec::<&Path>::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(jobs.len()) {
            scope.spawn(|| {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = config
                        .build_one(&job.plan, &root.join(&job.subdir), &mut Session::default())
                        .unwrap_or_else(|e| {
                            Outcome::failed(crate::cmd::failure_text(config.diagnostics.format, &e))
                        });
                    // Typst's memoization caches are global: without eviction they would
                    // grow with every plan. An entry survives as many evictions as there
                    // are other threads, so a plan still compiling on another thread keeps
                    // the entries its next layout iteration reuses; with one thread,
                    // nothing survives its plan.
                    comemo::evict(threads - 1);
                    bar.suspend(|| {
                        if !outcome.report.is_empty() {
                            let who = format!("piano `{}`:", job.plan.display());
                            let who = crate::cmd::prose(&config.diagnostics, &who);
                            eprint!("{who}{}", outcome.report);
                        }
                        for path in &outcome.written {
                            println!("{}", path.display());
                        }
                    });
                    bar.set_message(job.plan.display().to_string());
                    bar.inc(1);
                    if outcome.ok {
                        built.fetch_add(1, Ordering::Relaxed);
                    } else {
                        failed
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(job.plan.as_path());
                    }
                }
            });
        }
    });
    let mut failed = failed.into_inner().unwrap_or_else(|e| e.into_inner());
    bar.finish_and_clear();
    failed.sort();
    let done = summary(built.into_inner(), &failed, start.elapsed(), threads);
    eprint!("{}", crate::cmd::prose(&config.diagnostics, &done));
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A progress bar on stderr, drawn only on a terminal.
fn progress_bar(len: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} piani · {elapsed} · {wide_msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// The closing line: how many plans were built, in how long, and which were not.
fn summary(built: usize, failed: &[&Path], elapsed: Duration, threads: usize) -> String {
    let total = built + failed.len();
    let secs = format!("{:.1}", elapsed.as_secs_f64()).replace('.', ",");
    let piani = |n: usize| if n == 1 { "piano" } else { "piani" };
    let mut line = format!(
        "generati {built} {} su {total} in {secs} s ({threads} in parallelo)",
        piani(built)
    );
    if !failed.is_empty() {
        let names: Vec<String> = failed
            .iter()
            .map(|p| format!("`{}`", p.display()))
            .collect();
        line += &format!("; non generati: {}", names.join(", "));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_go_to_their_stem_and_folders_keep_their_layout() {
        let dir = tempfile::tempdir().unwrap();
        let enti = dir.path().join("enti");
        std::fs::create_dir_all(enti.join("lombardia")).unwrap();
        std::fs::create_dir_all(enti.join(".nascosta")).unwrap();
        std::fs::create_dir_all(enti.join("out")).unwrap();
        for f in [
            "brescia.json",
            "lombardia/bergamo.json",
            "note.md",
            ".nascosta/x.json",
            "out/vecchio.json",
        ] {
            std::fs::write(enti.join(f), "{}").unwrap();
        }
        let solo = dir.path().join("solo.json");
        std::fs::write(&solo, "{}").unwrap();
        let jobs = jobs(&[solo.clone(), enti.clone()], &enti.join("out")).unwrap();
        let got: Vec<(PathBuf, PathBuf)> = jobs.into_iter().map(|j| (j.plan, j.subdir)).collect();
        assert_eq!(
            got,
            vec![
                (solo, PathBuf::from("solo")),
                (enti.join("brescia.json"), PathBuf::from("brescia")),
                (
                    enti.join("lombardia/bergamo.json"),
                    PathBuf::from("lombardia/bergamo")
                ),
            ]
        );
    }

    #[test]
    fn two_plans_with_the_same_name_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["a", "b"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
            std::fs::write(dir.path().join(d).join("piano.json"), "{}").unwrap();
        }
        let args = [
            dir.path().join("a/piano.json"),
            dir.path().join("b/piano.json"),
        ];
        let err = jobs(&args, Path::new("out")).unwrap_err().to_string();
        assert!(err.contains("stessa cartella"), "{err}");
    }

    #[test]
    fn output_subfolders_never_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["...json", "..json"] {
            let plan = dir.path().join(name);
            std::fs::write(&plan, "{}").unwrap();
            let ok = dir.path().join("buono.json");
            std::fs::write(&ok, "{}").unwrap();
            let err = jobs(&[ok, plan], &dir.path().join("out"))
                .map(|j| format!("{j:?}"))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(&format!(
                    "dal nome del file `{}`",
                    dir.path().join(name).display()
                )),
                "{name}: {err}"
            );
        }
    }

    #[test]
    fn the_summary_names_what_failed() {
        let s = summary(2, &[Path::new("x.json")], Duration::from_millis(1300), 2);
        assert_eq!(
            s,
            "generati 2 piani su 3 in 1,3 s (2 in parallelo); non generati: `x.json`"
        );
    }
}
