//! Problems found in a scenario file, each with its file, line, column and what was expected,
//! rendered like a compiler error (miette) or as JSON.

use std::fmt;

use serde::Serialize;

use crate::spans;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable kebab-case name for the kind of problem (`unknown-service`, `syntax`, ...).
    pub code: &'static str,
    pub message: String,
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Byte range in the file.
    pub span: (usize, usize),
    /// Where in the scenario (`services[2].depends_on[0]`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {level}[{}]: {}",
            self.file, self.line, self.column, self.code, self.message
        )?;
        if let Some(e) = &self.expected {
            write!(f, "; expected {e}")?;
        }
        if let Some(found) = &self.found {
            write!(f, ", found {found}")?;
        }
        Ok(())
    }
}

/// Builds diagnostics for one file, turning byte offsets and scenario paths into line/column.
pub struct Reporter<'a> {
    pub file: &'a str,
    pub src: &'a str,
    tree: Option<spans::Node>,
    pub out: Vec<Diagnostic>,
}

/// What a new diagnostic says, before it is placed.
#[derive(Debug, Default, Clone)]
pub struct Said {
    pub expected: Option<String>,
    pub found: Option<String>,
    pub help: Option<String>,
}

impl Said {
    pub fn expected(mut self, e: impl Into<String>) -> Self {
        self.expected = Some(e.into());
        self
    }
    pub fn found(mut self, f: impl Into<String>) -> Self {
        self.found = Some(f.into());
        self
    }
    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
}

pub fn said() -> Said {
    Said::default()
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, src: &'a str) -> Self {
        Reporter {
            file,
            src,
            tree: None,
            out: Vec::new(),
        }
    }

    /// A diagnostic at a byte range.
    pub fn at_span(
        &mut self,
        level: Level,
        code: &'static str,
        span: (usize, usize),
        message: impl Into<String>,
        said: Said,
    ) {
        let (line, column) = spans::line_col(self.src, span.0);
        self.out.push(Diagnostic {
            level,
            code,
            message: message.into(),
            file: self.file.to_string(),
            line,
            column,
            span,
            path: None,
            expected: said.expected,
            found: said.found,
            help: said.help,
        });
    }

    /// A diagnostic at a place in the scenario.
    pub fn at(
        &mut self,
        level: Level,
        code: &'static str,
        path: &spans::Path,
        message: impl Into<String>,
        said: Said,
    ) {
        if self.tree.is_none() {
            self.tree = spans::parse(self.src);
        }
        let span = self.tree.as_ref().map_or((0, 0), |tree| tree.locate(path));
        self.at_span(level, code, span, message, said);
        if let Some(last) = self.out.last_mut() {
            last.path = Some(path.to_string());
        }
    }

    pub fn error(
        &mut self,
        code: &'static str,
        path: &spans::Path,
        message: impl Into<String>,
        said: Said,
    ) {
        self.at(Level::Error, code, path, message, said);
    }

    pub fn warn(
        &mut self,
        code: &'static str,
        path: &spans::Path,
        message: impl Into<String>,
        said: Said,
    ) {
        self.at(Level::Warning, code, path, message, said);
    }
}

/// A miette view of one diagnostic, with its source, for graphical rendering.
#[derive(Debug)]
struct Rendered<'a> {
    diag: &'a Diagnostic,
    source: miette::NamedSource<String>,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.level {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mut parts = Vec::new();
        if let Some(e) = &self.diag.expected {
            parts.push(format!("expected {e}"));
        }
        if let Some(found) = &self.diag.found {
            parts.push(format!("found {found}"));
        }
        if let Some(h) = &self.diag.help {
            parts.push(h.clone());
        }
        (!parts.is_empty()).then(|| Box::new(parts.join("\n")) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let (start, end) = self.diag.span;
        let label = self.diag.path.clone().unwrap_or_else(|| "here".into());
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some(label),
            start,
            end.saturating_sub(start),
        ))))
    }
}

/// Renders diagnostics of one file like a compiler: `file:line:col`, the message, the source line
/// with the value underlined, and what was expected.
pub fn render(diags: &[Diagnostic], src: &str, color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!("{}:{}:{}\n", d.file, d.line, d.column));
        let r = Rendered {
            diag: d,
            source: miette::NamedSource::new(d.file.clone(), src.to_string()),
        };
        if handler.render_report(&mut out, &r).is_err() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
    }
    out
}
