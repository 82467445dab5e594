//! A tiny deterministic generator (splitmix64): the workloads must be the same bytes on
//! every machine, so no dependency whose algorithm could change under us.

/// splitmix64.
#[derive(Debug, Clone)]
pub struct Rng(u64);

const WORDS: &[&str] = &[
    "account", "billing", "region", "status", "priority", "owner", "customer", "renewal",
    "invoice", "contract", "segment", "partner", "channel", "territory", "forecast", "quota",
    "pipeline", "service", "support", "entitlement", "asset", "warranty", "shipment", "order",
    "product", "discount", "approval", "escalation", "milestone", "survey", "campaign", "lead",
];

impl Rng {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `1/n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    /// A word of the fixed list.
    pub fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len() as u64) as usize]
    }

    /// About `len` characters of words; sometimes with a character XML must escape.
    pub fn sentence(&mut self, len: usize) -> String {
        let mut s = String::with_capacity(len + 16);
        while s.len() < len {
            if !s.is_empty() {
                s.push_str(if self.one_in(12) { " & " } else { " " });
            }
            s.push_str(self.word());
        }
        s
    }

    /// Fills `out` with random bytes.
    pub fn fill(&mut self, out: &mut [u8]) {
        for chunk in out.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}
