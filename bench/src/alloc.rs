//! A counting global allocator: the `peak` binary installs it to report the heap high-water
//! mark of one parse against the document's size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Counts live bytes, their high-water mark and the total ever allocated.
#[derive(Debug)]
pub struct Counting {
    live: AtomicUsize,
    peak: AtomicUsize,
    total: AtomicUsize,
}

impl Counting {
    /// A zeroed counter (for a `static`).
    pub const fn new() -> Self {
        Self { live: AtomicUsize::new(0), peak: AtomicUsize::new(0), total: AtomicUsize::new(0) }
    }
    /// Bytes allocated and not freed.
    pub fn live(&self) -> usize {
        self.live.load(Relaxed)
    }
    /// High-water mark of `live` since the last [`Counting::reset_peak`].
    pub fn peak(&self) -> usize {
        self.peak.load(Relaxed)
    }
    /// Bytes ever allocated (reallocations count their new size).
    pub fn total(&self) -> usize {
        self.total.load(Relaxed)
    }
    /// Starts a new measurement at the current live size.
    pub fn reset_peak(&self) {
        self.peak.store(self.live(), Relaxed);
        self.total.store(0, Relaxed);
    }
    fn grew(&self, n: usize) {
        let live = self.live.fetch_add(n, Relaxed) + n;
        self.peak.fetch_max(live, Relaxed);
        self.total.fetch_add(n, Relaxed);
    }
}

impl Default for Counting {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            self.grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        self.live.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            self.live.fetch_sub(layout.size(), Relaxed);
            self.grew(new_size);
        }
        p
    }
}
