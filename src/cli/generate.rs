//! The two pipelines the command line runs.

use super::GenerateArgs;
use super::report::{Failure, Ui};
use super::timings::Timings;
use crate::config::{self, Config};
use crate::source::{self, Source};
use crate::write::{self, Output, Plan};
use crate::{emit, ir, model};

/// The main command: config → source → IR (parse, check, lower) → emit →
/// write (or compare, with `--check`). Every error happens before the first
/// write.
pub(super) fn run(args: &GenerateArgs, ui: &Ui) -> Result<(), Failure> {
    let mut t = Timings::new(args.timings);
    let config = config::load(&args.request()).map_err(Failure::Config)?;
    let ir = source::read(&config.source).map_err(Failure::Source)?;
    t.lap("read");
    let doc = ir::load_timed(&ir.text, &mut |phase| t.lap(phase)).map_err(|diags| Failure::Ir { diags, ir })?;
    let api = with_base_url(crate::lower::lower(&doc), &config);
    t.lap("lower");
    let outputs = emit_all(&api, &config, &mut t);
    let plan = write::plan(config.root.as_deref(), &outputs).map_err(Failure::Generate)?;
    t.lap("write-plan");
    let result = if args.check { check(&plan, ui) } else { apply(&plan, ui) };
    t.lap("write");
    t.report();
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

fn emit_all(api: &model::Api, config: &Config, t: &mut Timings) -> Vec<Output> {
    config
        .targets
        .iter()
        .map(|spec| {
            let files = emit::emit(api, spec.target, &spec.options);
            t.lap(&format!("emit-{}", spec.target));
            Output { target: spec.target, dir: spec.dir.clone(), files }
        })
        .collect()
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
