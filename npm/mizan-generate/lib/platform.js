'use strict';
// Finds the native mizan-generate binary for the running machine: the
// MIZAN_GENERATE_BINARY override, else the binary inside the platform package
// npm installed as an optional dependency. Every failure becomes a
// LauncherError whose message says what was looked for and how to fix it.

const fs = require('fs');
const path = require('path');

/** The single table of supported platforms, shared with the release script. */
const PLATFORMS = require('../platforms.json');
/** The npm scope of the per-platform packages. */
const SCOPE = '@mizan-generate';
/** Environment variable that overrides the binary path. */
const OVERRIDE_ENV = 'MIZAN_GENERATE_BINARY';
/** Exit codes of launcher failures, kept apart from the CLI's 0/1/2 (shell conventions). */
const EXIT_NOT_FOUND = 127;
const EXIT_NOT_EXECUTABLE = 126;

/** An error the launcher reports as a message and exit code, without a stack. */
class LauncherError extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** The npm package name of a platform table entry. */
function packageName(entry) {
  return `${SCOPE}/${entry.id}`;
}

/** Where a platform package keeps its binary, relative to its root. */
function binaryPath(entry) {
  return path.posix.join('bin', entry.binary);
}

/** Facts about the running process, injectable so detection can be tested. */
const hostProbe = {
  platform: process.platform,
  arch: process.arch,
  report() {
    if (!process.report || typeof process.report.getReport !== 'function') return null;
    // Network details make the report slow (DNS lookups) and are not needed;
    // older Nodes lack the switch.
    const hasSwitch = 'excludeNetwork' in process.report;
    const exclude = hasSwitch && process.report.excludeNetwork;
    try {
      if (hasSwitch) process.report.excludeNetwork = true;
      return process.report.getReport();
    } catch {
      return null;
    } finally {
      if (hasSwitch) process.report.excludeNetwork = exclude;
    }
  },
  readFile(file) {
    try {
      return fs.readFileSync(file, 'latin1');
    } catch {
      return null;
    }
  },
  listDir(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/**
 * The C library of a Linux host: "glibc", "musl", or null when unknown or not
 * Linux. Node's own report first (it says which glibc Node runs on), then the
 * `ldd` script, then the musl dynamic loader's presence.
 */
function detectLibc(probe = hostProbe) {
  if (probe.platform !== 'linux') return null;
  const report = probe.report();
  if (report && report.header) {
    if (report.header.glibcVersionRuntime) return 'glibc';
    const objects = Array.isArray(report.sharedObjects) ? report.sharedObjects : [];
    if (objects.some((o) => /ld-musl-|libc\.musl-/.test(o))) return 'musl';
  }
  const ldd = probe.readFile('/usr/bin/ldd');
  if (ldd !== null) {
    if (ldd.includes('musl')) return 'musl';
    if (ldd.includes('GNU C Library') || ldd.includes('glibc')) return 'glibc';
  }
  if (probe.listDir('/lib').some((f) => f.startsWith('ld-musl-'))) return 'musl';
  return null;
}

/**
 * The table entries that can run on the host, best first. With an unknown
 * libc both Linux builds are candidates; npm installs the one matching its own
 * libc detection.
 */
function candidates(probe = hostProbe) {
  const libc = detectLibc(probe);
  const fits = PLATFORMS.filter((p) => p.os === probe.platform && p.cpu === probe.arch);
  return fits.filter((p) => p.libc === null || libc === null || p.libc === libc);
}

/** A human description of the host, e.g. "linux x64 (musl)". */
function describeHost(probe = hostProbe) {
  const libc = detectLibc(probe);
  return `${probe.platform} ${probe.arch}${libc ? ` (${libc})` : ''}`;
}

module.exports = {
  PLATFORMS,
  SCOPE,
  OVERRIDE_ENV,
  EXIT_NOT_FOUND,
  EXIT_NOT_EXECUTABLE,
  LauncherError,
  packageName,
  hostProbe,
  detectLibc,
  candidates,
  describeHost,
  binaryPath,
};
