//! Round twenty-nine of the held-out measurements, in the project's own words: a collection's
//! shortest retellings, a front matter and a paragraph with no title, no heading and no time.
//! They are still postmortems: the title is the company's incident, the paragraph the summary,
//! and the cause is what the front matter's summary names before a later "due to" about
//! something else, or what the harm came "after".

use misfortune_core::author;

#[test]
fn a_front_matter_and_one_paragraph_is_a_postmortem() {
    let text = "\
---
url: https://example.com/blog/summary-of-the-outage
categories:
- postmortem
company: Example CDN
product: \"\"
---

Global outage due to a latent software bug that surfaced when a valid customer configuration change triggered it.
";
    let i = author::import_markdown("cdn.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(sk.title.as_deref(), Some("Example CDN incident"));
    assert!(
        sk.summary
            .as_deref()
            .is_some_and(|s| s.starts_with("Global outage due to a latent software bug")),
        "{:?}",
        sk.summary
    );
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.contains("latent software bug")),
        "{:?}",
        sk.root_cause
    );
}

#[test]
fn the_harm_came_after_what_caused_it() {
    let text = "\
---
company: Example source hosting
---

The repository became unavailable after two files with the same hash were committed as test data. A checkout then failed its consistency check.
";
    let i = author::import_markdown("repo.md", text).unwrap();
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some(
            "The repository became unavailable after two files with the same hash were committed as test data."
        )
    );
}

#[test]
fn the_front_matter_summary_names_the_cause_before_a_later_due_to() {
    let text = "\
---
title: Site outage caused by a broadcast copy
summary: Sending broadcast traffic without configuring the switches caused a site-wide outage.
---

The search index took hours to copy to every replica, so the engineers tried a broadcast copy to all of them at once. The broadcast saturated the switches and the site was unreachable for minutes.

They later moved to peer-to-peer copies, which added a short lag due to hashing large files.
";
    let i = author::import_markdown("site.md", text).unwrap();
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some(
            "Sending broadcast traffic without configuring the switches caused a site-wide outage."
        )
    );
}
