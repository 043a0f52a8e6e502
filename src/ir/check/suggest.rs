//! "Did you mean": the closest known name by edit distance.

/// Levenshtein distance over characters, with a transposition of two
/// adjacent characters counted as one edit (optimal string alignment).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    Rows::default().distance(&a, b, usize::MAX)
}

/// The rows of `edit_distance`, kept from one candidate to the next.
#[derive(Default)]
struct Rows {
    b: Vec<char>,
    prev2: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Rows {
    /// The distance, or some larger number once it is sure to exceed
    /// `limit` (no row can then get back under it).
    fn distance(&mut self, a: &[char], b: &str, limit: usize) -> usize {
        let Rows { b: bc, prev2, prev, cur } = self;
        bc.clear();
        bc.extend(b.chars());
        let n = bc.len();
        prev2.clear();
        prev2.resize(n + 1, 0);
        prev.clear();
        prev.extend(0..=n);
        for i in 1..=a.len() {
            cur.clear();
            cur.resize(n + 1, i);
            for j in 1..=n {
                let cost = usize::from(a[i - 1] != bc[j - 1]);
                cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == bc[j - 2] && a[i - 2] == bc[j - 1] {
                    cur[j] = cur[j].min(prev2[j - 2] + 1);
                }
            }
            std::mem::swap(prev2, prev);
            std::mem::swap(prev, cur);
            // Each cell is at least the least of the row above, or of the
            // row two above plus one (a transposition).
            let least = |row: &[usize]| row.iter().copied().min().unwrap_or(0);
            if least(prev) > limit && least(prev2) >= limit {
                return limit.saturating_add(1);
            }
        }
        prev[n]
    }
}

/// The characters of an ASCII name, counted, for `Bag::distance`.
struct Bag {
    count: [i32; 128],
    len: usize,
}

impl Bag {
    /// `None` for a name that is not ASCII (no bound is then computed).
    fn new(name: &str) -> Option<Bag> {
        let mut count = [0; 128];
        name.is_ascii().then(|| {
            name.bytes().for_each(|c| count[usize::from(c)] += 1);
            Bag { count, len: name.len() }
        })
    }

    /// A lower bound of `edit_distance` in `O(|b|)`: each edit removes at
    /// most one character from what one string has in excess of the other.
    fn distance(&mut self, b: &str) -> usize {
        if !b.is_ascii() {
            return 0;
        }
        let mut b_excess = 0;
        for c in b.bytes() {
            let n = &mut self.count[usize::from(c)];
            *n -= 1;
            b_excess += usize::from(*n < 0);
        }
        b.bytes().for_each(|c| self.count[usize::from(c)] += 1);
        // Both strings less their excess are the same multiset.
        let a_excess = (b_excess + self.len).saturating_sub(b.len());
        a_excess.max(b_excess)
    }
}

/// The candidate closest to `name`, if close enough to be a likely typo: a
/// case-insensitive match first, else at most one edit per three characters
/// (at least one). Ties go to the first candidate in sorted order.
///
/// One pass, no sorting and no allocation per candidate, and no distance
/// computed for a candidate whose length alone rules it out: a document
/// with thousands of unknown names among thousands of declared ones asks
/// this once per unknown name.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let chars: Vec<char> = name.chars().collect();
    let limit = (chars.len() / 3).max(1);
    let mut rows = Rows::default();
    let mut bag = Bag::new(name);
    let mut folded: Option<&str> = None;
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        if c.eq_ignore_ascii_case(name) {
            folded = Some(folded.map_or(c, |f| f.min(c)));
        }
        if folded.is_some() || c.chars().count().abs_diff(chars.len()) > limit {
            continue;
        }
        if bag.as_mut().is_some_and(|bag| bag.distance(c) > limit) {
            continue;
        }
        let d = rows.distance(&chars, c, limit);
        if d <= limit && best.is_none_or(|b| (d, c) < b) {
            best = Some((d, c));
        }
    }
    folded.or(best.map(|(_, c)| c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("UserProfil", "UserProfile"), 1);
        assert_eq!(edit_distance("tpye", "type"), 1);
        assert_eq!(edit_distance("prénom", "prenom"), 1);
    }

    #[test]
    fn bag_distance_bounds_edit_distance() {
        for (a, b) in [("n123456", "context"), ("tpye", "type"), ("kitten", "sitting"), ("", "abc"), ("ab", "ba")] {
            let bound = Bag::new(a).unwrap().distance(b);
            assert!(bound <= edit_distance(a, b), "{a} {b}");
            assert_eq!(bound, Bag::new(b).unwrap().distance(a), "{a} {b}");
        }
        assert_eq!(Bag::new("n123456").unwrap().distance("context"), 6);
    }

    #[test]
    fn suggestions() {
        let known = ["UserProfile", "Order", "OrderLine"];
        assert_eq!(did_you_mean("UserProfil", known), Some("UserProfile"));
        assert_eq!(did_you_mean("userprofile", known), Some("UserProfile"));
        assert_eq!(did_you_mean("Ordre", known), Some("Order"));
        assert_eq!(did_you_mean("Zebra", known), None);
        assert_eq!(did_you_mean("a", ["b", "c"]), Some("b"));
        assert_eq!(did_you_mean("Order", known), None);
        assert_eq!(did_you_mean("ab", ["ba", "aa", "AB", "Ab"]), Some("AB"), "the first case-insensitive match");
        assert_eq!(did_you_mean("abcd", ["abxd", "abcf", "abce"]), Some("abce"), "the first of the closest");
        assert_eq!(did_you_mean("été", ["ete", "étés"]), Some("étés"), "lengths in characters");
    }
}
