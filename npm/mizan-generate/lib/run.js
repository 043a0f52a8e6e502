'use strict';
// Runs the native binary as a child with the launcher's own stdio, forwards
// termination signals to it, and turns its end into the launcher's exit code.

const { spawn } = require('child_process');
const os = require('os');
const { EXIT_NOT_FOUND, EXIT_NOT_EXECUTABLE } = require('./platform.js');

// POSIX: a `kill <launcher pid>` (CI timeouts, process managers) reaches only
// the launcher, so these are passed on. On Windows there is nothing to send,
// but Ctrl-C reaches every console process, so the launcher just waits.
const FORWARDED = process.platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The launcher's exit code for a child that ended with `code` or was killed by
 * `signal`: the code itself, or 128 + the signal number as POSIX shells report it.
 */
function exitCodeFor(code, signal) {
  if (code !== null && code !== undefined) return code;
  const signo = os.constants.signals[signal];
  return signo ? 128 + signo : 1;
}

/** Runs `binary` with `args` (no shell) and calls `done(exitCode)` once it ends. */
function run(binary, args, done) {
  const child = spawn(binary, args, { stdio: 'inherit' });
  const forward = (signal) => {
    if (process.platform !== 'win32') child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  const finish = (exitCode) => {
    for (const signal of FORWARDED) process.removeListener(signal, forward);
    done(exitCode);
  };
  child.on('error', (err) => {
    process.stderr.write(`mizan-generate: could not run ${binary}: ${err.message}\n`);
    finish(err.code === 'ENOENT' ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE);
  });
  child.on('exit', (code, signal) => finish(exitCodeFor(code, signal)));
}

module.exports = { run, exitCodeFor };
