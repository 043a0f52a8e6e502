//! `--watch`: generate, then again whenever the config, the IR file or an
//! exporter source's `watch` paths change, until Ctrl-C.
//!
//! Events are debounced (an editor's save is several events; a checkout is
//! hundreds) and filtered: the output folders and the tool's own temporary
//! files never trigger a run, so a run's writes do not start the next one.
//! A failed run writes nothing (as always), so the last good output stays
//! while its diagnostics are printed.

use super::GenerateArgs;
use super::report::{Failure, Ui};
use crate::config;
use crate::source::Source;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// How long the files must be quiet before a run starts (notify's full
/// debouncer: it keeps each event's kind, so reads can be told from writes,
/// and folds an editor's rename-over-save into one change).
const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often the wait looks at the stop flag.
const POLL: Duration = Duration::from_millis(100);

/// What one round watches.
#[derive(Debug, Default, PartialEq, Eq)]
struct Watched {
    /// Files whose change starts a run (their folder is watched).
    files: Vec<PathBuf>,
    /// Folders where any change starts a run.
    folders: Vec<PathBuf>,
    /// Folders whose changes never do: the output.
    ignored: Vec<PathBuf>,
}

impl Watched {
    /// What a run with `args` reads: the config file, then its source's
    /// file or `watch` paths, minus its output folders.
    fn of(args: &GenerateArgs) -> Watched {
        let mut w = Watched::default();
        let config_file = config::normalize(args.config.as_deref().unwrap_or(Path::new(config::DEFAULT_FILE)));
        w.files.push(config_file);
        let Ok(config) = config::load(&args.request()) else { return w };
        if let Source::File(path) = &config.source {
            w.files.push(path.clone());
        }
        for path in &config.watch {
            if path.is_dir() { w.folders.push(path.clone()) } else { w.files.push(path.clone()) }
        }
        w.ignored = config.targets.iter().map(|t| t.dir.clone()).collect();
        w.ignored.extend(config.root.clone());
        w
    }

    /// Whether a change of `path` starts a run.
    fn wants(&self, path: &Path) -> bool {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if name.ends_with(".mizan-tmp") || name.starts_with(".mizan-") {
            return false;
        }
        if self.ignored.iter().any(|dir| path.starts_with(dir)) {
            return false;
        }
        self.files.iter().any(|f| f == path) || self.folders.iter().any(|dir| path.starts_with(dir))
    }

    /// The folders to hand the OS watcher: each file's folder (editors
    /// replace files by renaming over them), and each folder, recursively.
    fn roots(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut roots: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for f in &self.files {
            if let Some(dir) = f.parent().filter(|d| d.is_dir()) {
                roots.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        roots.extend(self.folders.iter().map(|d| (d.clone(), RecursiveMode::Recursive)));
        roots.sort_by(|a, b| {
            a.0.cmp(&b.0).then((a.1 == RecursiveMode::NonRecursive).cmp(&(b.1 == RecursiveMode::NonRecursive)))
        });
        roots.dedup_by(|a, b| a.0 == b.0);
        roots
    }

    fn describe(&self) -> String {
        let mut names: Vec<String> = self.files.iter().map(|p| config::display_path(p)).collect();
        names.extend(self.folders.iter().map(|p| format!("{}/", config::display_path(p))));
        names.join(", ")
    }
}

/// Ctrl-C (and SIGTERM): asks the loop to stop after the current run,
/// rather than killing the process in the middle of its writes.
fn stop_flag() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register(sig, stop.clone());
    }
    stop
}

pub(super) fn run(args: &GenerateArgs, ui: &Ui) -> Result<(), Failure> {
    if args.ir.as_deref().is_some_and(|p| p.as_os_str() == "-") {
        return Err(Failure::Config(config::Error::message("--watch cannot read the IR from stdin: pass --ir FILE")));
    }
    let stop = stop_flag();
    let (events, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, events)
        .map_err(|e| Failure::Generate(vec![format!("cannot watch files: {e}")]))?;
    let mut roots: Vec<(PathBuf, RecursiveMode)> = Vec::new();
    loop {
        if let Err(failure) = super::generate::run(args, ui) {
            ui.failure(&failure);
        }
        let watched = Watched::of(args);
        let next = watched.roots();
        if next != roots {
            for (dir, _) in &roots {
                let _ = debouncer.unwatch(dir);
            }
            for (dir, mode) in &next {
                if let Err(e) = debouncer.watch(dir, *mode) {
                    ui.warn(&format!("cannot watch {}: {e}", config::display_path(dir)));
                }
            }
            roots = next;
        }
        ui.note(&format!("watching {} for changes (Ctrl-C to stop)", watched.describe()));
        if !wait(&watched, &rx, &stop, ui) {
            ui.note("mizan-generate: stopped watching");
            return Ok(());
        }
    }
}

/// Waits for a change `watched` wants (true) or a stop (false).
fn wait(watched: &Watched, rx: &mpsc::Receiver<DebounceEventResult>, stop: &AtomicBool, ui: &Ui) -> bool {
    loop {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        match rx.recv_timeout(POLL) {
            Ok(Ok(events)) => {
                // Reading a file is an event too (the run's own reads):
                // only changes count.
                let changed = |kind: &EventKind| !matches!(kind, EventKind::Access(_));
                if events.iter().any(|e| changed(&e.event.kind) && e.event.paths.iter().any(|p| watched.wants(p))) {
                    return true;
                }
            }
            Ok(Err(errors)) => errors.iter().for_each(|e| ui.warn(&format!("watching: {e}"))),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return false,
        }
    }
}
