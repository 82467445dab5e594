//! The decode budget: a bound on the memory the values read may take, so a small answer
//! cannot make the decoder allocate many times its size (33 bytes of XML can stand for a
//! struct of kilobytes; see docs/RELIABILITY.md).
//!
//! The reader charges what it materialises: the size of each boxed value, the capacity
//! each repeated field grows by, the length of each string, byte string and captured XML.
//! Inline fields are part of their parent's size. The charge is approximate (allocator
//! overhead and the small values of `Vec` growth are not counted) and cheap: an addition
//! and a comparison per allocation.

use super::Reader;
use crate::xml::error::{DecodeErrorKind, ReadResult};

/// Default decode budget per byte of document. The measured legitimate ratio is far lower
/// (a 50 MB readMetadata of 200 objects materialises about 3 bytes per byte read); answers
/// above 16 are the hostile shapes (empty records of large types), which this stops early.
pub const DEFAULT_BUDGET_PER_BYTE: u64 = 16;

/// Default least decode budget: small answers may hold a few empty records of large types
/// (a readMetadata of a missing name answers `<records xsi:type="CustomObject"/>`: 36 bytes
/// for a 3 KB struct), so the proportional bound alone would refuse them.
pub const DEFAULT_BUDGET_FLOOR: u64 = 64 << 20;

impl Reader<'_> {
    /// Charges `bytes` of materialised value against the decode budget; past it, a
    /// [`DecodeErrorKind::BudgetExceeded`] error at the current element.
    #[inline]
    pub fn charge(&mut self, bytes: usize) -> ReadResult {
        self.spent = self.spent.saturating_add(bytes as u64);
        if self.spent > self.budget {
            return Err(self.budget_exceeded());
        }
        Ok(())
    }

    /// Bytes charged so far.
    pub fn charged(&self) -> u64 {
        self.spent
    }

    #[cold]
    fn budget_exceeded(&self) -> crate::xml::DecodeError {
        self.err(DecodeErrorKind::BudgetExceeded { limit: self.budget })
    }

    /// Makes room for one more item of a repeated field, growing it by half (not doubling:
    /// 300 items then hold at most 316 slots, not 512) and charging the growth.
    #[inline]
    pub(super) fn reserve_item<T>(&mut self, slot: &mut Vec<T>) -> ReadResult {
        if slot.len() == slot.capacity() {
            let more = (slot.capacity() / 2).max(4);
            self.charge(more.saturating_mul(size_of::<T>()))?;
            slot.reserve_exact(more);
        }
        Ok(())
    }
}
