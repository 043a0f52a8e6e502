// The launcher shim as a user runs it: arguments, stdin, exit codes and
// signals pass through untouched; the override and the platform package are
// found; a missing platform package is explained.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import platform from '../mizan-generate/lib/platform.js';
import { SHIM, copyLauncher, cleanEnv, fakeBinary, runShim, tempDir } from './helpers.mjs';

const ECHO_ARGS = 'process.stdout.write(JSON.stringify(args));';

test('arguments reach the binary verbatim', (t) => {
  const bin = fakeBinary(tempDir(t), 'echo-args', ECHO_ARGS);
  const args = [
    'plain',
    'with space',
    '  leading and trailing  ',
    '"double quotes"',
    "'single quotes'",
    '',
    'ünïcødé ✓ 日本語 🚀',
    '$HOME',
    '*',
    '`whoami`',
    'a\\b\\\\c',
    'semi;colon && pipe | redirect > out',
    'line\nbreak\ttab',
    '--ir',
    '-',
    '--config=my config.toml',
  ];
  const out = runShim(args, { env: { MIZAN_GENERATE_BINARY: bin } });
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(JSON.parse(out.stdout), args);
});

test('no arguments stay no arguments', (t) => {
  const bin = fakeBinary(tempDir(t), 'echo-args', ECHO_ARGS);
  const out = runShim([], { env: { MIZAN_GENERATE_BINARY: bin } });
  assert.deepEqual(JSON.parse(out.stdout), []);
});

test('exit codes are forwarded', (t) => {
  const bin = fakeBinary(tempDir(t), 'exit-with', 'process.exit(Number(args[0]));');
  for (const code of [0, 1, 2, 42]) {
    const out = runShim([String(code)], { env: { MIZAN_GENERATE_BINARY: bin } });
    assert.equal(out.signal, null);
    assert.equal(out.status, code, `exit ${code}: ${out.stderr}`);
  }
});

test('death by signal is reported as 128 + the signal number', (t) => {
  const bin = fakeBinary(tempDir(t), 'kill-self', 'process.kill(process.pid, args[0]); setTimeout(() => {}, 10000);');
  for (const [signal, expected] of [
    ['SIGTERM', 143],
    ['SIGKILL', 137],
  ]) {
    assert.equal(128 + os.constants.signals[signal], expected);
    const out = runShim([signal], { env: { MIZAN_GENERATE_BINARY: bin } });
    assert.equal(out.signal, null, 'the launcher itself exits normally');
    assert.equal(out.status, expected, `${signal}: ${out.stderr}`);
  }
});

test('stdin is passed through (the `--ir -` case)', (t) => {
  const bin = fakeBinary(
    tempDir(t),
    'read-stdin',
    "let data = ''; process.stdin.setEncoding('utf8');" +
      "process.stdin.on('data', (c) => (data += c));" +
      "process.stdin.on('end', () => process.stdout.write(JSON.stringify({ args, data })));",
  );
  const input = 'mizan-ir 1 project=shop base-url="/api/mizan"\n// ünïcødé ✓\n'.repeat(2000);
  const out = runShim(['--ir', '-'], { env: { MIZAN_GENERATE_BINARY: bin }, input });
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(JSON.parse(out.stdout), { args: ['--ir', '-'], data: input });
});

test('stdout and stderr are the binary’s own', (t) => {
  const bin = fakeBinary(tempDir(t), 'both', "process.stdout.write('to out\\n'); process.stderr.write('to err\\n');");
  const out = runShim([], { env: { MIZAN_GENERATE_BINARY: bin } });
  assert.equal(out.stdout, 'to out\n');
  assert.equal(out.stderr, 'to err\n');
});

/** A project dir with the launcher and a fake platform package for this host in node_modules. */
function installedProject(t, { platformVersion } = {}) {
  const project = tempDir(t);
  const launcher = copyLauncher(path.join(project, 'node_modules/mizan-generate'));
  const version = JSON.parse(fs.readFileSync(path.join(launcher, 'package.json'), 'utf8')).version;
  const [entry] = platform.candidates();
  assert.ok(entry, `this host (${platform.describeHost()}) has a platform package`);
  const pkgDir = path.join(project, 'node_modules', platform.packageName(entry));
  fakeBinary(pkgDir, platform.binaryPath(entry), "process.stdout.write('from the platform package');");
  const manifest = { name: platform.packageName(entry), version: platformVersion || version };
  fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(manifest));
  return { project, shim: path.join(launcher, 'bin/mizan-generate.js'), entry };
}

test('the platform package binary runs when there is no override', (t) => {
  const { project, shim } = installedProject(t);
  const out = runShim([], { cwd: project, shim });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, 'from the platform package');
  assert.equal(out.stderr, '');
});

test('MIZAN_GENERATE_BINARY overrides the platform package', (t) => {
  const { project, shim } = installedProject(t);
  fakeBinary(project, 'tools/mine', "process.stdout.write('from the override');");
  // A relative override is taken from the working directory.
  const out = runShim([], { cwd: project, shim, env: { MIZAN_GENERATE_BINARY: 'tools/mine' } });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, 'from the override');
});

test('an override that is not a file is reported', (t) => {
  const missing = path.join(tempDir(t), 'nope');
  const out = runShim([], { env: { MIZAN_GENERATE_BINARY: missing } });
  assert.equal(out.status, 127);
  assert.match(out.stderr, /MIZAN_GENERATE_BINARY is set to ".*nope", but .*nope is not a file/);
});

test('an override that cannot be executed is reported', (t) => {
  const file = path.join(tempDir(t), 'not-executable');
  fs.writeFileSync(file, 'just text', { mode: 0o644 });
  const out = runShim([], { env: { MIZAN_GENERATE_BINARY: file } });
  assert.equal(out.status, 126);
  assert.match(out.stderr, /mizan-generate: could not run .*not-executable: .*EACCES/);
});

test('a platform package of another version runs with a warning', (t) => {
  const { project, shim, entry } = installedProject(t, { platformVersion: '9.9.9' });
  const out = runShim([], { cwd: project, shim });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, 'from the platform package');
  const name = platform.packageName(entry);
  assert.ok(out.stderr.includes(`mizan-generate: warning: the launcher is `), out.stderr);
  assert.ok(out.stderr.includes(`but ${name} is 9.9.9`), out.stderr);
});

test('a missing platform package says what was looked for and how to fix it', (t) => {
  const project = tempDir(t);
  const launcher = copyLauncher(path.join(project, 'node_modules/mizan-generate'));
  const version = JSON.parse(fs.readFileSync(path.join(launcher, 'package.json'), 'utf8')).version;
  const out = runShim(['--check'], { cwd: project, shim: path.join(launcher, 'bin/mizan-generate.js') });
  assert.equal(out.status, 127, 'a distinct code, not the CLI’s 1 (stale) or 2 (usage)');
  assert.equal(out.stdout, '');
  const host = platform.describeHost();
  assert.ok(out.stderr.includes(`the native binary for ${host} is not installed`), out.stderr);
  for (const entry of platform.candidates()) {
    assert.ok(out.stderr.includes(`${platform.packageName(entry)}@${version}`), out.stderr);
  }
  assert.ok(out.stderr.includes(`from ${launcher}`), out.stderr);
  for (const hint of ['--omit=optional', '--no-optional', 'delete node_modules', 'npm install --save-dev @mizan-generate/']) {
    assert.ok(out.stderr.includes(hint), `mentions ${hint}:\n${out.stderr}`);
  }
  assert.ok(out.stderr.includes('MIZAN_GENERATE_BINARY=/path/to/mizan-generate'), out.stderr);
});

/** Starts the shim on a fake binary that prints "ready" and then waits; resolves once ready. */
function startWaiting(t, body) {
  // The fake gives up after 15 s so a failing test leaves no orphan behind.
  const wait = "process.stdout.write('ready\\n'); setTimeout(() => process.exit(99), 15000);";
  const bin = fakeBinary(tempDir(t), 'wait', `${body}\n${wait}`);
  const child = spawn(process.execPath, [SHIM], {
    env: cleanEnv({ MIZAN_GENERATE_BINARY: bin }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  const ended = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
  const ready = new Promise((resolve) =>
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('ready\n')) resolve();
    }),
  );
  return { child, ready, ended };
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  test(`${signal} sent to the launcher reaches the binary`, { timeout: 20_000 }, async (t) => {
    const { child, ready, ended } = startWaiting(
      t,
      `process.on('${signal}', () => { process.stdout.write('got ${signal}\\n'); process.exit(7); });`,
    );
    await ready;
    child.kill(signal);
    const { code, signal: own, stdout } = await ended;
    assert.equal(own, null);
    assert.equal(code, 7, 'the binary handled the signal and chose the exit code');
    assert.ok(stdout.includes(`got ${signal}`), stdout);
  });

  test(`a binary killed by a forwarded ${signal} makes the launcher exit 128 + signo`, { timeout: 20_000 }, async (t) => {
    const { child, ready, ended } = startWaiting(t, '');
    await ready;
    child.kill(signal);
    const { code, signal: own } = await ended;
    assert.equal(own, null);
    assert.equal(code, 128 + os.constants.signals[signal]);
  });
}
