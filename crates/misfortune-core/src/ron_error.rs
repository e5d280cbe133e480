//! ron's parse errors as diagnostics: a code, a message in plain words, what was expected and
//! found, and a span widened to the whole value at fault (ron points before the white space that
//! precedes a bad value, or into a string).

use ron::error::Error as E;

use crate::diagnostic::{Level, Reporter, Said, said};
use crate::spans;

/// The text around an error, to point at whole values.
struct Source<'a> {
    src: &'a str,
    tree: Option<spans::Node>,
}

impl Source<'_> {
    /// The whole value that starts at (or after white space from) `offset`.
    fn value_at(&self, offset: usize) -> Option<(usize, usize)> {
        let rest = &self.src[offset.min(self.src.len())..];
        let at = offset + (rest.len() - rest.trim_start().len());
        self.tree
            .as_ref()
            .map(|t| t.innermost(at))
            .filter(|n| n.start <= at && at < n.end)
            .map(|n| (n.start, n.end))
    }

    fn found_text(&self, (s, e): (usize, usize)) -> String {
        let t: String = self.src[s..e].chars().take(60).collect();
        if e - s > t.len() {
            format!("`{t}...`")
        } else {
            format!("`{t}`")
        }
    }
}

fn list(alts: &[&str]) -> String {
    alts.iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn within(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map(|o| format!(" in `{o}`"))
        .unwrap_or_default()
}

/// Report a ron error at the value it is about.
pub(crate) fn report(rep: &mut Reporter, err: &ron::error::SpannedError) {
    let start = spans::offset_of(rep.src, err.span.start.line, err.span.start.col);
    let end = spans::offset_of(rep.src, err.span.end.line, err.span.end.col).max(start);
    let source = Source {
        src: rep.src,
        tree: spans::parse(rep.src),
    };
    let mut span = (start, end);
    let (code, message, s) = structure_error(&err.code, &source, &mut span)
        .or_else(|| expected_error(&err.code, &source, &mut span))
        .unwrap_or_else(|| other_error(&err.code, &source, &mut span));
    rep.at_span(Level::Error, code, span, message, s);
}

type Explained = (&'static str, String, Said);

/// Fields and variants: unknown, missing, twice.
fn structure_error(code: &E, source: &Source, span: &mut (usize, usize)) -> Option<Explained> {
    Some(match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            "unknown-field",
            format!("unknown field `{found}`{}", within(outer)),
            said()
                .expected(format!("one of {}", list(expected)))
                .found(format!("`{found}`")),
        ),
        E::MissingStructField { field, outer } => {
            // ron points after the closing `)`: point at the start of the struct instead.
            if let Some(t) = &source.tree {
                let n = t.innermost(span.0.saturating_sub(1));
                let name_len = n.name.as_ref().map_or(1, |x| x.len());
                *span = (n.start, n.start + name_len);
            }
            (
                "missing-field",
                format!("missing field `{field}`{}", within(outer)),
                said().expected(format!("a `{field}: ...` entry")),
            )
        }
        E::DuplicateStructField { field, outer } => (
            "duplicate-field",
            format!("field `{field}` is given twice{}", within(outer)),
            said().help("keep one of them"),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            "unknown-variant",
            format!("unknown variant `{found}`{}", within(outer)),
            said()
                .expected(format!("one of {}", list(expected)))
                .found(format!("`{found}`")),
        ),
        E::ExpectedDifferentStructName { expected, found } => (
            "wrong-type",
            format!("expected `{expected}` here, found `{found}`"),
            said()
                .expected(format!("`{expected}(...)`"))
                .found(format!("`{found}(...)`")),
        ),
        _ => return None,
    })
}

/// A value of the wrong kind: what was expected, in words, and the value found.
fn expected_error(code: &E, source: &Source, span: &mut (usize, usize)) -> Option<Explained> {
    let what = match code {
        E::ExpectedInteger => "a whole number".to_string(),
        E::ExpectedFloat => "a number".to_string(),
        E::ExpectedBoolean => "`true` or `false`".to_string(),
        E::ExpectedString => "a string in double quotes".to_string(),
        E::ExpectedArray => "a list `[...]`".to_string(),
        E::ExpectedMap => "a map `{...}`".to_string(),
        E::ExpectedNamedStructLike(n) if !n.is_empty() => format!("`{n}(...)`"),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "a `(...)` value".to_string(),
        E::IntegerOutOfBounds => "a whole number in range".to_string(),
        E::ExpectedOption | E::ExpectedChar | E::ExpectedUnit => code.to_string(),
        _ => return None,
    };
    let found = source.value_at(span.0).map(|v| {
        *span = v;
        source.found_text(v)
    });
    let mut s = said().expected(what.clone());
    if let Some(f) = &found {
        s = s.found(f.clone());
    }
    let found = found.map(|f| format!(", found {f}")).unwrap_or_default();
    Some((
        "wrong-type",
        format!("wrong type: expected {what}{found}"),
        s,
    ))
}

/// Values ron or a field's own parser refused, the end of the file, nesting, and syntax.
fn other_error(code: &E, source: &Source, span: &mut (usize, usize)) -> Explained {
    match code {
        E::InvalidValueForType { expected, found } => {
            if let Some(v) = source.value_at(span.0) {
                *span = v;
            }
            (
                "wrong-type",
                format!("wrong type: expected {expected}, found {found}"),
                said().expected(expected.clone()).found(found.clone()),
            )
        }
        E::Message(m) => {
            if let Some(v) = source
                .value_at(span.0.saturating_sub(1))
                .or_else(|| source.value_at(span.0))
            {
                *span = v;
            }
            let code = if m.starts_with("invalid time") {
                "invalid-time"
            } else {
                "invalid-value"
            };
            (code, m.clone(), said())
        }
        E::Eof => {
            *span = (source.src.len(), source.src.len());
            (
                "syntax",
                "the file ends in the middle of a value (truncated?)".into(),
                said().help("check for a missing `)` or `]`, or an unterminated string"),
            )
        }
        E::ExceededRecursionLimit => (
            "syntax",
            "values are nested too deeply".into(),
            said().expected("at most 128 levels of nesting"),
        ),
        other => ("syntax", format!("syntax error: {other}"), said()),
    }
}
