//! The solver proves a scenario playable: from the start, some sequence of (harmless) actions
//! reveals every clue that leads to the root cause and ends the impact before the scenario ends.
//! It finds the sequence that gets there soonest on the simulated clock.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use serde::Serialize;

use crate::diagnostic::{Reporter, said};
use crate::model::*;
use crate::spans::Path;
use crate::time::SimTime;

/// Searches give up after this many states (no shipped scenario comes near it).
pub const MAX_STATES: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub action: String,
    pub label: String,
    pub start: SimTime,
    pub end: SimTime,
}

/// The quickest way through a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    pub steps: Vec<Step>,
    /// When each root-cause clue is revealed.
    pub clues: Vec<(String, SimTime)>,
    /// When the impact ends.
    pub mitigated_at: SimTime,
    /// When both are done.
    pub solved_at: SimTime,
    /// States the search looked at.
    pub explored: usize,
}

impl Solution {
    /// A human-readable account of the path, for `validate --explain`.
    pub fn explain(&self) -> String {
        let mut out = format!(
            "shortest solving path: {} action(s), solved at {} (impact ends at {})\n",
            self.steps.len(),
            self.solved_at,
            self.mitigated_at
        );
        for (n, s) in self.steps.iter().enumerate() {
            out.push_str(&format!(
                "  {:>2}. [{} -> {}] {} ({})\n",
                n + 1,
                s.start.clock(),
                s.end.clock(),
                s.label,
                s.action
            ));
        }
        for (c, t) in &self.clues {
            out.push_str(&format!("      clue `{c}` revealed at {}\n", t.clock()));
        }
        out
    }
}

/// Why a scenario cannot be solved.
#[derive(Debug, Clone, PartialEq)]
pub enum Unsolvable {
    /// Nothing (reachable without harm) ever reveals this root-cause clue.
    ClueNeverRevealed { clue: String, index: usize },
    /// No action ends the impact.
    NoMitigation,
    /// Mitigating actions exist but their requirements can never be met.
    MitigationUnreachable,
    /// Everything can be done, but not before the end.
    TooLate { earliest: SimTime, end: SimTime },
    /// The search gave up.
    SearchLimit,
}

impl Unsolvable {
    pub fn report(&self, rep: &mut Reporter) {
        let root = Path::root();
        match self {
            Unsolvable::ClueNeverRevealed { clue, index } => rep.error(
                "unsolvable",
                &root.f("root_cause").f("clues").i(*index),
                format!("the scenario cannot be solved: clue `{clue}` can never be revealed"),
                said().help("reveal it from an action or an inject whose requirements can be met without harmful actions"),
            ),
            Unsolvable::NoMitigation => rep.error(
                "unsolvable",
                &root.f("actions"),
                "the scenario cannot be solved: no action ends the impact",
                said().help("give the real fix `mitigates: \"2m\"` (the impact ends that long after it completes)"),
            ),
            Unsolvable::MitigationUnreachable => rep.error(
                "unsolvable",
                &root.f("actions"),
                "the scenario cannot be solved: no mitigating action can ever be taken (its requirements are never met)",
                said(),
            ),
            Unsolvable::TooLate { earliest, end } => rep.error(
                "unsolvable",
                &root.f("duration"),
                format!("the scenario cannot be solved in time: the earliest the clues are found and the impact ended is {earliest}, but the scenario ends at {end}"),
                said().help("make `duration` longer, or actions cheaper"),
            ),
            Unsolvable::SearchLimit => rep.error(
                "unsolvable",
                &root.f("actions"),
                format!("the solver gave up after {MAX_STATES} states"),
                said().help("simplify the action graph"),
            ),
        }
    }
}

/// The scenario's rules, turned into indices once.
struct Rules<'s> {
    sc: &'s Scenario,
    /// Per action: clue indices it reveals on completion.
    action_clues: Vec<Vec<usize>>,
    action_reqs: Vec<Vec<Req>>,
    /// Per inject: its trigger and the clues it reveals.
    inject_trigger: Vec<Trig>,
    inject_clues: Vec<Vec<usize>>,
    root_clues: Vec<usize>,
}

#[derive(Clone, Copy)]
enum Req {
    Action(usize),
    Clue(usize),
    Inject(usize),
}

#[derive(Clone, Copy)]
enum Trig {
    At(SimTime),
    AfterAction(usize, SimTime),
    AfterInject(usize, SimTime),
    IfNotMitigated(SimTime),
    Never,
}

fn clue_reveals<'e>(effects: impl Iterator<Item = &'e Effect>) -> impl Iterator<Item = &'e str> {
    effects.filter_map(|e| match e {
        Effect::Reveal(Reveal::Clue(c)) => Some(c.as_str()),
        _ => None,
    })
}

impl<'s> Rules<'s> {
    fn new(sc: &'s Scenario) -> Self {
        let clue: HashMap<&str, usize> = sc
            .clues
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let action: HashMap<&str, usize> = sc
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let inject: HashMap<&str, usize> = sc
            .injects
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        let action_clues = sc
            .actions
            .iter()
            .map(|a| {
                let direct = a.reveals.iter().filter_map(|r| match r {
                    Reveal::Clue(c) => Some(c.as_str()),
                    _ => None,
                });
                direct
                    .chain(clue_reveals(a.effects.iter()))
                    .filter_map(|c| clue.get(c).copied())
                    .collect()
            })
            .collect();
        let action_reqs = sc
            .actions
            .iter()
            .map(|a| {
                a.requires
                    .iter()
                    .map(|r| match r {
                        Requirement::Action(x) => action.get(x.as_str()).map(|&i| Req::Action(i)),
                        Requirement::Clue(x) => clue.get(x.as_str()).map(|&i| Req::Clue(i)),
                        Requirement::Inject(x) => inject.get(x.as_str()).map(|&i| Req::Inject(i)),
                    })
                    .map(|r| r.unwrap_or(Req::Inject(usize::MAX)))
                    .collect()
            })
            .collect();
        let inject_trigger = sc
            .injects
            .iter()
            .map(|x| match &x.when {
                Trigger::At(t) => Trig::At(*t),
                Trigger::AfterAction { action: a, delay } => action
                    .get(a.as_str())
                    .map_or(Trig::Never, |&i| Trig::AfterAction(i, *delay)),
                Trigger::AfterInject { inject: j, delay } => inject
                    .get(j.as_str())
                    .map_or(Trig::Never, |&i| Trig::AfterInject(i, *delay)),
                Trigger::IfNotMitigated { by } => Trig::IfNotMitigated(*by),
                Trigger::Held => Trig::Never,
            })
            .collect();
        let inject_clues = sc
            .injects
            .iter()
            .map(|x| {
                clue_reveals(x.effects.iter())
                    .filter_map(|c| clue.get(c).copied())
                    .collect()
            })
            .collect();
        let root_clues = sc
            .root_cause
            .clues
            .iter()
            .filter_map(|c| clue.get(c.as_str()).copied())
            .collect();
        Rules {
            sc,
            action_clues,
            action_reqs,
            inject_trigger,
            inject_clues,
            root_clues,
        }
    }

    /// What the world looks like given when each action completes (`None`: not taken).
    fn world(&self, done: &[Option<SimTime>]) -> World {
        let sc = self.sc;
        let mitigated = sc
            .actions
            .iter()
            .zip(done)
            .filter_map(|(a, d)| Some(d.as_ref()?.saturating_add(a.mitigates?)))
            .min();
        let mut fired: Vec<Option<SimTime>> = vec![None; sc.injects.len()];
        // AfterInject chains settle in at most one pass per inject.
        for _ in 0..=sc.injects.len() {
            let mut changed = false;
            for (i, trig) in self.inject_trigger.iter().enumerate() {
                let t = match *trig {
                    Trig::At(t) => Some(t),
                    Trig::AfterAction(a, d) => done[a].map(|x| x + d),
                    Trig::AfterInject(j, d) => fired[j].map(|x| x + d),
                    Trig::IfNotMitigated(by) => (mitigated.is_none_or(|m| m > by)).then_some(by),
                    Trig::Never => None,
                };
                if t != fired[i] {
                    fired[i] = t;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut clue_at: Vec<Option<SimTime>> = vec![None; sc.clues.len()];
        let mut note = |c: usize, t: SimTime| {
            if clue_at[c].is_none_or(|x| t < x) {
                clue_at[c] = Some(t);
            }
        };
        for (a, d) in done.iter().enumerate() {
            if let Some(t) = d {
                for &c in &self.action_clues[a] {
                    note(c, *t);
                }
            }
        }
        for (i, f) in fired.iter().enumerate() {
            if let Some(t) = f {
                for &c in &self.inject_clues[i] {
                    note(c, *t);
                }
            }
        }
        World {
            done: done.to_vec(),
            fired,
            clue_at,
            mitigated,
        }
    }

    /// When action `a` becomes available in `w` (`None`: not with what is scheduled so far).
    fn available_at(&self, a: usize, w: &World) -> Option<SimTime> {
        let mut at = SimTime::ZERO;
        for r in &self.action_reqs[a] {
            let t = match *r {
                Req::Action(x) => w.done[x],
                Req::Clue(x) => w.clue_at[x],
                Req::Inject(x) => w.fired.get(x).copied().flatten(),
            }?;
            at = at.max(t);
        }
        Some(at)
    }

    /// When the goal is met in `w`: every root clue revealed and the impact ended.
    fn goal(&self, w: &World) -> Option<SimTime> {
        let mut t = w.mitigated?;
        for &c in &self.root_clues {
            t = t.max(w.clue_at[c]?);
        }
        Some(t)
    }

    /// Actions worth trying: those that (transitively) help reveal a root clue or end the impact.
    fn useful(&self) -> Vec<usize> {
        let sc = self.sc;
        let (na, ni, nc) = (sc.actions.len(), sc.injects.len(), sc.clues.len());
        let mut clue = vec![false; nc];
        let mut act = vec![false; na];
        let mut inj = vec![false; ni];
        for &c in &self.root_clues {
            clue[c] = true;
        }
        loop {
            let mut changed = false;
            let mut set = |flag: &mut bool| {
                if !*flag {
                    *flag = true;
                    changed = true;
                }
            };
            for (flag, clues) in inj.iter_mut().zip(&self.inject_clues) {
                if clues.iter().any(|&c| clue[c]) {
                    set(flag);
                }
            }
            for i in 0..ni {
                if inj[i] {
                    match self.inject_trigger[i] {
                        Trig::AfterAction(a, _) => set(&mut act[a]),
                        Trig::AfterInject(j, _) => set(&mut inj[j]),
                        _ => {}
                    }
                }
            }
            for a in 0..na {
                if sc.actions[a].mitigates.is_some()
                    || self.action_clues[a].iter().any(|&c| clue[c])
                {
                    set(&mut act[a]);
                }
                if act[a] {
                    for r in &self.action_reqs[a] {
                        match *r {
                            Req::Action(x) => set(&mut act[x]),
                            Req::Clue(x) => set(&mut clue[x]),
                            Req::Inject(x) if x < ni => set(&mut inj[x]),
                            Req::Inject(_) => {}
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        (0..na)
            .filter(|&a| act[a] && !sc.actions[a].harmful)
            .collect()
    }
}

struct World {
    done: Vec<Option<SimTime>>,
    fired: Vec<Option<SimTime>>,
    clue_at: Vec<Option<SimTime>>,
    mitigated: Option<SimTime>,
}

#[derive(Clone)]
struct Node {
    t: SimTime,
    steps: Vec<(usize, SimTime, SimTime)>,
}

/// Find the quickest way to solve the scenario, or say why there is none.
pub fn solve(sc: &Scenario) -> Result<Solution, Unsolvable> {
    let rules = Rules::new(sc);
    let useful = rules.useful();
    let end = sc.duration;
    let words = useful.len().div_ceil(64).max(1);
    let slot: HashMap<usize, usize> = useful.iter().enumerate().map(|(k, &a)| (a, k)).collect();

    let mut heap: BinaryHeap<Reverse<(SimTime, u64)>> = BinaryHeap::new();
    let mut nodes: Vec<Node> = vec![Node {
        t: SimTime::ZERO,
        steps: Vec::new(),
    }];
    heap.push(Reverse((SimTime::ZERO, 0)));
    let mut visited: HashSet<Vec<u64>> = HashSet::new();
    let mut best: Option<(SimTime, usize)> = None;
    let mut explored = 0usize;

    while let Some(Reverse((t, id))) = heap.pop() {
        if best.is_some_and(|(b, _)| t >= b) {
            break;
        }
        let node = nodes[id as usize].clone();
        let mut key = vec![0u64; words];
        for &(a, _, _) in &node.steps {
            key[slot[&a] / 64] |= 1 << (slot[&a] % 64);
        }
        if !visited.insert(key) {
            continue;
        }
        explored += 1;
        if explored > MAX_STATES {
            return Err(Unsolvable::SearchLimit);
        }
        let mut done = vec![None; sc.actions.len()];
        for &(a, _, e) in &node.steps {
            done[a] = Some(e);
        }
        let w = rules.world(&done);
        if let Some(g) = rules.goal(&w)
            && g <= end
            && best.is_none_or(|(b, _)| g < b)
        {
            best = Some((g, id as usize));
        }
        for &a in &useful {
            if done[a].is_some() {
                continue;
            }
            let Some(avail) = rules.available_at(a, &w) else {
                continue;
            };
            let start = node.t.max(avail);
            let finish = start + sc.actions[a].cost;
            if finish > end || !worth_taking(&rules, a, &w, &useful, finish) {
                continue;
            }
            let mut steps = node.steps.clone();
            steps.push((a, start, finish));
            nodes.push(Node { t: finish, steps });
            heap.push(Reverse((finish, (nodes.len() - 1) as u64)));
        }
    }

    match best {
        Some((solved_at, id)) => {
            let node = &nodes[id];
            let mut done = vec![None; sc.actions.len()];
            for &(a, _, e) in &node.steps {
                done[a] = Some(e);
            }
            let w = rules.world(&done);
            Ok(Solution {
                steps: node
                    .steps
                    .iter()
                    .map(|&(a, s, e)| Step {
                        action: sc.actions[a].id.clone(),
                        label: sc.actions[a].label.clone(),
                        start: s,
                        end: e,
                    })
                    .collect(),
                clues: rules
                    .root_clues
                    .iter()
                    .map(|&c| (sc.clues[c].id.clone(), w.clue_at[c].unwrap_or(SimTime::MAX)))
                    .collect(),
                mitigated_at: w.mitigated.unwrap_or(SimTime::MAX),
                solved_at,
                explored,
            })
        }
        None => Err(why_unsolvable(&rules)),
    }
}

/// Prune actions that would add nothing in this state: taking `a` from `start` to `finish` must
/// reveal a clue sooner, end the impact sooner, unlock another useful action, or fire an inject.
fn worth_taking(rules: &Rules, a: usize, w: &World, useful: &[usize], finish: SimTime) -> bool {
    let act = &rules.sc.actions[a];
    if let Some(delay) = act.mitigates
        && w.mitigated.is_none_or(|m| m > finish + delay)
    {
        return true;
    }
    if rules.action_clues[a]
        .iter()
        .any(|&c| w.clue_at[c].is_none_or(|t| t > finish))
    {
        return true;
    }
    let needed = useful.iter().any(|&b| {
        b != a
            && w.done[b].is_none()
            && rules.action_reqs[b]
                .iter()
                .any(|r| matches!(*r, Req::Action(x) if x == a))
    });
    let triggers = rules
        .inject_trigger
        .iter()
        .enumerate()
        .any(|(i, t)| matches!(*t, Trig::AfterAction(x, _) if x == a) && w.fired[i].is_none());
    needed || triggers
}

/// Explain a failed search: take every harmless action as soon as it can be, ignoring that the
/// trainee does one thing at a time, and see what is still missing.
fn why_unsolvable(rules: &Rules) -> Unsolvable {
    let sc = rules.sc;
    let mut done: Vec<Option<SimTime>> = vec![None; sc.actions.len()];
    for _ in 0..=sc.actions.len() {
        let w = rules.world(&done);
        let mut changed = false;
        for (a, action) in sc.actions.iter().enumerate() {
            if action.harmful || done[a].is_some() {
                continue;
            }
            if let Some(at) = rules.available_at(a, &w) {
                done[a] = Some(at + action.cost);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let w = rules.world(&done);
    for (index, id) in sc.root_cause.clues.iter().enumerate() {
        let found = sc
            .clues
            .iter()
            .position(|c| &c.id == id)
            .and_then(|c| w.clue_at[c]);
        if found.is_none() {
            return Unsolvable::ClueNeverRevealed {
                clue: id.clone(),
                index,
            };
        }
    }
    if w.mitigated.is_none() {
        return if sc
            .actions
            .iter()
            .any(|a| a.mitigates.is_some() && !a.harmful)
        {
            Unsolvable::MitigationUnreachable
        } else {
            Unsolvable::NoMitigation
        };
    }
    match rules.goal(&w) {
        Some(earliest) if earliest > sc.duration => Unsolvable::TooLate {
            earliest,
            end: sc.duration,
        },
        // Possible in parallel, not one action at a time.
        Some(earliest) => Unsolvable::TooLate {
            earliest: earliest.max(sc.duration + SimTime::from_secs(1)),
            end: sc.duration,
        },
        None => Unsolvable::SearchLimit,
    }
}
