//! Wall time spent in each stage of a build: printed by `--tempi` and by `piano watch`
//! after every rebuild, and read by the benchmarks.

use std::fmt;
use std::time::{Duration, Instant};

/// A stage of the pipeline, as timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Reading, parsing and checking the plan (`load` and `validate`).
    Load,
    /// Building the view model (codes, effective weights, totals).
    View,
    /// Rendering the Typst templates.
    Render,
    /// Typst compilation: evaluation and layout.
    Compile,
    /// PDF export of the laid-out document.
    Pdf,
    /// Rendering the HTML pages.
    Html,
    /// The open data files (CSV, JSON).
    OpenData,
    /// Writing the outputs.
    Write,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 8] = [
        Stage::Load,
        Stage::View,
        Stage::Render,
        Stage::Compile,
        Stage::Pdf,
        Stage::Html,
        Stage::OpenData,
        Stage::Write,
    ];

    /// The stage's name as users read it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "lettura e controlli",
            Stage::View => "vista",
            Stage::Render => "modelli Typst",
            Stage::Compile => "composizione",
            Stage::Pdf => "PDF",
            Stage::Html => "HTML",
            Stage::OpenData => "dati aperti",
            Stage::Write => "scrittura",
        }
    }
}

/// Time accumulated per stage (a stage run once per document adds up).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    spent: [Duration; Stage::ALL.len()],
    /// Time during which stages ran at once (documents compiled in parallel): the sum of
    /// the stages less this is the wall time.
    overlap: Duration,
}

impl Timings {
    /// Runs `f`, adding its wall time to `stage`.
    pub fn time<T>(&mut self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.spent[stage as usize] += start.elapsed();
        out
    }

    /// The time spent in `stage`.
    pub fn get(&self, stage: Stage) -> Duration {
        self.spent[stage as usize]
    }

    /// The wall time spent in all stages: their sum, less the time they ran in parallel.
    pub fn total(&self) -> Duration {
        self.spent
            .iter()
            .sum::<Duration>()
            .saturating_sub(self.overlap)
    }

    /// Records that stages ran in parallel for `d` (on several threads at once).
    pub fn overlapped(&mut self, d: Duration) {
        self.overlap += d;
    }

    /// Adds another build's timings to these (for totals over many builds).
    pub fn add(&mut self, other: &Timings) {
        for (a, b) in self.spent.iter_mut().zip(other.spent) {
            *a += b;
        }
        self.overlap += other.overlap;
    }
}

/// `lettura e controlli 12 ms · vista 1 ms · ...`: the stages that took any time.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for stage in Stage::ALL {
            let d = self.get(stage);
            if d.is_zero() {
                continue;
            }
            if !first {
                f.write_str(" · ")?;
            }
            first = false;
            write!(f, "{} {}", stage.name(), millis(d))?;
        }
        Ok(())
    }
}

/// A duration in milliseconds, the Italian way: `12 ms`, `1.234 ms`.
pub fn millis(d: Duration) -> String {
    let ms = d.as_millis();
    if ms >= 1000 {
        format!("{}.{:03} ms", ms / 1000, ms % 1000)
    } else {
        format!("{ms} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_and_print_in_pipeline_order() {
        let mut t = Timings::default();
        t.spent[Stage::Pdf as usize] = Duration::from_millis(30);
        t.spent[Stage::Load as usize] = Duration::from_millis(5);
        t.time(Stage::View, || ());
        t.spent[Stage::View as usize] = Duration::ZERO;
        let mut u = Timings::default();
        u.spent[Stage::Pdf as usize] = Duration::from_millis(1200);
        t.add(&u);
        assert_eq!(t.total(), Duration::from_millis(1235));
        assert_eq!(t.to_string(), "lettura e controlli 5 ms · PDF 1.230 ms");
    }
}
