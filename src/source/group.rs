//! The source command's process group: whatever it starts dies with it.
//!
//! On Unix the command leads a new process group, so killing it on a
//! timeout, an oversized output or at the end of the read also kills its
//! children (a script's `sleep`, a server started in the background), which
//! would otherwise live on under init and could hold our pipes open.
//! Elsewhere only the command itself is killed.

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
