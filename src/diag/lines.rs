//! Where each line of a source starts, found once, so that every
//! diagnostic's line and column is a binary search instead of a scan from
//! the start of the file.

/// The line starts of one source text.
pub struct Lines<'s> {
    src: &'s str,
    /// Byte offset of each line's first byte; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    pub fn new(src: &'s str) -> Lines<'s> {
        let starts = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { src, starts }
    }

    pub fn src(&self) -> &'s str {
        self.src
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset.min(self.src.len())) - 1
    }

    /// Byte range of a line's text: its newline (and a `\r` before it) left out.
    pub fn range(&self, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(self.src.len(), |next| next - 1);
        let end =
            if end > start && self.src.as_bytes()[end - 1] == b'\r' && end < self.src.len() { end - 1 } else { end };
        (start, end)
    }

    /// Where the next line starts (the end of the text for the last line).
    pub fn next_start(&self, line: usize) -> usize {
        self.starts.get(line + 1).copied().unwrap_or(self.src.len())
    }

    /// 0-based column, in characters, of byte `offset` on its line.
    pub fn column(&self, offset: usize) -> usize {
        let offset = floor_char_boundary(self.src, offset);
        let start = self.starts[self.line(offset)];
        self.src[start..offset].chars().count()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        (self.line(offset) + 1, self.column(offset) + 1)
    }
}

/// The largest char boundary at or before `offset` (clamped to the text).
pub fn floor_char_boundary(s: &str, offset: usize) -> usize {
    let mut at = offset.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary at or after `offset` (clamped to the text).
pub fn ceil_char_boundary(s: &str, offset: usize) -> usize {
    let mut at = offset.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let l = Lines::new("ab\ncé d\r\n\nx");
        assert_eq!(l.count(), 4);
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(2), (1, 3));
        assert_eq!(l.line_col(3), (2, 1));
        assert_eq!(l.line_col(7), (2, 4));
        assert_eq!(l.line_col(5), (2, 2), "inside `é`: its start");
        assert_eq!(l.range(1), (3, 8));
        assert_eq!(l.range(2), (10, 10));
        assert_eq!(l.range(3), (11, 12));
        assert_eq!(l.line_col(99), (4, 2));
        assert_eq!(Lines::new("").line_col(5), (1, 1));
    }
}
