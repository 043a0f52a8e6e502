//! One small document per rule: each must yield exactly the expected codes,
//! and each "fine" document none (the checks must not over-report).

use crate::ir;

fn codes(body: &str) -> Vec<&'static str> {
    let src = format!("mizan-ir 1\n{body}");
    match ir::load(&src) {
        Ok(_) => Vec::new(),
        Err(diags) => diags.iter().map(|d| d.code).collect(),
    }
}

#[track_caller]
fn rejects(body: &str, code: &str) {
    let got = codes(body);
    assert!(got.iter().all(|c| *c == code) && !got.is_empty(), "expected only {code}, got {got:?} for:\n{body}");
}

#[track_caller]
fn accepts(body: &str) {
    assert_eq!(codes(body), Vec::<&str>::new(), "for:\n{body}");
}

const READ: &str = "function me context=user {\n returns P\n}\ntype P {\n field n string\n}\n";

#[test]
fn declarations() {
    rejects("type A\nalias A int", "mizan::duplicate-declaration");
    rejects("channel c {\n server-message int\n}\nchannel c {\n server-message int\n}", "mizan::duplicate-declaration");
    rejects("type map", "mizan::reserved-name");
    rejects("alias X \"list<Y>\"", "mizan::unknown-type");
    rejects("alias A B\nalias B A", "mizan::alias-cycle");
    rejects("alias A \"A?\"", "mizan::alias-cycle");
    // Reached from a chain, a cycle is reported once, at its first alias.
    assert_eq!(codes("alias X B\nalias B C\nalias C \"map<B>\"\nalias E X"), ["mizan::alias-cycle"]);
    // `A` names the type declared first: `B` is not a cycle, and the
    // repeated `A` is a duplicate, not a cycle of its own.
    rejects("type A {\n field x int\n}\nalias B A\nalias A B", "mizan::duplicate-declaration");
    accepts("alias A B\nalias B int\ntype T {\n field t \"list<T>\"\n}\nalias L \"list<T>\"");
}

#[test]
fn uploads() {
    rejects("function f {\n param f \"list<list<upload>>\"\n}", "mizan::upload-position");
    rejects("function f {\n param f \"map<upload>\"\n}", "mizan::upload-position");
    rejects("function f {\n returns upload\n}", "mizan::upload-position");
    rejects("alias File upload", "mizan::upload-position");
    rejects("channel c {\n server-message upload\n}", "mizan::upload-position");
    rejects("function f transport=websocket {\n param f \"upload?\"\n}", "mizan::upload-over-websocket");
    accepts(
        "function f {\n param a upload\n param b \"upload?\"\n param c \"list<upload>\"\n param d \"list<upload>?\"\n}",
    );
}

#[test]
fn fields_and_defaults() {
    rejects("type T {\n field a int\n field a int\n}", "mizan::duplicate-member");
    rejects("function f {\n param a int\n param a int\n}", "mizan::duplicate-member");
    rejects("type T {\n field a bool pattern=\"x\"\n}", "mizan::constraint-type-mismatch");
    rejects("alias Id uuid\ntype T {\n field a Id format=uuid\n}", "mizan::constraint-type-mismatch");
    rejects("type T {\n field a \"map<int>\" min-length=1\n}", "mizan::constraint-type-mismatch");
    rejects("type T {\n field a string min-length=5 max-length=2\n}", "mizan::constraint-range");
    rejects("type T {\n field a \"list<int>\" default=1\n}", "mizan::default-type-mismatch");
    rejects("type T {\n field a float default=#true\n}", "mizan::default-type-mismatch");
    rejects("type T {\n field a int default=1.5\n}", "mizan::default-type-mismatch");
    accepts("alias S string\ntype T {\n field a S max-length=3 default=abc\n field b \"int?\" min=1 default=#null\n}");
    accepts("type T {\n field a float default=1\n field b decimal default=\"1.50\"\n field c json default=#true\n}");
    accepts("type T {\n field a \"list<int>?\" min-length=1 default=#null\n}");
}

#[test]
fn enums_and_unions() {
    rejects("enum E", "mizan::empty-enum");
    rejects("union U", "mizan::empty-union");
    rejects("union U {\n variant X\n}", "mizan::unknown-type");
    rejects("type A\nunion U {\n variant A\n variant A\n}", "mizan::duplicate-member");
    rejects("alias A int\nunion U tag=k {\n variant A\n}", "mizan::tagged-variant-not-object");
    rejects("type A\ntype B\nunion U tag=k {\n variant A tag-value=B\n variant B\n}", "mizan::duplicate-tag-value");
    accepts("type A\nalias B int\nenum C {\n value x\n}\nunion U {\n variant A\n variant B\n variant C\n}");
}

#[test]
fn contexts() {
    rejects(&format!("{READ}function f context=user {{\n merge user\n}}"), "mizan::read-with-effects");
    rejects(&format!("{READ}function f context=user {{\n param p json\n}}"), "mizan::query-unsafe-param");
    rejects("channel c {\n param p \"list<int>\"\n server-message int\n}", "mizan::query-unsafe-param");
    rejects("function f context=global {\n param p int\n}", "mizan::global-params");
    rejects(&format!("{READ}context other"), "mizan::unused-context");
    rejects(&format!("{READ}function v view=#true route=\"/\" context=usr"), "mizan::unknown-context");
    rejects("function v view=#true route=\"/\" context=only_views", "mizan::unknown-context");
    accepts(&format!("{READ}context user ssr=#true\nfunction v view=#true route=\"/\" context=user"));
    accepts(
        "enum E {\n value a\n}\nalias Id uuid\nfunction f context=c {\n param a \"E?\"\n param b Id\n param c datetime\n}",
    );
}

#[test]
fn effects() {
    rejects(&format!("{READ}function f {{\n affects me\n}}"), "mizan::unknown-context");
    rejects(&format!("{READ}function f {{\n affects usr kind=function\n}}"), "mizan::unknown-function");
    rejects(&format!("{READ}function g\nfunction f {{\n affects g kind=function\n}}"), "mizan::affects-non-read");
    rejects(&format!("{READ}function f {{\n merge user\n}}"), "mizan::merge-no-slot");
    rejects(&format!("{READ}function f {{\n returns P\n merge nope\n}}"), "mizan::unknown-context");
    accepts(&format!("{READ}function f {{\n returns P\n merge user\n affects me kind=function\n affects user\n}}"));
}

#[test]
fn function_properties_and_forms() {
    rejects("function f private=#true view=#true route=\"/\"", "mizan::conflicting-properties");
    rejects("function f view=#true route=\"/\" form=x role=submit", "mizan::conflicting-properties");
    rejects("function f view=#true route=\"/\" transport=websocket", "mizan::conflicting-properties");
    rejects(&format!("{READ}function f context=user form=x role=schema"), "mizan::conflicting-properties");
    rejects("function f role=submit", "mizan::missing-property");
    rejects("function f cache=60", "mizan::context-only-property");
    rejects(
        "function a form=x role=validate {\n param p int\n}\nfunction b form=x role=submit",
        "mizan::form-params-mismatch",
    );
    accepts(
        "function a form=x role=validate {\n param p int\n param q int\n}\nfunction b form=x role=submit {\n param q int\n param p int\n}",
    );
}

#[test]
fn collisions() {
    rejects("function user_profile\nfunction userProfile", "mizan::name-collision");
    rejects(&format!("{READ}function m context=user-x\nfunction n context=user_x"), "mizan::name-collision");
    rejects("enum E {\n value \"read-only\"\n value read_only\n}", "mizan::name-collision");
    rejects("function f {\n param userId int\n param user_id int\n}", "mizan::name-collision");
    rejects(
        "function a context=c {\n param userId int\n}\nfunction b context=c {\n param user_id int\n}",
        "mizan::name-collision",
    );
    rejects("type UpdateArgs\nfunction update", "mizan::name-collision");
    rejects("channel x {\n server-message int\n}\nfunction f context=xChannel", "mizan::name-collision");
    // Reserved words are renamed by `names`, not rejected.
    accepts("type Record\ntype Option\ntype T {\n field class int\n field type int\n field self int\n}");
}

#[test]
fn structure() {
    rejects("type T {\n field a int optional=#true optional=#false\n}", "mizan::duplicate-property");
    rejects("function f {\n returns int\n returns string\n}", "mizan::duplicate-child");
    rejects("function f methods=get route=\"/\"", "mizan::invalid-value");
    rejects("function f rev=-1", "mizan::wrong-value-type");
    rejects("function f cache=#true", "mizan::wrong-value-type");
    rejects("function \"a..b\"", "mizan::invalid-name");
    rejects("type T {\n field \"\" int\n}", "mizan::invalid-name");
}

#[test]
fn collisions_only_in_enabled_targets() {
    use crate::ir::check::check_for;
    use crate::target::{self, Backend};
    let codes_for = |body: &str, on: &[&str]| -> Vec<&'static str> {
        let (doc, diags) = crate::ir::parse::parse(&format!("mizan-ir 1\n{body}"));
        assert!(diags.is_empty(), "{diags:?}");
        let targets: Vec<&dyn Backend> = on.iter().map(|n| target::by_name(n).unwrap()).collect();
        check_for(&doc, &targets).iter().map(|d| d.code).collect()
    };
    // A document, targets where its names collide, targets where they do not.
    let cases: [(&str, &[&str], &[&str]); 6] = [
        // Python: `fetch_user` method twice.
        (
            "function profile context=user {\n returns string\n}\nfunction fetch_user",
            &["python"],
            &["stage1", "react", "vue", "svelte", "rust", "manifest"],
        ),
        // React, Vue: `useChatChannel` is the channel's hook and the function's.
        (
            "function chat_channel\nchannel chat {\n server-message string\n}",
            &["stage1", "react"],
            &["stage1", "python", "rust", "manifest"],
        ),
        ("function chat_channel\nchannel chat {\n server-message string\n}", &["stage1", "vue"], &["stage1"]),
        // Python and Rust: `a_b` and `a__b` are one attribute or field name.
        ("type T {\n field a_b int\n field a__b int\n}", &["rust"], &["stage1", "react", "vue", "svelte", "manifest"]),
        ("type T {\n field a_b int\n field a__b int\n}", &["python"], &["stage1", "manifest"]),
        // React only: the type meets a name the React runtime exports.
        (
            "type mizan_provider {\n field a int\n}",
            &["stage1", "react"],
            &["stage1", "vue", "svelte", "python", "rust", "manifest"],
        ),
    ];
    for (body, on, off) in cases {
        assert_eq!(codes_for(body, on), ["mizan::name-collision"], "with {on:?}:\n{body}");
        assert_eq!(codes_for(body, &target::names()), ["mizan::name-collision"], "with every target:\n{body}");
        assert_eq!(codes_for(body, off), Vec::<&str>::new(), "with {off:?}:\n{body}");
    }
}
