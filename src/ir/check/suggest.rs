//! "Did you mean": the closest known name by edit distance, for the IR and
//! the config alike.

/// The candidate closest to `name`, if close enough to be a likely typo: a
/// case-insensitive match first, else at most one edit per three characters
/// (at least one), a swap of two adjacent characters counting as one edit
/// (optimal string alignment). Ties go to the first candidate in sorted
/// order.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().filter(|c| *c != name).collect();
    if let Some(c) = candidates.iter().filter(|c| c.eq_ignore_ascii_case(name)).min() {
        return Some(c);
    }
    let len = name.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        // An edit changes the length by one at most: skip what cannot be close.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (strsim::osa_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let known = ["UserProfile", "Order", "OrderLine"];
        assert_eq!(did_you_mean("UserProfil", known), Some("UserProfile"));
        assert_eq!(did_you_mean("userprofile", known), Some("UserProfile"));
        assert_eq!(did_you_mean("Ordre", known), Some("Order"), "a swap is one edit");
        assert_eq!(did_you_mean("Zebra", known), None);
        assert_eq!(did_you_mean("a", ["b", "c"]), Some("b"));
        assert_eq!(did_you_mean("Order", known), None);
        assert_eq!(did_you_mean("ab", ["ba", "aa", "AB", "Ab"]), Some("AB"), "the first case-insensitive match");
        assert_eq!(did_you_mean("abcd", ["abxd", "abcf", "abce"]), Some("abce"), "the first of the closest");
        assert_eq!(did_you_mean("été", ["ete", "étés"]), Some("étés"), "lengths in characters");
        assert_eq!(did_you_mean("prénom", ["prenom"]), Some("prenom"), "distances in characters");
    }
}
