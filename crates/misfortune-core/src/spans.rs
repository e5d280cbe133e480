//! Where things are in a RON file. `ron` tells us where a syntax or type error is, but a
//! deserialised scenario no longer knows where its values came from. This module parses the RON
//! text once more into a tree of byte spans so that validation can point at the exact value
//! (`services[2].depends_on[0]`) it complains about. It never fails: on text it cannot follow it
//! stops and what it has so far still answers.

/// A step into a RON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

/// A path from the top of the file, built as validation walks the scenario.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root() -> Self {
        Path(Vec::new())
    }
    pub fn f(&self, name: &'static str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Field(name));
        p
    }
    pub fn i(&self, index: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(index));
        p
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(name) if n == 0 => write!(f, "{name}")?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    pub start: usize,
    pub end: usize,
    /// `Name(...)` carries its name (struct, enum variant or `Some`).
    pub name: Option<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Fields(Vec<(String, Node)>),
    Seq(Vec<Node>),
    Atom,
}

impl Node {
    /// The span of the deepest node along `path` that exists.
    pub fn locate(&self, path: &Path) -> (usize, usize) {
        let mut node = self;
        for seg in &path.0 {
            match node.step(seg) {
                Some(next) => node = next,
                None => break,
            }
        }
        (node.start, node.end)
    }

    /// The smallest node that starts at or after `offset` (skipping white space) and contains it,
    /// or that contains it: the value an error position points into.
    pub fn innermost(&self, offset: usize) -> &Node {
        let mut node = self;
        'down: loop {
            let children: Vec<&Node> = match &node.kind {
                Kind::Fields(f) => f.iter().map(|(_, v)| v).collect(),
                Kind::Seq(items) => items.iter().collect(),
                Kind::Atom => return node,
            };
            for c in children {
                if c.start <= offset && offset < c.end.max(c.start + 1) {
                    node = c;
                    continue 'down;
                }
            }
            return node;
        }
    }

    fn step(&self, seg: &Seg) -> Option<&Node> {
        match (&self.kind, seg) {
            (Kind::Fields(fields), Seg::Field(name)) => {
                fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
            }
            // `Some([..])` and newtype variants wrapping a list are looked through.
            (Kind::Seq(items), Seg::Index(_))
                if self.name.is_some()
                    && items.len() == 1
                    && matches!(items[0].kind, Kind::Seq(_)) =>
            {
                items[0].step(seg)
            }
            (Kind::Seq(items), Seg::Index(i)) => items.get(*i),
            // `Some((..))` and newtype variants wrapping a struct are looked through.
            (Kind::Seq(items), Seg::Field(_)) if items.len() == 1 => items[0].step(seg),
            _ => None,
        }
    }
}

/// Parse RON text into a span tree. Returns `None` only for text with no value at all.
pub fn parse(src: &str) -> Option<Node> {
    let mut p = Parser {
        s: src.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.skip_ws();
    // Skip `#![enable(...)]` attributes.
    while p.peek() == Some(b'#') {
        while let Some(c) = p.peek() {
            p.i += 1;
            if c == b']' {
                break;
            }
        }
        p.skip_ws();
    }
    p.value()
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 256;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.i += 1,
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'/') => {
                    while let Some(c) = self.peek() {
                        self.i += 1;
                        if c == b'\n' {
                            break;
                        }
                    }
                }
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'*') => {
                    self.i += 2;
                    let mut level = 1;
                    while level > 0 && self.i < self.s.len() {
                        if self.s[self.i..].starts_with(b"*/") {
                            level -= 1;
                            self.i += 2;
                        } else if self.s[self.i..].starts_with(b"/*") {
                            level += 1;
                            self.i += 2;
                        } else {
                            self.i += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> Option<String> {
        let start = self.i;
        if self.s[self.i..].starts_with(b"r#") {
            self.i += 2;
        }
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.i += 1;
            } else {
                break;
            }
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_ws();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let start = self.i;
        let c = self.peek()?;
        let node = match c {
            b'"' => {
                self.string();
                self.atom(start)
            }
            b'r' if matches!(self.s.get(self.i + 1), Some(b'"') | Some(b'#'))
                && self.raw_string() =>
            {
                self.atom(start)
            }
            b'\'' => self.char_literal(start),
            b'[' => {
                self.i += 1;
                let items = self.items(b']');
                Node {
                    start,
                    end: self.i,
                    name: None,
                    kind: Kind::Seq(items),
                }
            }
            b'{' => self.map(start),
            b'(' => self.parens(start, None),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let name = self.ident()?;
                let after_name = self.i;
                self.skip_ws();
                if self.peek() == Some(b'(') {
                    self.parens(start, Some(name))
                } else {
                    self.i = after_name;
                    self.atom(start)
                }
            }
            _ => {
                // Numbers and anything else scalar: up to the next delimiter.
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b')' | b']' | b'}' | b':') || c.is_ascii_whitespace() {
                        break;
                    }
                    self.i += 1;
                }
                if self.i == start {
                    return None;
                }
                self.atom(start)
            }
        };
        self.depth -= 1;
        Some(node)
    }

    /// A map `{ k: v, ... }`, kept as a sequence of its values (keys are not addressed).
    fn map(&mut self, start: usize) -> Node {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                _ => {}
            }
            let before = self.i;
            self.value();
            self.skip_ws();
            if self.peek() == Some(b':') {
                self.i += 1;
            }
            if let Some(v) = self.value() {
                items.push(v);
            }
            self.skip_ws();
            if self.peek() == Some(b',') {
                self.i += 1;
            }
            if self.i == before {
                break;
            }
        }
        Node {
            start,
            end: self.i,
            name: None,
            kind: Kind::Seq(items),
        }
    }

    /// A character literal `'x'`.
    fn char_literal(&mut self, start: usize) -> Node {
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == b'\\' {
                self.i += 1;
            } else if c == b'\'' {
                break;
            }
        }
        self.atom(start)
    }

    fn atom(&self, start: usize) -> Node {
        Node {
            start,
            end: self.i,
            name: None,
            kind: Kind::Atom,
        }
    }

    fn string(&mut self) {
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == b'\\' {
                self.i += 1;
            } else if c == b'"' {
                break;
            }
        }
        self.i = self.i.min(self.s.len());
    }

    fn raw_string(&mut self) -> bool {
        let save = self.i;
        self.i += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        if self.peek() != Some(b'"') {
            self.i = save;
            return false;
        }
        self.i += 1;
        while self.i < self.s.len() {
            if self.s[self.i] == b'"'
                && self.s[self.i + 1..]
                    .iter()
                    .take(hashes)
                    .filter(|&&c| c == b'#')
                    .count()
                    == hashes
            {
                self.i += 1 + hashes;
                return true;
            }
            self.i += 1;
        }
        true
    }

    fn parens(&mut self, start: usize, name: Option<String>) -> Node {
        self.i += 1; // (
        self.skip_ws();
        // A struct if the first thing is `ident:` (and not `ident::`).
        let save = self.i;
        let is_struct = match self.ident() {
            Some(_) => {
                self.skip_ws();
                self.peek() == Some(b':') && self.s.get(self.i + 1) != Some(&b':')
            }
            None => false,
        };
        self.i = save;
        let kind = if is_struct {
            let mut fields = Vec::new();
            loop {
                self.skip_ws();
                match self.peek() {
                    None => break,
                    Some(b')') => {
                        self.i += 1;
                        break;
                    }
                    _ => {}
                }
                let before = self.i;
                let Some(key) = self.ident() else { break };
                self.skip_ws();
                if self.peek() == Some(b':') {
                    self.i += 1;
                }
                if let Some(v) = self.value() {
                    fields.push((key, v));
                }
                self.skip_ws();
                if self.peek() == Some(b',') {
                    self.i += 1;
                }
                if self.i == before {
                    break;
                }
            }
            Kind::Fields(fields)
        } else {
            Kind::Seq(self.items(b')'))
        };
        Node {
            start,
            end: self.i,
            name,
            kind,
        }
    }

    fn items(&mut self, close: u8) -> Vec<Node> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(c) if c == close => {
                    self.i += 1;
                    break;
                }
                _ => {}
            }
            let before = self.i;
            if let Some(v) = self.value() {
                items.push(v);
            }
            self.skip_ws();
            if self.peek() == Some(b',') {
                self.i += 1;
            }
            if self.i == before {
                break;
            }
        }
        items
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Byte offset of a 1-based line and column (column in characters).
pub fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (n, l) in src.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            let within: usize = l
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return (offset + within).min(src.len());
        }
        offset += l.len();
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"#![enable(implicit_some)]
// a comment
Scenario(
    id: "x", /* block /* nested */ */
    services: [
        Service(id: "a", depends_on: []),
        Service(id: "b", depends_on: ["a", "zz"]),
    ],
    when: At("2m"),
    opt: Some((x: 1)),
    raw: r#"text with " quote"#,
)
"##;

    fn text(path: Path) -> &'static str {
        let node = parse(SRC).unwrap();
        let (s, e) = node.locate(&path);
        &SRC[s..e]
    }

    #[test]
    fn locates_fields_and_items() {
        let root = Path::root();
        assert_eq!(text(root.f("id")), "\"x\"");
        assert_eq!(text(root.f("services").i(1).f("depends_on").i(1)), "\"zz\"");
        assert_eq!(text(root.f("services").i(1).f("id")), "\"b\"");
        assert_eq!(text(root.f("when").i(0)), "\"2m\"");
        assert_eq!(text(root.f("opt").f("x")), "1");
        assert_eq!(text(root.f("raw")), "r#\"text with \" quote\"#");
    }

    #[test]
    fn missing_paths_fall_back_to_the_deepest_known_node() {
        assert_eq!(
            text(Path::root().f("services").i(7)),
            &SRC[SRC.find("[\n").unwrap()..SRC.find("],").unwrap() + 1]
        );
    }

    #[test]
    fn never_panics_on_broken_text() {
        for s in [
            "",
            "(",
            "[[[[",
            "\"unterminated",
            "Foo(a: ",
            "r#\"x",
            "(a: 1, b: [1, 2",
            "/* never closed",
        ] {
            let _ = parse(s).map(|n| n.locate(&Path::root().f("a").i(3)));
        }
        let deep = "[".repeat(100_000);
        let _ = parse(&deep);
    }

    #[test]
    fn line_col_counts_characters() {
        let src = "ab\nçd\"x\"";
        assert_eq!(line_col(src, 0), (1, 1));
        let off = src.find('"').unwrap();
        assert_eq!(line_col(src, off), (2, 3));
        assert_eq!(offset_of(src, 2, 3), off);
    }
}
