//! A postmortem written in HTML (a class report's `<h2>Timeline</h2>` over `<li>` items) as the
//! Markdown the section reader knows: headings as `#` lines, list items as bullets, paragraphs
//! as paragraphs, every other tag dropped.

use std::sync::LazyLock;

use regex::Regex;

/// The document as Markdown when its lines are HTML blocks; `None` when it is not HTML.
pub(super) fn as_markdown(md: &str) -> Option<String> {
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?im)^\s*<(?:h[1-6]|p|ul|ol|li|div|table)\b[^>]*>").expect("static regex")
    });
    if BLOCK.find_iter(md).count() < 3 {
        return None;
    }
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<h([1-6])\b[^>]*>(.*?)</h[1-6]\s*>").expect("static regex")
    });
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(?:li|ul|ol)\b[^>]*>([^<]*(?:<(?:b|strong|em|i|code|a)\b[^>]*>[^<]*</(?:b|strong|em|i|code|a)>[^<]*)*)</(?:li|ul|ol)\s*>")
            .expect("static regex")
    });
    static PARAGRAPH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<p\b[^>]*>(.*?)</p\s*>").expect("static regex"));
    static BREAK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("static regex"));
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").expect("static regex"));
    let text = HEADING.replace_all(md, |c: &regex::Captures| {
        let level: usize = c[1].parse().unwrap_or(2);
        format!("\n{} {}\n", "#".repeat(level), c[2].trim())
    });
    let text = ITEM.replace_all(&text, |c: &regex::Captures| {
        let item = c[1].trim();
        if item.is_empty() {
            String::new()
        } else {
            format!("\n- {item}\n")
        }
    });
    // ("<p>Timeline</p>", "<p>Incident Summary:</p>": a paragraph that only names a known
    // section is that section's heading.)
    let text = PARAGRAPH.replace_all(&text, |c: &regex::Captures| {
        let name = TAG.replace_all(&c[1], "");
        let name = name.trim().trim_end_matches(':').trim();
        let short = name.len() <= 60 && name.split_whitespace().count() <= 6;
        let names_part = !name.is_empty()
            && !name.contains('\n')
            && super::sections::classify(name) != super::sections::Part::Other;
        if short && names_part {
            format!("\n## {name}\n\n")
        } else {
            format!("\n{}\n\n", &c[1])
        }
    });
    let text = BREAK.replace_all(&text, "\n");
    let text = TAG.replace_all(&text, "");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    // One blank line at most between blocks; list items kept together.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let item = |i: usize| lines.get(i).is_some_and(|l| l.starts_with("- "));
    let mut out: Vec<&str> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() {
            let next = (i + 1..lines.len()).find(|&j| !lines[j].is_empty());
            let between_items =
                out.last().is_some_and(|p| p.starts_with("- ")) && next.is_some_and(item);
            if out.last().is_none_or(|p| p.is_empty()) || between_items || next.is_none() {
                continue;
            }
        }
        out.push(l);
    }
    Some(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_become_markdown_and_plain_markdown_is_left_alone() {
        let html = "<h1>Report</h1>\n<h2>Timeline</h2>\n<li>\n<ul>01:15 AM: Alerts fired.</ul>\n<ul>01:25 AM: We looked &amp; found it.</ul>\n</li>\n<p>Done.</p>\n";
        let md = as_markdown(html).unwrap();
        assert_eq!(
            md,
            "# Report\n\n## Timeline\n\n- 01:15 AM: Alerts fired.\n- 01:25 AM: We looked & found it.\n\nDone."
        );
        assert!(as_markdown("# Report\n\n## Timeline\n\n- 01:15 Alerts fired.\n").is_none());
    }
}
