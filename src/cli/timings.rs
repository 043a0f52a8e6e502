//! `--timings` (hidden, for `benches/pipeline.rs`): how long each phase of a
//! run took and the process's peak resident memory, printed on stderr as
//! `timing <phase> <microseconds> <peak RSS so far, kB>` lines and
//! `peak-rss-kb <kB>`.

use std::time::{Duration, Instant};

/// Phase laps of one run; records nothing when disabled.
pub struct Timings {
    enabled: bool,
    start: Instant,
    last: Instant,
    laps: Vec<(String, Duration, u64)>,
}

impl Timings {
    pub fn new(enabled: bool) -> Timings {
        let now = Instant::now();
        Timings { enabled, start: now, last: now, laps: Vec::new() }
    }

    /// Ends the phase called `phase` (started where the previous one ended).
    pub fn lap(&mut self, phase: &str) {
        if self.enabled {
            let now = Instant::now();
            self.laps.push((phase.to_owned(), now - self.last, peak_rss_kb().unwrap_or(0)));
            // Reading /proc is not part of the next phase.
            self.last = Instant::now();
        }
    }

    /// Records a phase timed elsewhere (on a worker thread), without ending
    /// the current lap.
    pub fn record(&mut self, phase: &str, took: Duration) {
        if self.enabled {
            self.laps.push((phase.to_owned(), took, peak_rss_kb().unwrap_or(0)));
        }
    }

    /// Prints every lap, the total and the peak RSS.
    pub fn report(&self) {
        if !self.enabled {
            return;
        }
        let mut out = String::new();
        for (phase, d, kb) in &self.laps {
            out.push_str(&format!("timing {phase} {} {kb}\n", d.as_micros()));
        }
        let kb = peak_rss_kb().unwrap_or(0);
        out.push_str(&format!("timing total {} {kb}\n", self.start.elapsed().as_micros()));
        out.push_str(&format!("peak-rss-kb {kb}\n"));
        eprint!("{out}");
    }
}

/// `VmHWM` of /proc/self/status (Linux); `None` elsewhere.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
