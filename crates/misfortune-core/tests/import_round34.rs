//! Round thirty-four of the held-out measurements, in the project's own words: a debugging
//! story with no heading and no time (what was checked and passed, what was found, what was
//! changed and what it cured), and a home server's outage under "### Issues Found:" labels.

use misfortune_core::author;

#[test]
fn a_headless_debugging_story_gives_its_finding_its_ruled_out_checks_and_its_change() {
    let text = "\
At a branch office a few laptops were having intermittent issues. Two machines set up the same way behaved differently: one got an address and the other did not.

The logs showed offers followed by new discovers, which looked like a loop. I checked the DHCP scopes, the router's relay settings and the controller configs. Checks passed.

But then I found that frames were being fragmented between the router and the access points.

I created a new access point profile with a smaller MTU of 1400. Once the access points came back up, the laptops got addresses at once.
";
    let i = author::import_markdown("wifi.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.root_cause.as_deref(),
        Some(
            "Then I found that frames were being fragmented between the router and the access points."
        )
    );
    let g = &sk.game;
    let theories: Vec<&str> = g.theories.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(theories, ["DHCP scopes"]);
    let fix = g.fix.as_ref().map(|f| f.quote.as_str()).unwrap_or_default();
    assert!(
        fix.starts_with("I created a new access point profile"),
        "{fix}"
    );
}

#[test]
fn a_24_hour_time_with_a_stray_pm_stays_that_hour() {
    let text = "# Monthly outage review

## Timeline

- 20:50pm - Severe errors began
- 21:38pm - Resolved
";
    let i = author::import_markdown("month.md", text).unwrap();
    let tl = &i.skeleton.timeline;
    assert_eq!(i.skeleton.starts_at.as_deref(), Some("20:50"), "{tl:?}");
    assert_eq!(tl.last().map(|e| e.0.round_mins()), Some(48), "{tl:?}");
}

#[test]
fn a_column_of_bare_numbers_is_not_what_happened() {
    let text = "# Pool drained

## Timeline (all times UTC)

| Time | Block | Event |
|---|---|---|
| 13:38:00 | 45098506 | Attacker swaps through the pool at the skewed price |
| 14:32:00 | 45101800 | Attacker repeats the swap |
| ~15:23 | — | Team halts the pool |
";
    let i = author::import_markdown("pool.md", text).unwrap();
    let sk = &i.skeleton;
    let all: Vec<&str> = sk
        .before_start
        .iter()
        .chain(&sk.timeline)
        .map(|e| e.2.as_str())
        .collect();
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(
        all.iter().all(|t| t.starts_with(char::is_alphabetic)),
        "{all:?}"
    );
}
