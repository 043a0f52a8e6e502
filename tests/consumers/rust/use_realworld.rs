//! The realworld crate's renamed wire names, read and written by serde:
//! fields `+1`/`-1` (Rust `plus_1`/`minus_1`), enum values `+1`/`-1`
//! (`Plus1`/`Minus1`) and a union whose object variants are boxed; the
//! structs' `Deserialize`, written out by the generator, reads as serde's
//! derive does.

#[cfg(test)]
mod tests {
    use realworld_client::types::{Issue, Label, ReactionContent, Reactions, SearchItem};
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

    #[test]
    fn structs_read_as_the_derive_does() {
        // Unknown keys are skipped; a missing key, a repeated key and a
        // value of the wrong type are errors, worded as serde's.
        let wire = json!({"+1": 1, "-1": 0, "laugh": 0, "total_count": 1, "heart": [5]});
        let reactions: Reactions = serde_json::from_value(wire).unwrap();
        assert_eq!((reactions.plus_1, reactions.total_count), (1, 1));
        let missing =
            serde_json::from_value::<Reactions>(json!({"+1": 1, "laugh": 0, "total_count": 1}));
        assert_eq!(missing.unwrap_err().to_string(), "missing field `-1`");
        let repeated = serde_json::from_str::<Label>(r#"{"name": "a", "name": "b"}"#);
        let repeated = repeated.unwrap_err().to_string();
        assert!(repeated.starts_with("duplicate field `name`"), "{repeated}");
        let wrong = serde_json::from_value::<Label>(json!("bug")).unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "invalid type: string \"bug\", expected struct Label"
        );
        // A nullable field may be left out (`None`), as with the derive.
        let issue = json!({
            "number": 1, "title": "t", "state": "open", "user": "u", "labels": ["bug"],
            "locked": false, "comments": 0, "created_at": "2026-01-02T03:04:05Z",
            "updated_at": "2026-01-02T03:04:05Z", "author_association": "NONE",
            "html_url": "https://example.com",
            "reactions": {"+1": 0, "-1": 0, "laugh": 0, "total_count": 0}
        });
        let issue: Issue = serde_json::from_value(issue).unwrap();
        assert_eq!(
            (issue.body, issue.closed_at, issue.labels),
            (None, None, vec!["bug".to_owned()])
        );
    }
}
