//! A large, realistic IR (issue 20): the shapes a public API of GitHub's
//! size has, at any size. `ir(functions)` is the same text for the same
//! size (no randomness but a fixed SplitMix64 seed), with exactly
//! `functions` functions in *resources* of [`PER_RESOURCE`] each.
//!
//! Per resource, in one of GitHub's areas (`Agent`, `Repo`, `Issue`, ...):
//! [`OBJECTS`] object types, [`ENUMS`] enums, a tagged union over eight of
//! its objects, a big untagged union (objects, enums, an alias, a list),
//! aliases, a context, a channel and a form. What makes it GitHub-like:
//!
//! * wire names that are signs or symbols: fields and enum values `+1`,
//!   `-1`, `*/`, `<=`, `$schema`, `@odata.id`, `created-at`;
//! * context params named like React's props (`ref`, `key`, `children`) and
//!   the provider's (`params`), and a hook's own required param of an alias
//!   type (`alert_number`);
//! * Markdown docs with tabs, `> [!NOTE]` blocks, lazy list continuations,
//!   code fences, bare URLs, HTML-looking text and comment terminators;
//! * long type, field and function names that force every formatter to
//!   break lines, nested `list<list<T>?>?` optional fields and
//!   `map<list<T>>`;
//! * numbered names (`Agent1`, `Agent10`, contexts `ctx1`, `ctx10`) and
//!   names whose order differs with case (`AgentTasks3` / `Agents3`);
//! * deprecated functions, fields and enum values, `auth` levels, uploads,
//!   `transport=websocket` contexts and calls, forms with constraints,
//!   channels, views, `affects` (context and function) and `merge`.
//!
//! The tagged union's variants declare the tag field themselves, as
//! OpenAPI's discriminated schemas do: half of them as a `string`, a
//! quarter as an enum of every tag value, the rest not at all.

use std::fmt::Write;

use super::random_ir::{Rng, q};

/// Functions per resource.
pub const PER_RESOURCE: usize = 10;
/// Object types per resource (besides the tagged union's event types).
pub const OBJECTS: usize = 20;
/// Enums per resource.
pub const ENUMS: usize = 20;

/// GitHub's areas, as (PascalCase type prefix, snake_case function prefix).
/// No prefix is a prefix of another, so type names never collide.
const AREAS: &[(&str, &str)] = &[
    ("Agent", "agent"),
    ("Repo", "repo"),
    ("Issue", "issue"),
    ("Pull", "pull"),
    ("Org", "org"),
    ("Workflow", "workflow"),
    ("CodeScanning", "code_scanning"),
    ("Dependabot", "dependabot"),
    ("Gist", "gist"),
    ("Check", "check"),
    ("Team", "team"),
    ("Billing", "billing"),
    ("Codespace", "codespace"),
    ("Package", "package"),
];

/// Object nouns: `""` and `s` and `Tasks` make `Agent3`, `Agents3`,
/// `AgentTasks3` (case-sensitive order `AgentTasks3` < `Agents3`, ruff's
/// case-insensitive order the other way round); the long ones force line
/// breaks in every target.
const OBJECT_NOUNS: [&str; OBJECTS] = [
    "",
    "s",
    "Tasks",
    "Task",
    "Detail",
    "Summary",
    "Simple",
    "Full",
    "Owner",
    "Permissions",
    "Reactions",
    "Links",
    "Comment",
    "Review",
    "Artifact",
    "Runner",
    "Secret",
    "Variable",
    "RuleSuiteEnforcementConfigurationWithBypassActorsAndRequiredStatusChecks",
    "OrganizationRoleAssignmentForEnterpriseManagedUserWithInheritedPermissions",
];

/// Enum nouns; none is an object noun, so enum and object names differ.
const ENUM_NOUNS: [&str; ENUMS] = [
    "State",
    "States",
    "Kind",
    "Visibility",
    "Conclusion",
    "Severity",
    "Reaction",
    "Role",
    "Sort",
    "Direction",
    "Privacy",
    "Level",
    "Status",
    "Format",
    "Association",
    "Scope",
    "Trigger",
    "Mode",
    "Ecosystem",
    "SecurityAdvisoryCvssVectorStringComponentAttackComplexityAssessmentLevel",
];

/// Event nouns: the tagged union's variants (tagged by `kind`).
const EVENT_NOUNS: [&str; 8] = [
    "Created",
    "Deleted",
    "Edited",
    "Labeled",
    "Closed",
    "Reopened",
    "Transferred",
    "ReviewRequestedForTeamMembersThroughCodeOwnersFileAndBranchProtectionRules",
];

/// Field names GitHub's schemas have; every type takes a few, distinct.
const FIELD_NAMES: &[&str] = &[
    "id",
    "node_id",
    "url",
    "html_url",
    "name",
    "full_name",
    "description",
    "created_at",
    "updated-at",
    "closed_at",
    "number",
    "title",
    "body",
    "locked",
    "draft",
    "sha",
    "ref",
    "key",
    "type",
    "class",
    "from",
    "self",
    "async",
    "total_count",
    "per_page",
    "$schema",
    "@odata.id",
    "required_status_checks_enforcement_level_for_administrators_and_bypass_actors",
    "dismissal_restrictions_users_teams_and_apps_allowed_to_dismiss_pull_request_reviews",
    "名前",
    "prénom",
];

/// Enum value shapes; `+1`/`-1`/`*/`/`<=` are spelled as words when
/// rendered (`plus_1`, `Plus1`, `star_slash`).
const ENUM_VALUES: &[&str] = &[
    "open",
    "closed",
    "all",
    "+1",
    "-1",
    "*/",
    "<=",
    "laugh",
    "hooray",
    "in_progress",
    "in-progress",
    "action_required",
    "read-only",
    "public",
    "PRIVATE",
    "it's",
    "日本",
    "security_and_analysis_advanced_security_enabled_for_new_private_repositories",
];

/// Docs as backends write them (GitHub's descriptions): Markdown with tabs,
/// lazy continuations, `> [!NOTE]`, fences, bare URLs, HTML-looking text,
/// bracketed words and comment or docstring terminators.
const DOCS: &[&str] = &[
    "The unique identifier of the resource.",
    "Lists the resources.\n\n> [!NOTE]\n> Results are\ncapped at 1,000.\n\n- first\tcolumn\nlazy",
    "A description.\n- one\ncontinued\n- two\n\n1. first\nsecond line of the first",
    "See https://docs.github.com/rest and <https://github.com>; the value is [optional] in <details>, never `<null>`.",
    "Ends a comment */ and a docstring \"\"\" and '''; has `backticks` and ${template} text.",
    "```json\n{\"number\": 1}\n```\n\tAn indented line.\n> quoted\ncontinued",
    "A long description that goes on well past the print width of every formatter in use, as GitHub's own descriptions of fields often do, without any break.",
];

/// Param names of the context reads: React's own prop names and the
/// provider's `params` among them.
const CONTEXT_PARAMS: &[(&str, &str)] = &[
    ("owner", "string"),
    ("key", "string"),
    ("ref", "string?"),
    ("children", "bool"),
    ("params", "string"),
    ("per_page", "int"),
];

/// The IR of an API with exactly `functions` functions.
pub fn ir(functions: usize) -> String {
    let mut rng = Rng::new(20);
    let mut out = String::with_capacity(functions * 3_000);
    out.push_str("// A large realistic API, generated by tests/common/large_ir.rs\n");
    out.push_str("mizan-ir 1 project=large base-url=\"/api/mizan\"\n\n");
    for r in 0..functions.div_ceil(PER_RESOURCE) {
        let count = (functions - r * PER_RESOURCE).min(PER_RESOURCE);
        let res = Resource::new(r);
        res.enums(&mut out, &mut rng);
        res.objects(&mut out, &mut rng);
        res.unions(&mut out);
        res.functions(&mut out, &mut rng, count);
    }
    out
}

/// ` doc="…"` a third of the time.
fn doc(rng: &mut Rng) -> String {
    if rng.chance(33) { format!(" doc={}", q(rng.pick::<&str>(DOCS))) } else { String::new() }
}

struct Resource {
    r: usize,
    area: &'static str,
    snake: &'static str,
}

impl Resource {
    fn new(r: usize) -> Resource {
        let (area, snake) = AREAS[r % AREAS.len()];
        Resource { r, area, snake }
    }

    fn object(&self, i: usize) -> String {
        format!("{}{}{}", self.area, OBJECT_NOUNS[i], self.r)
    }

    fn enumeration(&self, i: usize) -> String {
        format!("{}{}{}", self.area, ENUM_NOUNS[i], self.r)
    }

    fn event(&self, i: usize) -> String {
        format!("{}{}Event{}", self.area, EVENT_NOUNS[i], self.r)
    }

    /// The tag value of the `i`-th event: its own for every other one,
    /// else its type name.
    fn tag_value(&self, i: usize) -> String {
        if i.is_multiple_of(2) { EVENT_NOUNS[i].to_lowercase() } else { self.event(i) }
    }

    /// The enum of every event's tag value, the type of some events' own
    /// `kind` field.
    fn event_kind(&self) -> String {
        format!("{}EventKind{}", self.area, self.r)
    }

    fn tagged(&self) -> String {
        format!("{}Event{}", self.area, self.r)
    }

    fn untagged(&self) -> String {
        format!("{}SearchResultItem{}", self.area, self.r)
    }

    /// An alias of `int` used as a required param of a context read (the
    /// hook's own param whose type the context does not have).
    fn number_alias(&self) -> String {
        format!("{}AlertNumber{}", self.area, self.r)
    }

    /// The previous resource's main object (the first one's own), so the
    /// type graph is connected across resources.
    fn previous(&self) -> String {
        if self.r == 0 { self.object(0) } else { Resource::new(self.r - 1).object(0) }
    }

    fn context(&self) -> String {
        // Numbered (`ctx1`, `ctx10`) and dashed context names, by turns.
        if self.r.is_multiple_of(2) {
            format!("ctx{}", self.r)
        } else {
            format!("{}-{}", self.snake.replace('_', "-"), self.r)
        }
    }

    fn enums(&self, out: &mut String, rng: &mut Rng) {
        for i in 0..ENUMS {
            let _ = writeln!(out, "enum {}{} {{", self.enumeration(i), doc(rng));
            let n = rng.range(2, 8);
            let start = rng.below(ENUM_VALUES.len());
            for k in 0..n {
                let value = ENUM_VALUES[(start + k) % ENUM_VALUES.len()];
                // `in_progress` and `in-progress` render alike: one of them.
                if value == "in-progress" && k > 0 && ENUM_VALUES[(start + k - 1) % ENUM_VALUES.len()] == "in_progress"
                {
                    continue;
                }
                let deprecated = if rng.chance(5) { " deprecated=\"use open\"" } else { "" };
                let _ = writeln!(out, "    value {}{deprecated}", q(value));
            }
            out.push_str("}\n\n");
        }
        let _ = writeln!(out, "enum {} doc=\"What an event is\" {{", self.event_kind());
        for i in 0..EVENT_NOUNS.len() {
            let _ = writeln!(out, "    value {}", q(&self.tag_value(i)));
        }
        out.push_str("}\n\n");
        let _ = writeln!(out, "alias {} int doc=\"The number of an alert in its repository\"\n", self.number_alias());
        let _ = writeln!(out, "alias {}Id int\n", self.area_id());
    }

    fn area_id(&self) -> String {
        format!("{}{}", self.area, self.r)
    }

    /// A field type: a primitive, a type of this resource, of the previous
    /// one, nested in lists, maps and nullables.
    fn field_type(&self, rng: &mut Rng) -> String {
        let base = match rng.below(12) {
            0..=3 => rng.pick(&["string", "int", "bool", "datetime", "float", "uuid", "json", "decimal"]).to_string(),
            4 | 5 => self.enumeration(rng.below(ENUMS)),
            6 | 7 => self.object(rng.below(OBJECTS)),
            8 => self.previous(),
            9 => self.tagged(),
            10 => format!("{}Id", self.area_id()),
            _ => self.untagged(),
        };
        match rng.below(10) {
            0 | 1 => format!("{base}?"),
            2 => format!("list<{base}>"),
            3 => format!("list<list<{base}>?>?"),
            4 => format!("map<list<{base}>>"),
            _ => base,
        }
    }

    fn fields(&self, out: &mut String, rng: &mut Rng, first: usize) {
        let n = rng.range(3, 12);
        let start = rng.below(FIELD_NAMES.len());
        for k in 0..n.min(FIELD_NAMES.len()) {
            let name = FIELD_NAMES[(start + k) % FIELD_NAMES.len()];
            let ty = if k == 0 { format!("{}Id", self.area_id()) } else { self.field_type(rng) };
            let optional = if rng.chance(45) { " optional=#true" } else { "" };
            let deprecated = if rng.chance(3) { " deprecated=#true" } else { "" };
            let _ = writeln!(out, "    field {} {}{optional}{deprecated}{}", q(name), q(&ty), doc(rng));
        }
        if first.is_multiple_of(3) {
            // GitHub's reaction counts.
            out.push_str("    field \"+1\" int doc=\"Thumbs up\"\n    field \"-1\" int doc=\"Thumbs down\"\n");
            out.push_str("    field \"*/\" \"int?\" optional=#true\n    field \"<=\" \"string?\" optional=#true\n");
        }
    }

    fn objects(&self, out: &mut String, rng: &mut Rng) {
        for i in 0..OBJECTS {
            let _ = writeln!(out, "type {}{} {{", self.object(i), doc(rng));
            self.fields(out, rng, i);
            out.push_str("}\n\n");
        }
        for i in 0..EVENT_NOUNS.len() {
            let _ = writeln!(out, "type {}{} {{", self.event(i), doc(rng));
            match i % 4 {
                0 | 2 => out.push_str("    field kind string doc=\"The event's kind\"\n"),
                1 => {
                    let _ = writeln!(out, "    field kind {}", self.event_kind());
                }
                _ => {}
            }
            self.fields(out, rng, i + 1);
            out.push_str("}\n\n");
        }
    }

    fn unions(&self, out: &mut String) {
        let _ = writeln!(out, "union {} tag=kind doc=\"What happened, by `kind`\" {{", self.tagged());
        for i in 0..EVENT_NOUNS.len() {
            let tag = if i.is_multiple_of(2) { format!(" tag-value={}", q(&self.tag_value(i))) } else { String::new() };
            let _ = writeln!(out, "    variant {}{tag}", self.event(i));
        }
        out.push_str("}\n\n");
        let _ = writeln!(out, "union {} doc=\"Untagged: any of many shapes\" {{", self.untagged());
        for i in (0..OBJECTS).step_by(2) {
            let _ = writeln!(out, "    variant {}", self.object(i));
        }
        for i in [0, 5, ENUMS - 1] {
            let _ = writeln!(out, "    variant {}", self.enumeration(i));
        }
        let _ = writeln!(out, "    variant {}", self.number_alias());
        out.push_str("}\n\n");
    }

    fn functions(&self, out: &mut String, rng: &mut Rng, count: usize) {
        let (s, r) = (self.snake, self.r);
        let ctx = self.context();
        let websocket = if r % 7 == 3 { " transport=websocket" } else { "" };
        let main = self.object(0);
        let detail = self.object(4);
        let long = self.object(OBJECTS - 2);
        let state = self.enumeration(0);
        let alert = self.number_alias();
        let form = format!("{s}{r}_settings");
        let mut all: Vec<String> = Vec::new();
        // Context reads: React's prop names as params, the hook's own
        // required alias param, a long list return.
        let mut params = String::new();
        for (p, ty) in CONTEXT_PARAMS {
            let optional = if *p == "owner" { "" } else { " optional=#true" };
            let _ = writeln!(params, "    param {p} {}{optional}", q(ty));
        }
        all.push(format!(
            "function {s}{r}_get context={ctx}{websocket} doc={} {{\n{params}    returns \"{detail}?\"\n}}\n",
            q(DOCS[1])
        ));
        all.push(format!(
            "function {s}{r}_list_alerts_for_repository_with_a_long_name context={ctx}{websocket} cache=60 rev=2 {{\n{params}    param alert_number {alert}\n    param state {state} optional=#true\n    returns \"list<{long}>\"\n}}\n"
        ));
        all.push(format!(
            "function {s}{r}_create auth=#true doc=\"Creates one.\" {{\n    param owner string\n    param name string max-length=100\n    param tags \"list<string>\" optional=#true\n    param settings \"list<list<{long}>?>?\" optional=#true\n    returns {main}\n    affects {ctx}\n}}\n"
        ));
        all.push(format!(
            "function {s}{r}_update auth=#true deprecated=\"use {s}{r}_replace\" {{\n    param owner string\n    param body {detail}\n    returns \"{detail}?\"\n    affects {s}{r}_list_alerts_for_repository_with_a_long_name kind=function\n    merge {ctx}\n}}\n"
        ));
        all.push(format!(
            "function {s}{r}_delete auth=staff deprecated=#true {{\n    param owner string\n    param id {}Id\n    affects {ctx}\n}}\n",
            self.area_id()
        ));
        all.push(format!(
            "function {s}{r}_upload_release_asset_for_a_repository_with_a_very_long_function_name auth=#true {{\n    param owner string\n    param file upload\n    param extra \"list<upload>?\" optional=#true\n    returns \"list<{}>\"\n}}\n",
            self.untagged()
        ));
        all.push(format!(
            "function {s}{r}_send transport=websocket {{\n    param room string\n    param payload \"map<list<{}>>\"\n    returns {}\n}}\n",
            self.tagged(),
            self.tagged()
        ));
        all.push(format!(
            "function \"{form}.validate\" form={form} role=validate {{\n    param email string format=email\n    param name string min-length=1 max-length=200\n    param visibility {}\n    returns \"list<string>\"\n}}\n",
            self.enumeration(3)
        ));
        all.push(format!(
            "function \"{form}.submit\" form={form} role=submit {{\n    param email string format=email\n    param name string min-length=1 max-length=200\n    param visibility {}\n    returns {main}\n}}\n",
            self.enumeration(3)
        ));
        all.push(format!("function {s}{r}_page context={ctx} view=#true route=\"/{s}/{r}/<owner>/\" methods=GET\n"));
        if count > 0 {
            let _ = writeln!(out, "context {ctx}{}\n", doc(rng));
        }
        for f in &all[..count] {
            out.push_str(f);
        }
        let _ = writeln!(
            out,
            "\nchannel {s}{r}-events{} {{\n    param owner string\n    param key string\n    client-message {main}\n    server-message {}\n}}\n",
            doc(rng),
            self.tagged()
        );
    }
}
