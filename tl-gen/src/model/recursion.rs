//! Recursion: the fields that need a `Box` because their type can contain
//! the definition itself.

use super::ir::*;

/// Marks the fields that must be boxed because their type can contain the
/// definition itself (directly or through other types). Vectors already
/// give indirection, so references inside a vector never need a box.
pub fn mark_recursion(schema: &mut Schema) {
    // Nodes: constructors 0..n, boxed types n..n+m.
    let n = schema.constructors.len();
    let node_count = n + schema.boxed_types.len();
    let target = |ty: &TypeRef, schema: &Schema| -> Option<usize> {
        match ty {
            TypeRef::Boxed(name) => schema.boxed_index.get(name).map(|i| n + i),
            TypeRef::Bare(name) => schema.constructor_index.get(name).copied(),
            _ => None,
        }
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for (index, ctor) in schema.constructors.iter().enumerate() {
        for param in &ctor.params {
            if let ParamKind::Value { ty, .. } = &param.kind {
                if let Some(t) = target(ty, schema) {
                    edges[index].push(t);
                }
            }
        }
    }
    for (index, boxed) in schema.boxed_types.iter().enumerate() {
        edges[n + index].extend(boxed.constructors.iter().copied());
    }
    let component = strongly_connected_components(&edges);

    let mut updates: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for (index, ctor) in schema.constructors.iter().enumerate() {
        for (field_index, field) in ctor.fields.iter().enumerate() {
            let needs_box = |param: usize| {
                ctor.value_type(param)
                    .and_then(|ty| target(ty, schema))
                    .is_some_and(|t| component[t] == component[index])
            };
            match field {
                Field::Required { param, .. } | Field::Optional { param, .. } => {
                    if needs_box(*param) {
                        updates.push((index, field_index, None));
                    }
                }
                Field::Group { members, .. } => {
                    for (at, member) in members.iter().enumerate() {
                        if needs_box(member.param) {
                            updates.push((index, field_index, Some(at)));
                        }
                    }
                }
                Field::Bit { .. } => {}
            }
        }
    }
    for (ctor, field, member) in updates {
        match (&mut schema.constructors[ctor].fields[field], member) {
            (Field::Required { boxed, .. } | Field::Optional { boxed, .. }, None) => *boxed = true,
            (Field::Group { members, .. }, Some(at)) => members[at].boxed = true,
            _ => {}
        }
    }
}

/// Tarjan's algorithm, iterative; returns the component number of each node.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let count = edges.len();
    let mut index_of = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; count];
    let mut next_index = 0;
    let mut next_component = 0;

    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        // (node, next edge to visit)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index_of[node] == usize::MAX {
                index_of[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index_of[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}
