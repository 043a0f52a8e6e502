//! The two pipelines the command line runs.

use super::GenerateArgs;
use super::report::{Failure, Ui};
use super::timings::Timings;
use crate::config::{self, Config};
use crate::source::{self, Source};
use crate::target::Backend;
use crate::write::{self, Layout, Output, Plan};
use crate::{emit, ir, model};
use std::time::Instant;

/// The main command: config → source → IR (parse, check) → lower → emit
/// → write (or compare, with `--check`). Every error happens before the
/// first write.
pub(super) fn run(args: &GenerateArgs, ui: &Ui) -> Result<(), Failure> {
    let mut t = Timings::new(args.timings);
    let config = config::load(&args.request()).map_err(Failure::Config)?;
    let ir = source::read(&config.source).map_err(Failure::Source)?;
    t.lap("read");
    let targets: Vec<&dyn Backend> = config.targets.iter().map(|spec| spec.target.backend()).collect();
    let doc = ir::load_for(&ir.text, &targets).map_err(|diags| Failure::Ir { diags, ir })?;
    t.lap("check");
    let api = with_base_url(crate::lower::lower(&doc), &config);
    // Lowering copied what emission needs: the AST's memory is reused by
    // the emitters instead of fresh pages (peak RSS at 10,000 functions
    // 153 -> 121 MB, page faults -16%), which about pays for freeing it.
    drop(doc);
    t.lap("lower");
    let outputs = emit_all(&api, &config, &mut t)?;
    t.lap("emit");
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
    // freeing the model and the plan allocation by allocation would only
    // add to a run.
    std::mem::forget(api);
    result
}

/// `validate`: parse and check only.
pub(super) fn validate(source: &Source, ui: &Ui) -> Result<(), Failure> {
    let ir = source::read(source).map_err(Failure::Source)?;
    match ir::load(&ir.text) {
        Ok(_) => {
            ui.valid(&ir.name);
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

/// Every enabled target's files, emitted in parallel (the targets are
/// independent functions of the model), in the config's order.
fn emit_all(api: &model::Api, config: &Config, t: &mut Timings) -> Result<Vec<Output>, Failure> {
    let jobs = crate::par::map(
        &config.targets,
        |spec| spec.target.backend().cost(),
        |spec| {
            let start = Instant::now();
            (emit::emit(api, &spec.target), start.elapsed())
        },
    );
    let mut outputs = Vec::with_capacity(jobs.len());
    for (spec, (files, took)) in config.targets.iter().zip(jobs) {
        let name = spec.target.name();
        t.record(&format!("emit-{name}"), took);
        let files = files.map_err(|e| one(format!("the {name} target failed to render a template: {e}")))?;
        outputs.push(Output { target: name, dir: spec.dir.clone(), files });
    }
    Ok(outputs)
}

fn check(plan: &Plan, ui: &Ui) -> Result<(), Failure> {
    let differences = plan.differences();
    if !differences.is_empty() {
        return Err(Failure::Differences(differences));
    }
    ui.up_to_date();
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
