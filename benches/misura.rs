//! The benchmarks of BENCHMARKS.md: `cargo bench --bench misura [-- SEZIONI] [--rapido]`.
//!
//! Sections (all by default): `fasi` (time per stage, in-process, on the Brescia example
//! and on synthetic plans 2×, 4×, 8× its size), `processo` (the release binary: wall
//! time, CPU time and peak memory per size), `obiettivi` (the same on synthetic plans of
//! 100, 300, 1,000 and 3,000 objectives), `typst` (the same `.typ` through the `typst`
//! CLI, when installed), `lotto` (50 copies, 1 thread against 2), `watch` (from the edit of
//! one target to the rewritten PDF), `fogli` (`piano esporta` and `piano importa` of the
//! 8× plan's workbook). Prints Markdown tables on stdout; medians of several
//! runs (`--rapido`: fewer runs). `PIANO_BIN=FILE` measures another `piano` binary than
//! the one cargo built with the benchmark (say a dev-profile build).

#[path = "sintetico/mod.rs"]
mod sintetico;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use piano::pipeline::{BuildOptions, Session};
use piano::render::Templates;
use piano::timings::{Stage, Timings};

const BRESCIA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/brescia-2021-2023.json");
/// The binary measured: `PIANO_BIN`, or the one cargo built with the benchmark.
fn piano_bin() -> String {
    std::env::var("PIANO_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_piano").to_string())
}
/// Sizes of the `obiettivi` section, in objectives.
const OBIETTIVI: [usize; 4] = [100, 300, 1000, 3000];
const SIZES: [usize; 4] = [1, 2, 4, 8];
/// GNU time (Debian package `time`), for the peak memory of a command.
const TIME: &str = "/usr/bin/time";

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let quick = args.iter().any(|a| a == "--rapido");
    let wanted: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let on = |s: &str| wanted.is_empty() || wanted.contains(&s);
    let runs = if quick { 3 } else { 7 };
    assert!(
        Path::new(TIME).exists(),
        "serve {TIME} per la memoria di picco: apt-get install time"
    );
    let work = tempfile::tempdir().expect("a temporary folder");
    let plans = synthetic_plans(work.path());
    println!(
        "_{} core, carico medio all'avvio: {}_\n",
        std::thread::available_parallelism().map_or(1, usize::from),
        load_average()
    );
    if on("fasi") {
        stages(&plans, runs, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("processo") {
        process(&plans, runs, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("obiettivi") {
        objectives(runs, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("typst") {
        typst_cli(runs, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("lotto") {
        batch(if quick { 1 } else { 3 }, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("watch") {
        watch(if quick { 5 } else { 11 }, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("relazione") {
        relazione(runs, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("piao") {
        piao(runs, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
    if on("fogli") {
        fogli(&plans, runs, work.path());
        println!("_carico medio alla fine: {}_\n", load_average());
    }
}

/// The workbook of the Brescia example and of its 8× copy: `piano esporta` writes it,
/// `piano importa` reads it back (every cell compared with the plan; nothing changed, so
/// nothing written).
fn fogli(plans: &[(usize, PathBuf)], runs: usize, work: &Path) {
    println!("### Fogli di calcolo (processo, mediana di {runs} esecuzioni)\n");
    println!("| piano | comando | tempo reale | tempo CPU | memoria di picco |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for (k, path) in plans.iter().filter(|(k, _)| [1, 8].contains(k)) {
        let foglio = work.join(format!("fogli-{k}.xlsx"));
        let mut cmd = Command::new(piano_bin());
        cmd.arg("esporta").arg(path).arg("-o").arg(&foglio);
        let m = measure(&mut cmd, runs);
        let kb = std::fs::metadata(&foglio).map_or(0, |m| m.len() / 1024);
        println!(
            "| Brescia {k}× | `piano esporta` ({kb} KB) | {} | {} | {} MB |",
            ms(m.wall),
            ms(m.cpu),
            m.peak_kb / 1024
        );
        let copia = work.join(format!("fogli-{k}.json"));
        std::fs::copy(path, &copia).expect("writable temporary folder");
        let mut cmd = Command::new(piano_bin());
        cmd.arg("importa").arg(&foglio).arg(&copia);
        let m = measure(&mut cmd, runs);
        println!(
            "| Brescia {k}× | `piano importa`, nessuna modifica | {} | {} | {} MB |",
            ms(m.wall),
            ms(m.cpu),
            m.peak_kb / 1024
        );
    }
    println!();
}

/// The full PIAO example (its PDF and page, the 2.3 document, open data) against
/// today's Brescia build (the plan with its POLA annex, and the POLA alone): both
/// `piano build` as processes, same machine, same runs.
fn piao(runs: usize, work: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("### PIAO (processo, mediana di {runs} esecuzioni)\n");
    println!("| che cosa | pagine | tempo reale | tempo CPU | memoria di picco |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut tempi = Vec::new();
    for (nome, file, pdf) in [
        (
            "Brescia oggi (piano + POLA)",
            BRESCIA,
            "piano-della-performance-2021-2023.pdf",
        ),
        (
            "PIAO ordinario di Brescia (PIAO + 2.3)",
            "data/brescia-piao-2021-2023.json",
            "piao-2021-2023.pdf",
        ),
        (
            "PIAO semplificato di Castelnuovo",
            "data/castelnuovo-piao-2025-2027.json",
            "piao-2025-2027.pdf",
        ),
    ] {
        let out = work.join(format!("piao-{}", tempi.len()));
        let mut cmd = Command::new(piano_bin());
        cmd.arg("build").arg(root.join(file)).arg("-o").arg(&out);
        let m = measure(&mut cmd, runs);
        println!(
            "| {nome} | {} | {} | {} | {} MB |",
            pages_of(&out.join(pdf)),
            ms(m.wall),
            ms(m.cpu),
            m.peak_kb / 1024
        );
        tempi.push(m.wall);
    }
    println!(
        "\nRapporto PIAO ordinario / Brescia oggi (tempo reale): **{:.2}** (obiettivo: al più 1,5)\n",
        tempi[1].as_secs_f64() / tempi[0].as_secs_f64()
    );
}

/// The Relazione of the Brescia example: measuring the results in-process (reading the
/// results file and its plan, checks, pairing and roll-up), then the whole `piano build`
/// as a process.
fn relazione(runs: usize, work: &Path) {
    let consuntivo =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/brescia-2021-2023-consuntivo-2021.json");
    println!("### Relazione sulla Performance (mediana di {runs} esecuzioni)\n");
    println!("| che cosa | tempo reale | tempo CPU | memoria di picco |");
    println!("| --- | ---: | ---: | ---: |");
    let mut durate = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let source = piano::load::read(&consuntivo).expect("the example reads");
        let (m, _) = piano::pipeline::load_and_measure(source).expect("the example measures");
        std::hint::black_box(&m.misura);
        durate.push(start.elapsed());
    }
    println!(
        "| lettura, controlli e calcolo dei gradi (in-process) | {} | – | – |",
        ms(median(durate))
    );
    let out = work.join("relazione");
    let mut cmd = Command::new(piano_bin());
    cmd.arg("build").arg(&consuntivo).arg("-o").arg(&out);
    let m = measure(&mut cmd, runs);
    println!(
        "| `piano build` del consuntivo ({} pagine) | {} | {} | {} MB |",
        pages_of(&out.join("relazione-sulla-performance-2021.pdf")),
        ms(m.wall),
        ms(m.cpu),
        m.peak_kb / 1024
    );
    println!();
}

/// The Brescia example and its 2×, 4×, 8× copies, written to `dir`.
fn synthetic_plans(dir: &Path) -> Vec<(usize, PathBuf)> {
    let text = std::fs::read_to_string(BRESCIA).expect("the Brescia example");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    SIZES
        .iter()
        .map(|&k| {
            if k == 1 {
                return (k, PathBuf::from(BRESCIA));
            }
            let path = dir.join(format!("brescia-x{k}.json"));
            let plan = sintetico::moltiplica(&json, k);
            std::fs::write(&path, serde_json::to_string_pretty(&plan).expect("JSON"))
                .expect("writable temporary folder");
            (k, path)
        })
        .collect()
}

/// Per-stage medians of in-process builds (each one cold: Typst's caches emptied), on one
/// thread: with two, the plan and the POLA overlap, and a thread that waits inside one
/// stage runs work of the other document, which would be counted in the wrong stage. The
/// wall time of the parallel build is `processo`'s.
fn stages(plans: &[(usize, PathBuf)], runs: usize, work: &Path) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread");
    pool.install(|| stages_here(plans, runs, work));
}

fn stages_here(plans: &[(usize, PathBuf)], runs: usize, work: &Path) {
    println!("### Tempo per fase (in-process, un thread, mediana di {runs} generazioni)\n");
    let mut header = "| fase |".to_string();
    let mut rule = "| --- |".to_string();
    let mut columns = Vec::new();
    for (k, path) in plans {
        header += &format!(" {k}× |");
        rule += " ---: |";
        let mut all: Vec<Timings> = Vec::new();
        for _ in 0..runs {
            comemo::evict(0);
            let source = piano::load::read(path).expect("readable plan");
            let mut session = Session::default();
            let built = piano::pipeline::build_in(
                &mut session,
                source,
                &Templates::builtin(),
                &BuildOptions::default(),
            )
            .unwrap_or_else(|f| panic!("{path:?} does not build: {:#?}", f.diagnostics));
            let out = work.join(format!("fasi-{k}"));
            session
                .timings
                .time(Stage::Write, || {
                    piano::write::write_all(&out, &built.outputs)
                })
                .expect("writable output");
            all.push(session.timings);
        }
        columns.push(all);
    }
    println!("{header}\n{rule}");
    for stage in Stage::ALL {
        let mut row = format!("| {} |", stage.name());
        for all in &columns {
            row += &format!(" {} |", ms(median(all.iter().map(|t| t.get(stage)))));
        }
        println!("{row}");
    }
    let mut row = "| **totale** |".to_string();
    for all in &columns {
        row += &format!(" **{}** |", ms(median(all.iter().map(Timings::total))));
    }
    println!("{row}\n");
}

/// The release binary on each size: wall time, CPU time, peak resident memory.
fn process(plans: &[(usize, PathBuf)], runs: usize, work: &Path) {
    println!("### `piano build` (processo, mediana di {runs} esecuzioni)\n");
    println!("| piano | pagine | tempo reale | tempo CPU | memoria di picco |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (k, path) in plans {
        let out = work.join(format!("processo-{k}"));
        let mut cmd = Command::new(piano_bin());
        cmd.arg("build").arg(path).arg("-o").arg(&out);
        let m = measure(&mut cmd, runs);
        let pages = pages(&out);
        println!(
            "| Brescia {k}× | {pages} | {} | {} | {} MB |",
            ms(m.wall),
            ms(m.cpu),
            m.peak_kb / 1024
        );
    }
    println!();
}

/// `piano build` on synthetic plans of 100 to 3,000 objectives (`sintetico::obiettivi`):
/// wall time, CPU time, peak resident memory.
fn objectives(runs: usize, work: &Path) {
    println!(
        "### `piano build` per numero di obiettivi (processo, mediana di {runs} esecuzioni)\n"
    );
    println!("| obiettivi | pagine | tempo reale | tempo CPU | memoria di picco |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for n in OBIETTIVI {
        let plan = work.join(format!("obiettivi-{n}.json"));
        let json = serde_json::to_string_pretty(&sintetico::obiettivi(n)).expect("JSON");
        std::fs::write(&plan, json).expect("writable temporary folder");
        let out = work.join(format!("obiettivi-out-{n}"));
        let mut cmd = Command::new(piano_bin());
        cmd.arg("build").arg(&plan).arg("-o").arg(&out);
        let m = measure(&mut cmd, runs);
        let pages = pages_of(&out.join("piano-della-performance-2024-2026.pdf"));
        println!(
            "| {n} | {pages} | {} | {} | {} MB |",
            ms(m.wall),
            ms(m.cpu),
            m.peak_kb / 1024
        );
    }
    println!();
}

/// `typst compile` on the `.typ` that `--emit-typst` writes, against `piano build` of the
/// same document.
fn typst_cli(runs: usize, work: &Path) {
    let Ok(version) = Command::new("typst").arg("--version").output() else {
        println!(
            "### Confronto con `typst compile`\n\n`typst` non è installato: confronto saltato.\n"
        );
        return;
    };
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    let out = work.join("typst");
    let status = Command::new(piano_bin())
        .args([
            "build",
            BRESCIA,
            "--documento",
            "piano",
            "--emit-typst",
            "-o",
        ])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("piano runs");
    assert!(status.success());
    let typ = out.join("piano-della-performance-2021-2023.typ");
    let fonts = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts");
    println!("### Confronto con `typst compile` ({version}, mediana di {runs} esecuzioni)\n");
    println!("| comando | tempo reale | tempo CPU | memoria di picco |");
    println!("| --- | ---: | ---: | ---: |");
    let mut typst = Command::new("typst");
    typst
        .arg("compile")
        .arg(&typ)
        .arg(work.join("typst.pdf"))
        .args(["--font-path", fonts, "--ignore-system-fonts"])
        .args(["--pdf-standard", "a-2a,ua-1"]);
    let t = measure(&mut typst, runs);
    let mut piano = Command::new(piano_bin());
    piano
        .args(["build", BRESCIA, "--documento", "piano", "-o"])
        .arg(work.join("typst-piano"));
    let p = measure(&mut piano, runs);
    for (name, m) in [
        ("`typst compile` del `.typ` generato (PDF/A-2a + UA-1)", &t),
        (
            "`piano build --documento piano` (lo stesso PDF, più HTML e dati aperti)",
            &p,
        ),
    ] {
        println!(
            "| {name} | {} | {} | {} MB |",
            ms(m.wall),
            ms(m.cpu),
            m.peak_kb / 1024
        );
    }
    let ratio = p.wall.as_secs_f64() / t.wall.as_secs_f64();
    println!("\n`piano` / `typst`: {:.2} (tempo reale)\n", ratio);
}

/// 50 copies of the example, with 1 and with 2 threads; and the memory of 10 copies. Then
/// the same with 50 variants (every title and description marked with the body's number):
/// identical copies let Typst reuse the layout of the previous copy's paragraphs (its
/// caches are shared by the threads and survive a few plans), variants do not.
fn batch(runs: usize, work: &Path) {
    let text = std::fs::read_to_string(BRESCIA).expect("the Brescia example");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let folder = |name: &str, n: usize, variants: bool| {
        let dir = work.join(name);
        std::fs::create_dir_all(&dir).expect("writable temporary folder");
        for i in 0..n {
            let path = dir.join(format!("ente-{i:02}.json"));
            if variants {
                let plan = sintetico::variante(&json, i);
                std::fs::write(&path, serde_json::to_string_pretty(&plan).expect("JSON"))
                    .expect("writable temporary folder");
            } else {
                std::fs::copy(BRESCIA, &path).expect("copy");
            }
        }
        dir
    };
    println!("### Generazione di molti piani (mediana di {runs} esecuzioni)\n");
    println!("| piani | thread | tempo reale | per piano | tempo CPU | memoria di picco |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut speedups = Vec::new();
    for (label, variants) in [("copie identiche", false), ("varianti", true)] {
        let ten = folder(&format!("lotto-10-{variants}"), 10, variants);
        let fifty = folder(&format!("lotto-50-{variants}"), 50, variants);
        let mut walls = Vec::new();
        for (n, dir, threads) in [(10, &ten, 2), (50, &fifty, 1), (50, &fifty, 2)] {
            let mut cmd = Command::new(piano_bin());
            cmd.arg("build")
                .arg(dir)
                .arg("-j")
                .arg(threads.to_string())
                .arg("-o")
                .arg(work.join(format!("lotto-out-{n}-{threads}-{variants}")));
            let m = measure(&mut cmd, runs);
            println!(
                "| {n} {label} | {threads} | {} | {} | {} | {} MB |",
                ms(m.wall),
                ms(m.wall / n),
                ms(m.cpu),
                m.peak_kb / 1024
            );
            if n == 50 {
                walls.push(m.wall);
            }
        }
        speedups.push((label, walls[0].as_secs_f64() / walls[1].as_secs_f64()));
    }
    println!();
    for (label, s) in speedups {
        println!("Accelerazione con 2 thread ({label}): {s:.2}×  ");
    }
    println!();
}

/// `piano watch` on a copy of the example: time from the edit of one target to the
/// rewritten PDF.
fn watch(edits: usize, work: &Path) {
    let dir = work.join("watch");
    std::fs::create_dir_all(&dir).expect("writable temporary folder");
    let plan = dir.join("piano.json");
    let original = std::fs::read_to_string(BRESCIA).expect("the example");
    std::fs::write(&plan, &original).expect("writable");
    let out = dir.join("out");
    let pdf = out.join("piano-della-performance-2021-2023.pdf");
    let mut child = Command::new(piano_bin())
        .arg("watch")
        .arg(&plan)
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("piano watch runs");
    let ready = wait_for_change(&pdf, None, Duration::from_secs(120));
    assert!(ready.is_some(), "the first build did not finish");
    // The first target of the first indicator with a "SI" target, edited in turn.
    let needle = "\"2021\": \"SI\"";
    assert!(original.contains(needle));
    let mut latencies = Vec::new();
    for i in 0..edits {
        let before = std::fs::read(&pdf).ok();
        let text = original.replacen(needle, &format!("\"2021\": \"SI ({i})\""), 1);
        let start = Instant::now();
        std::fs::write(&plan, text).expect("writable");
        match wait_for_change(&pdf, before, Duration::from_secs(60)) {
            Some(()) => latencies.push(start.elapsed()),
            None => panic!("edit {i}: no rebuild within 60 s"),
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = child.kill();
    let _ = child.wait();
    latencies.sort();
    println!("### `piano watch`: dalla modifica di un target al PDF riscritto\n");
    println!(
        "{} modifiche: mediana {}, minimo {}, massimo {}\n",
        latencies.len(),
        ms(latencies[latencies.len() / 2]),
        ms(latencies[0]),
        ms(latencies[latencies.len() - 1])
    );
}

/// Polls `path` until its bytes differ from `before` (or it exists, when `None`). The
/// bytes are read only when the file's metadata changed (outputs are written by renaming
/// a new file over the old one), so that polling takes no CPU from the build it waits for.
fn wait_for_change(path: &Path, before: Option<Vec<u8>>, limit: Duration) -> Option<()> {
    use std::os::unix::fs::MetadataExt as _;
    let stamp = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .map(|m| (m.ino(), m.len(), m.mtime(), m.mtime_nsec()))
    };
    let mut seen = if before.is_some() { stamp(path) } else { None };
    let start = Instant::now();
    while start.elapsed() < limit {
        let now = stamp(path);
        if now.is_some() && now != seen {
            seen = now;
            if let Ok(bytes) = std::fs::read(path)
                && before.as_ref().is_none_or(|b| *b != bytes)
            {
                return Some(());
            }
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    None
}

/// Medians of a command's wall and CPU time over `runs`, and its largest peak memory.
struct Measure {
    wall: Duration,
    cpu: Duration,
    peak_kb: u64,
}

/// Peak memory comes from `/usr/bin/time -f %M`, which runs the command: the `ru_maxrss`
/// that `wait4` reports for a direct child also counts the memory of this (large) process
/// at the time of the spawn, since Linux carries the old address space's high-water mark
/// over `exec`; `time` is small, and reports its own child's.
// The child is reaped by `wait4` in `wait_with_usage`, which also gives its CPU time.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut Command, runs: usize) -> Measure {
    let report = tempfile::NamedTempFile::new().expect("a temporary file");
    let mut timed = Command::new(TIME);
    timed
        .args(["-f", "%M", "-o"])
        .arg(report.path())
        .arg("--")
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut peak_kb = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let child = timed.spawn().expect("/usr/bin/time runs");
        let (ok, usage) = wait_with_usage(child.id());
        walls.push(start.elapsed());
        assert!(ok, "{cmd:?} failed");
        // `wait4` includes the children `time` waited for in the CPU time.
        let cpu = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
        };
        cpus.push(cpu(usage.ru_utime) + cpu(usage.ru_stime));
        let text = std::fs::read_to_string(report.path()).expect("the report of time");
        let kb: u64 = text
            .lines()
            .rev()
            .find_map(|l| l.trim().parse().ok())
            .unwrap_or_else(|| panic!("no peak memory in {text:?}"));
        peak_kb = peak_kb.max(kb);
    }
    Measure {
        wall: median(walls),
        cpu: median(cpus),
        peak_kb,
    }
}

/// Waits for a child, returning whether it succeeded and its resource usage.
fn wait_with_usage(pid: u32) -> (bool, libc::rusage) {
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is valid; `wait4` fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is a child of this process, not yet waited for.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(r, pid as libc::pid_t, "wait4 failed");
    (
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage,
    )
}

/// The pages of the plan's PDF in `dir`.
fn pages(dir: &Path) -> usize {
    pages_of(&dir.join("piano-della-performance-2021-2023.pdf"))
}

/// The pages of a PDF file.
fn pages_of(pdf: &Path) -> usize {
    let pdf = std::fs::read(pdf).unwrap_or_default();
    lopdf::Document::load_mem(&pdf).map_or(0, |d| d.get_pages().len())
}

fn median(values: impl IntoIterator<Item = Duration>) -> Duration {
    let mut v: Vec<Duration> = values.into_iter().collect();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    piano::timings::millis(d)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/d".into())
}
