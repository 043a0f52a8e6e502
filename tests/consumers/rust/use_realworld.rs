//! The realworld crate's renamed wire names, read and written by serde:
//! fields `+1`/`-1` (Rust `plus_1`/`minus_1`), enum values `+1`/`-1`
//! (`Plus1`/`Minus1`) and a union whose object variants are boxed.

#[cfg(test)]
mod tests {
    use realworld_client::types::{Label, ReactionContent, Reactions, SearchItem};
    use serde_json::json;

    #[test]
    fn sign_names_round_trip() {
        let wire = json!({"+1": 2, "-1": 1, "laugh": 0, "total_count": 3});
        let reactions: Reactions = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(
            (reactions.plus_1, reactions.minus_1, reactions.total_count),
            (2, 1, 3)
        );
        assert_eq!(serde_json::to_value(&reactions).unwrap(), wire);
        let contents: Vec<ReactionContent> =
            serde_json::from_value(json!(["+1", "-1", "*/"])).unwrap();
        assert_eq!(
            contents,
            [
                ReactionContent::Plus1,
                ReactionContent::Minus1,
                ReactionContent::StarSlash
            ]
        );
        assert_eq!(
            serde_json::to_value(&contents).unwrap(),
            json!(["+1", "-1", "*/"])
        );
    }

    #[test]
    fn boxed_variants_read_and_write_as_their_type() {
        let items: Vec<SearchItem> = serde_json::from_value(
            json!([{"name": "bug"}, {"+1": 1, "-1": 0, "laugh": 0, "total_count": 1}, 7]),
        )
        .unwrap();
        assert_eq!(
            items[0],
            SearchItem::Label(Box::new(Label {
                name: "bug".to_owned()
            }))
        );
        assert!(matches!(&items[1], SearchItem::Reactions(r) if r.plus_1 == 1));
        assert!(matches!(items[2], SearchItem::AlertNumber(7)));
        assert_eq!(
            serde_json::to_value(&items[0]).unwrap(),
            json!({"name": "bug"})
        );
    }
}
