//! Recursive types: a struct that holds itself by value (directly or through other structs'
//! required or optional fields) has infinite size. A depth-first walk in arena order boxes
//! exactly the fields that close a cycle (back edges); `Vec` and the boxed `Any*` variants
//! already break cycles and are not edges.

use std::collections::{BTreeMap, BTreeSet};

use super::Id;
use super::fields::RawField;

/// The `(struct, field index)` pairs to box.
pub fn back_edges(fields: &BTreeMap<Id, Vec<RawField>>) -> BTreeSet<(Id, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let mut state: BTreeMap<Id, State> = fields.keys().map(|&k| (k, State::New)).collect();
    let mut boxed = BTreeSet::new();
    for &root in fields.keys() {
        if state[&root] != State::New {
            continue;
        }
        // (node, next field index to look at)
        let mut stack = vec![(root, 0usize)];
        state.insert(root, State::OnStack);
        while let Some(top) = stack.last_mut() {
            let (node, i) = *top;
            let fs = &fields[&node];
            if i == fs.len() {
                state.insert(node, State::Done);
                stack.pop();
                continue;
            }
            top.1 += 1;
            let Some(target) = fs[i].target else { continue };
            match state.get(&target).copied() {
                Some(State::New) => {
                    state.insert(target, State::OnStack);
                    stack.push((target, 0));
                }
                Some(State::OnStack) => {
                    boxed.insert((node, i));
                }
                Some(State::Done) | None => {}
            }
        }
    }
    boxed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Occurs, Ty};

    fn field(target: Option<Id>) -> RawField {
        RawField {
            xml: None,
            ty: Ty::Named("X".into()),
            target,
            refs: target.into_iter().collect(),
            choice: Vec::new(),
            occurs: Occurs::Optional,
            nillable: false,
            doc: None,
        }
    }

    #[test]
    fn boxes_self_and_mutual_cycles_once() {
        let mut g = BTreeMap::new();
        g.insert(0, vec![field(Some(0)), field(Some(1))]);
        g.insert(1, vec![field(Some(2))]);
        g.insert(2, vec![field(Some(1)), field(None)]);
        g.insert(3, vec![field(Some(2))]);
        let boxed = back_edges(&g);
        assert_eq!(boxed.into_iter().collect::<Vec<_>>(), vec![(0, 0), (2, 0)]);
    }
}
