// Shared by the npm tests: repository paths, temp dirs, fake binaries and a
// way to run the launcher shim as a user would (node + the bin script).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The committed launcher package. */
export const LAUNCHER_DIR = path.join(ROOT, 'npm/mizan-generate');
/** The launcher's bin script. */
export const SHIM = path.join(LAUNCHER_DIR, 'bin/mizan-generate.js');
/** What the launcher ships (package.json `files` plus the manifest). */
export const LAUNCHER_FILES = ['package.json', 'platforms.json', 'bin', 'lib'];

/** A fresh temp dir removed after the test `t`. */
export function tempDir(t, prefix = 'mizan-npm-') {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment without variables that would change how the shim resolves. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env };
  delete env.MIZAN_GENERATE_BINARY;
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return { ...env, ...extra };
}

/**
 * Writes an executable node script at dir/name that runs `body` (with the
 * script's arguments in `args`); it stands in for the native binary.
 */
export function fakeBinary(dir, name, body) {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const script = `#!${process.execPath}\n'use strict';\nconst args = process.argv.slice(2);\n${body}\n`;
  fs.writeFileSync(file, script, { mode: 0o755 });
  return file;
}

/** Runs the shim (`shim`, default the committed one) synchronously; returns spawnSync's result as text. */
export function runShim(args, { env = {}, input, cwd = ROOT, shim = SHIM } = {}) {
  return spawnSync(process.execPath, [shim, ...args], {
    cwd,
    env: cleanEnv(env),
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/** Copies the launcher's shipped files into dir (e.g. a node_modules/mizan-generate). */
export function copyLauncher(dir) {
  for (const name of LAUNCHER_FILES) {
    fs.cpSync(path.join(LAUNCHER_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

/** Runs a command, failing with its output when it exits non-zero; returns stdout. */
export function runOk(cmd, args, options = {}) {
  const out = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, ...options });
  if (out.error) throw new Error(`${cmd} ${args.join(' ')}: ${out.error.message}`);
  if (out.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${out.status} (${out.signal}):\n${out.stdout}\n${out.stderr}`);
  }
  return out.stdout;
}

/**
 * The compiled mizan-generate to package: $MIZAN_GENERATE_BIN, else
 * target/release then target/debug. Throws (never skips) when there is none.
 */
export function compiledBinary() {
  const exe = process.platform === 'win32' ? 'mizan-generate.exe' : 'mizan-generate';
  const fromEnv = process.env.MIZAN_GENERATE_BIN;
  const tried = fromEnv ? [path.resolve(fromEnv)] : ['release', 'debug'].map((p) => path.join(ROOT, 'target', p, exe));
  const found = tried.find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  if (!found) {
    throw new Error(
      `no compiled mizan-generate: looked at ${tried.join(', ')}. ` +
        'Run `cargo build --release` first, or set MIZAN_GENERATE_BIN to the binary.',
    );
  }
  return found;
}
