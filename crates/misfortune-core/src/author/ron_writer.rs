//! A small writer for hand-readable RON: lines at the current depth, comments, fields, and
//! brackets that open and close a level. The skeleton renderer writes through it instead of
//! formatting indentation by hand.

use std::fmt::Display;

/// Four spaces a level, as in the shipped scenarios.
const INDENT: &str = "    ";

#[derive(Debug, Default)]
pub(super) struct RonWriter {
    out: String,
    depth: usize,
}

impl RonWriter {
    /// A line at the current depth.
    pub(super) fn line(&mut self, text: impl Display) -> &mut Self {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
        self.out.push_str(&text.to_string());
        self.out.push('\n');
        self
    }

    /// A `// comment` line at the current depth.
    pub(super) fn comment(&mut self, text: &str) -> &mut Self {
        self.line(format_args!("// {text}"))
    }

    /// `name: value,` at the current depth.
    pub(super) fn field(&mut self, name: &str, value: impl Display) -> &mut Self {
        self.line(format_args!("{name}: {value},"))
    }

    /// A line that opens a level (`Scenario(`, `actions: [`): what follows is one deeper.
    pub(super) fn open(&mut self, text: impl Display) -> &mut Self {
        self.line(text);
        self.depth += 1;
        self
    }

    /// Close a level with its closing line (`),` or `],`).
    pub(super) fn close(&mut self, text: &str) -> &mut Self {
        self.depth = self.depth.saturating_sub(1);
        self.line(text)
    }

    /// A list of lines as a field: `name: [` the items `],` (each item one line, with a comma).
    pub(super) fn list<T: Display>(&mut self, name: &str, items: impl IntoIterator<Item = T>) {
        self.open(format_args!("{name}: ["));
        for i in items {
            self.line(format_args!("{i},"));
        }
        self.close("],");
    }

    pub(super) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_indent_and_close() {
        let mut w = RonWriter::default();
        w.comment("made by a test").open("Scenario(");
        w.field("id", "\"x\"");
        w.list("tags", ["\"a\"", "\"b\""]);
        w.close(")");
        assert_eq!(
            w.finish(),
            "// made by a test\nScenario(\n    id: \"x\",\n    tags: [\n        \"a\",\n        \"b\",\n    ],\n)\n"
        );
    }
}
