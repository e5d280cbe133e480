//! The dependency graph of services.

use std::collections::HashMap;

use super::{IdKind, Validator};
use crate::diagnostic::said;
use crate::spans::Path;

impl Validator<'_, '_, '_> {
    pub(super) fn services(&mut self, root: &Path) {
        let sc = self.sc;
        if sc.services.is_empty() {
            self.rep.error(
                "empty-list",
                &root.f("services"),
                "the scenario has no services",
                said().expected("at least one `Service(...)`"),
            );
        }
        for (i, s) in sc.services.iter().enumerate() {
            let p = root.f("services").i(i);
            for (j, d) in s.depends_on.iter().enumerate() {
                if self.reference(IdKind::Service, d, &p.f("depends_on").i(j)) && d == &s.id {
                    self.rep.error(
                        "dependency-cycle",
                        &p.f("depends_on").i(j),
                        format!("service `{}` depends on itself", s.id),
                        said(),
                    );
                }
            }
            if let Some(o) = &s.owner {
                self.reference(IdKind::Persona, o, &p.f("owner"));
            }
        }
        // Cycles in the dependency graph.
        let index: HashMap<&str, usize> = sc
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut state = vec![0u8; sc.services.len()];
        for start in 0..sc.services.len() {
            if state[start] != 0 {
                continue;
            }
            // Iterative DFS: (node, next edge).
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some(&mut (n, ref mut e)) = stack.last_mut() {
                let deps = &sc.services[n].depends_on;
                if *e < deps.len() {
                    let edge = *e;
                    *e += 1;
                    let Some(&m) = index.get(deps[edge].as_str()) else {
                        continue;
                    };
                    if m == n {
                        continue;
                    }
                    if state[m] == 1 {
                        let names: Vec<&str> = stack
                            .iter()
                            .map(|(k, _)| sc.services[*k].id.as_str())
                            .skip_while(|id| *id != sc.services[m].id)
                            .collect();
                        self.rep.error(
                            "dependency-cycle",
                            &root.f("services").i(n).f("depends_on").i(edge),
                            format!(
                                "service dependencies go round in a circle: {} -> {}",
                                names.join(" -> "),
                                sc.services[m].id
                            ),
                            said().expected("dependencies that form no cycle"),
                        );
                    } else if state[m] == 0 {
                        state[m] = 1;
                        stack.push((m, 0));
                    }
                } else {
                    state[n] = 2;
                    stack.pop();
                }
            }
        }
    }
}
