//! The source command's process group: whatever it starts dies with it.
//!
//! On Unix the command leads a new process group, so killing it on a
//! timeout, an oversized output or at the end of the read also kills its
//! children (a script's `sleep`, a server started in the background), which
//! would otherwise live on under init and could hold our pipes open.
//! Elsewhere only the command itself is killed.
//!
//! A group of its own is out of the terminal's reach: Ctrl-C signals only
//! the foreground group, which is ours. So while the command runs,
//! `Interrupts` catches SIGINT, SIGTERM and SIGHUP; the wait then kills the
//! command's group and this process dies of the same signal, as it would
//! have without the handler.

use std::process::{Child, Command};

/// Makes `command` start in a process group of its own.
pub fn isolate(command: &mut Command) {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(command, 0);
    #[cfg(not(unix))]
    let _ = command;
}

/// Kills the command and, on Unix, everything left in its group. Failures
/// are ignored: they mean there was nothing left to kill.
pub fn kill(child: &mut Child) {
    #[cfg(unix)]
    {
        // The group's id is the leader's pid, which is not reused while the
        // group has a member; once it is empty, reuse within the moments
        // since the leader was reaped would take a wrap-around of pids.
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
}

/// Termination signals caught while the command runs (Unix); released on
/// drop, restoring the default actions.
pub struct Interrupts {
    #[cfg(unix)]
    caught: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

#[cfg(unix)]
const SIGNALS: [i32; 3] = [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];

impl Interrupts {
    /// Starts catching. A signal that cannot be caught is left alone: the
    /// command's group then merely outlives an interrupted run, as before.
    pub fn catch() -> Interrupts {
        #[cfg(unix)]
        {
            let caught = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let ids = SIGNALS
                .iter()
                .filter_map(|&sig| signal_hook::flag::register_usize(sig, caught.clone(), sig as usize).ok())
                .collect();
            Interrupts { caught, ids }
        }
        #[cfg(not(unix))]
        Interrupts {}
    }

    /// The signal caught, if any.
    pub fn caught(&self) -> Option<i32> {
        #[cfg(unix)]
        {
            match self.caught.load(std::sync::atomic::Ordering::SeqCst) {
                0 => None,
                sig => Some(sig as i32),
            }
        }
        #[cfg(not(unix))]
        None
    }

    /// Restores the default actions and dies of `sig` (the command's group
    /// was killed first).
    pub fn die_of(self, sig: i32) -> ! {
        drop(self);
        #[cfg(unix)]
        let _ = signal_hook::low_level::emulate_default_handler(sig);
        std::process::exit(128 + sig)
    }
}

impl Drop for Interrupts {
    fn drop(&mut self) {
        #[cfg(unix)]
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}
