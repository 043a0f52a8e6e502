//! "Did you mean": the closest known name by edit distance.

/// Levenshtein distance over characters, with a transposition of two
/// adjacent characters counted as one edit (optimal string alignment).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

/// The candidate closest to `name`, if close enough to be a likely typo: a
/// case-insensitive match first, else at most one edit per three characters
/// (at least one). Ties go to the first candidate in sorted order.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut candidates: Vec<&str> = candidates.into_iter().filter(|c| *c != name).collect();
    candidates.sort_unstable();
    candidates.dedup();
    if let Some(c) = candidates.iter().find(|c| c.eq_ignore_ascii_case(name)) {
        return Some(c);
    }
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
    fn suggestions() {
        let known = ["UserProfile", "Order", "OrderLine"];
        assert_eq!(did_you_mean("UserProfil", known), Some("UserProfile"));
        assert_eq!(did_you_mean("userprofile", known), Some("UserProfile"));
        assert_eq!(did_you_mean("Ordre", known), Some("Order"));
        assert_eq!(did_you_mean("Zebra", known), None);
        assert_eq!(did_you_mean("a", ["b", "c"]), Some("b"));
        assert_eq!(did_you_mean("Order", known), None);
    }
}
