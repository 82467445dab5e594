//! Captures all tracing output (every level) as text.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// A shared buffer that formatted log lines are written into.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs a TRACE-level subscriber for the whole process (call once per test binary).
pub fn capture_all() -> Captured {
    let captured = Captured::default();
    let c = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || c.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("one subscriber per test binary");
    captured
}
