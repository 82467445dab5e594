//! Peak-memory probes: a case runs alone in a child process (the test binary started again
//! with one test selected), which reports its peak resident set size (`VmHWM`) measured
//! from just before the case to its end. Isolated processes keep parallel tests from
//! blurring each other's figures, and a case that blows up kills only its child.

use std::process::Command;

/// The environment variable that tells a child which case to run.
pub const CHILD_ENV: &str = "RELIABILITY_MEMORY_CASE";

/// The line prefix a child reports its figures with.
const MARKER: &str = "RELIABILITY-MEMORY";

/// What a child reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peak {
    /// Resident set size when the case started (after the process' own setup), bytes.
    pub start_rss: u64,
    /// Peak resident set size while the case ran, bytes.
    pub peak_rss: u64,
}

impl Peak {
    /// How much the case grew the resident set at its peak, bytes.
    pub fn growth(&self) -> u64 {
        self.peak_rss.saturating_sub(self.start_rss)
    }
}

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
pub fn status_bytes(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak (`VmHWM`) to the current RSS (Linux: `5` into `clear_refs`) and returns
/// the current RSS.
pub fn reset_peak() -> u64 {
    // Best effort: where clear_refs is unavailable the peak covers the whole process,
    // which only makes the bound checked stricter.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    status_bytes("VmRSS").unwrap_or(0)
}

/// The case this process must run as a child, if it is one.
pub fn child_case() -> Option<String> {
    std::env::var(CHILD_ENV).ok()
}

/// In a child: prints the figures for the parent to read.
pub fn report(start_rss: u64) {
    let peak = status_bytes("VmHWM").unwrap_or(0);
    println!("{MARKER} {start_rss} {peak}");
}

/// In the parent: runs test `test` of this test binary in a child process with
/// [`CHILD_ENV`] set to `case`, and returns the peak it reported.
pub fn run_child(test: &str, case: &str) -> Result<Peak, String> {
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let out = Command::new(exe)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, case)
        .output()
        .map_err(|e| format!("cannot start the child: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!(
            "child for {case} failed ({}):\n{stdout}\n{stderr}",
            out.status
        ));
    }
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(MARKER))
        .ok_or_else(|| format!("child for {case} reported nothing:\n{stdout}\n{stderr}"))?;
    let mut nums = line.split_whitespace().map(str::parse::<u64>);
    match (nums.next(), nums.next()) {
        (Some(Ok(start_rss)), Some(Ok(peak_rss))) => Ok(Peak {
            start_rss,
            peak_rss,
        }),
        _ => Err(format!("child for {case} reported {line:?}")),
    }
}

/// `n` bytes as MiB with one decimal, for messages.
pub fn mib(n: u64) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}
