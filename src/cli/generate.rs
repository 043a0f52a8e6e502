//! The two pipelines the command line runs.

use super::GenerateArgs;
use super::report::{Failure, Ui};
use super::timings::Timings;
use crate::config::{self, Config};
use crate::source::{self, Source};
use crate::write::{self, Output, Plan};
use crate::{emit, ir, model};
use std::time::Instant;

/// The main command: config → source → IR (parse, check, lower) → emit →
/// write (or compare, with `--check`). Every error happens before the first
/// write.
pub(super) fn run(args: &GenerateArgs, ui: &Ui) -> Result<(), Failure> {
    let mut t = Timings::new(args.timings);
    let config = config::load(&args.request()).map_err(Failure::Config)?;
    let ir = source::read(&config.source).map_err(Failure::Source)?;
    t.lap("read");
    // Lowering runs beside the check; its result is dropped if the check fails.
    let timed_lower = |doc: &ir::Document| {
        let start = Instant::now();
        (crate::lower::lower(doc), start.elapsed())
    };
    let generated = emit::checked_names(config.targets.iter().map(|spec| spec.target));
    let (doc, (api, lower_took)) =
        ir::load_with(&ir.text, generated, timed_lower, &mut |phase, took| t.record(phase, took))
            .map_err(|diags| Failure::Ir { diags, ir })?;
    t.record("lower", lower_took);
    t.lap("front");
    let api = with_base_url(api, &config);
    let outputs = emit_all(&api, &config, &mut t);
    let plan = write::plan(config.root.as_deref(), outputs).map_err(Failure::Generate)?;
    t.lap("write-plan");
    let result = if args.check { check(&plan, ui) } else { apply(&plan, ui) };
    t.lap("write");
    t.report();
    // The process exits next and the OS takes the memory back at once;
    // freeing the AST, the model and the plan allocation by allocation
    // would add ~10% to a run (40 ms at 10,000 functions).
    std::mem::forget((doc, api, plan));
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

/// Every enabled target, emitted in parallel (the targets are independent
/// functions of the model); outputs in the config's order.
fn emit_all(api: &model::Api, config: &Config, t: &mut Timings) -> Vec<Output> {
    let jobs = crate::par::map(
        &config.targets,
        |spec| relative_cost(spec.target),
        |spec| {
            let start = Instant::now();
            let files = emit::emit(api, spec.target, &spec.options);
            (Output { target: spec.target, dir: spec.dir.clone(), files }, start.elapsed())
        },
    );
    t.lap("emit");
    jobs.into_iter()
        .map(|(output, took)| {
            t.record(&format!("emit-{}", output.target), took);
            output
        })
        .collect()
}

/// Roughly how long a target takes to emit, relative to the others, so the
/// longest start first.
fn relative_cost(target: emit::Target) -> usize {
    use emit::Target::*;
    match target {
        Python => 5,
        Rust => 3,
        Stage1 | React | Vue | Svelte => 2,
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

fn apply(plan: &Plan, ui: &Ui) -> Result<(), Failure> {
    let summary = plan.apply().map_err(|e| Failure::Generate(vec![e]))?;
    ui.summary(&summary);
    Ok(())
}
