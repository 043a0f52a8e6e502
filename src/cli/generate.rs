//! The two pipelines the command line runs.

use super::GenerateArgs;
use super::report::{Failure, Ui};
use super::timings::Timings;
use crate::config::{self, Config};
use crate::source::{self, Source};
use crate::write::{self, Layout, Output, Plan};
use crate::{emit, ir, model};
use std::time::{Duration, Instant};

/// The main command: config → source → IR (parse, check; lower and emit
/// once the rules pass, beside the name rules) → write (or compare, with
/// `--check`). Every error happens before the first write.
pub(super) fn run(args: &GenerateArgs, ui: &Ui) -> Result<(), Failure> {
    let mut t = Timings::new(args.timings);
    let config = config::load(&args.request()).map_err(Failure::Config)?;
    let ir = source::read(&config.source).map_err(Failure::Source)?;
    t.lap("read");
    // Lowering and emission start once the rules pass, beside the name
    // rules; what they built is dropped if a name collides.
    let generated = emit::checked_names(config.targets.iter().map(|spec| spec.target));
    let (doc, built) =
        ir::load_with(&ir.text, generated, |doc| build(doc, &config), &mut |phase, took| t.record(phase, took))
            .map_err(|diags| Failure::Ir { diags, ir })?;
    for (phase, took) in &built.took {
        t.record(phase, *took);
    }
    t.lap("build");
    let Built { api, outputs, .. } = built;
    let layout = Layout { root: config.root.as_deref(), project: &config.project };
    let lock = write::lock::acquire(layout.home(), !args.check, &|dir| ui.waiting(dir)).map_err(one)?;
    let result = write::plan(layout, outputs, args.overwrite).map_err(Failure::Generate).and_then(|plan| {
        t.lap("write-plan");
        let result = if args.check { check(&plan, ui) } else { apply(&plan, ui) };
        t.lap("write");
        std::mem::forget(plan);
        result
    });
    if result.is_err() {
        lock.release_created();
    }
    t.report();
    // The process exits next and the OS takes the memory back at once;
    // freeing the AST, the model and the plan allocation by allocation
    // would add ~10% to a run (40 ms at 10,000 functions).
    std::mem::forget((doc, api));
    result
}

/// `validate`: parse and check only.
pub(super) fn validate(source: &Source, ui: &Ui) -> Result<(), Failure> {
    let ir = source::read(source).map_err(Failure::Source)?;
    match ir::load(&ir.text) {
        Ok(_) => {
            ui.info(&format!("{}: valid Mizan IR", ir.name));
            Ok(())
        }
        Err(diags) => Err(Failure::Ir { diags, ir }),
    }
}

/// The config's `base_url` replaces the IR's.
fn with_base_url(mut api: model::Api, config: &Config) -> model::Api {
    if let Some(url) = &config.base_url {
        api.base_url = url.clone();
    }
    api
}

/// The model and every enabled target's files, with how long lowering,
/// emission (wall) and each target took.
struct Built {
    api: model::Api,
    outputs: Vec<Output>,
    took: Vec<(String, Duration)>,
}

/// Lowers a checked document and emits every enabled target in parallel
/// (the targets are independent functions of the model); outputs in the
/// config's order.
fn build(doc: &ir::Document, config: &Config) -> Built {
    let start = Instant::now();
    let api = with_base_url(crate::lower::lower(doc), config);
    let mut took = vec![("lower".to_owned(), start.elapsed())];
    let start = Instant::now();
    let jobs = crate::par::map(
        &config.targets,
        |spec| relative_cost(spec.target),
        |spec| {
            let start = Instant::now();
            let files = emit::emit(&api, spec.target, &spec.options);
            (Output { target: spec.target, dir: spec.dir.clone(), files }, start.elapsed())
        },
    );
    took.push(("emit".to_owned(), start.elapsed()));
    let outputs = jobs
        .into_iter()
        .map(|(output, target_took)| {
            took.push((format!("emit-{}", output.target), target_took));
            output
        })
        .collect();
    Built { api, outputs, took }
}

/// Roughly how long a target takes to emit, relative to the others, so the
/// longest start first.
fn relative_cost(target: emit::Target) -> usize {
    use emit::Target::*;
    match target {
        Python => 5,
        Rust => 3,
        Stage1 | React | Vue | Svelte | Zod => 2,
        Manifest => 1,
    }
}

fn check(plan: &Plan, ui: &Ui) -> Result<(), Failure> {
    let differences = plan.differences();
    if !differences.is_empty() {
        return Err(Failure::Differences(differences));
    }
    ui.info("mizan-generate: every generated file is up to date");
    Ok(())
}

/// Writes the plan, unless it would overwrite files the tool did not write.
fn apply(plan: &Plan, ui: &Ui) -> Result<(), Failure> {
    if !plan.untracked().is_empty() {
        return Err(Failure::Untracked(plan.untracked().to_vec()));
    }
    let summary = plan.apply().map_err(one)?;
    ui.summary(&summary);
    Ok(())
}

fn one(message: String) -> Failure {
    Failure::Generate(vec![message])
}
