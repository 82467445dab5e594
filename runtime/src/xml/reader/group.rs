//! Choice alternatives that are groups (a `<sequence>` or a group ref inside a `<choice>`):
//! the variant holds a generated struct of the group, and the group's elements are children
//! of the choice's owner. Each of them has an entry in the owner's table; reading one finds
//! (or starts) the occurrence of the group it belongs to and hands it to the group's own
//! `read_field`.

use super::{Reader, Start};
use crate::xml::error::ReadResult;
use crate::xml::traits::Complex;

/// The field holding a choice: required, optional or repeated.
#[derive(Debug)]
pub enum GroupSlot<'s, E> {
    /// A required choice (`E`).
    One(&'s mut E),
    /// An optional choice (`Option<E>`).
    Opt(&'s mut Option<E>),
    /// A repeated choice (`Vec<E>`): the wire order of occurrences is kept.
    Vec(&'s mut Vec<E>),
}

/// Where a group's element sits: the owner's table index of the group's first element, and
/// the element's index in the group's own table.
#[derive(Debug, Clone, Copy)]
pub struct GroupAt {
    /// Owner table index of the group's element 0.
    pub first: usize,
    /// The element's index in the group's table.
    pub k: usize,
}

impl Reader<'_> {
    /// Reads child `s`, element `at.k` of a group alternative, into the group's occurrence:
    /// the current one when it is of this alternative (and, for a repeated choice, when the
    /// previous sibling was an earlier element of the same occurrence), else a new one
    /// made by `make`. `get` picks the group out of a choice value.
    pub fn group<E, G: Complex>(
        &mut self,
        s: &Start<'_>,
        slot: GroupSlot<'_, E>,
        at: GroupAt,
        get: fn(&mut E) -> Option<&mut G>,
        make: fn() -> E,
    ) -> ReadResult {
        let group = match slot {
            GroupSlot::One(v) => {
                if get(v).is_none() {
                    *v = make();
                }
                get(v)
            }
            GroupSlot::Opt(v) => {
                if v.as_mut().and_then(get).is_none() {
                    *v = Some(make());
                }
                v.as_mut().and_then(get)
            }
            GroupSlot::Vec(v) => {
                let cont = self.continues::<G>(at);
                if !cont || v.last_mut().and_then(get).is_none() {
                    v.push(make());
                }
                v.last_mut().and_then(get)
            }
        };
        match group {
            Some(g) => g.read_field(at.k, self, s),
            // `make` built another alternative than `get` picks: a generator bug; the
            // element is skipped rather than misread.
            None => self.skip(s),
        }
    }

    /// True when the previous sibling belongs to the same occurrence of the group: an
    /// earlier element of it, or this element again where it may repeat.
    fn continues<G: Complex>(&self, at: GroupAt) -> bool {
        let repeats = G::INFO.fields.get(at.k).is_some_and(|f| f.is_repeated());
        let this = at.first + at.k;
        self.prev_field
            .is_some_and(|j| j >= at.first && (j < this || (j == this && repeats)))
    }
}
