// The release script: versions come from Cargo.toml, platform packages come
// from the table, binaries are checked against their platform, and the
// committed launcher package.json is exactly what stamping would write.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import platform from '../mizan-generate/lib/platform.js';
import { binaryFormat } from '../scripts/binary-format.mjs';
import * as packaging from '../scripts/packaging.mjs';
import { LAUNCHER_DIR, ROOT, copyLauncher, tempDir } from './helpers.mjs';

const SCRIPT = path.join(ROOT, 'npm/scripts/build-platform-package.mjs');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

test('the version is the [package] one of Cargo.toml', () => {
  const toml = [
    '[workspace.package]',
    'version = "9.9.9"',
    '',
    '[package]',
    'name = "mizan-generate"',
    'version = "1.2.3-rc.1"',
    '',
    '[dependencies]',
    'serde = { version = "1" }',
    'version = "0.0.1"',
  ].join('\n');
  assert.equal(packaging.cargoVersion(toml), '1.2.3-rc.1');
  assert.throws(() => packaging.cargoVersion('[dependencies]\nversion = "1"\n'), /no \[package\] version/);
});

test('the committed launcher package.json is stamped with the Cargo.toml version', () => {
  const committed = fs.readFileSync(path.join(LAUNCHER_DIR, 'package.json'), 'utf8');
  const version = packaging.repoVersion();
  assert.equal(committed, packaging.toJson(packaging.launcherManifest(JSON.parse(committed), version)));
  const manifest = JSON.parse(committed);
  assert.equal(Object.keys(manifest.optionalDependencies).length, platform.PLATFORMS.length);
  for (const entry of platform.PLATFORMS) {
    assert.equal(manifest.optionalDependencies[platform.packageName(entry)], version, 'exact version');
  }
});

test('no package runs scripts at install time', () => {
  const launcher = readJson(path.join(LAUNCHER_DIR, 'package.json'));
  assert.equal(launcher.scripts, undefined);
  for (const entry of platform.PLATFORMS) {
    assert.equal(packaging.platformManifest(entry, '1.0.0').scripts, undefined);
  }
});

test('the launcher bin is a node script shipped in the package', () => {
  const launcher = readJson(path.join(LAUNCHER_DIR, 'package.json'));
  const bin = path.join(LAUNCHER_DIR, launcher.bin['mizan-generate']);
  assert.ok(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n'));
  assert.ok(launcher.files.some((f) => launcher.bin['mizan-generate'].startsWith(f)));
});

test('platform manifests declare os, cpu and libc and ship only the binary', () => {
  const linux = packaging.platformManifest(packaging.findPlatform('linux-arm64-musl'), '1.0.0');
  assert.deepEqual(
    { name: linux.name, version: linux.version, os: linux.os, cpu: linux.cpu, libc: linux.libc, files: linux.files },
    {
      name: '@mizan-generate/linux-arm64-musl',
      version: '1.0.0',
      os: ['linux'],
      cpu: ['arm64'],
      libc: ['musl'],
      files: ['bin/mizan-generate'],
    },
  );
  const win = packaging.platformManifest(packaging.findPlatform('win32-x64'), '1.0.0');
  assert.equal(win.libc, undefined);
  assert.deepEqual(win.files, ['bin/mizan-generate.exe']);
  assert.equal(win.bin, undefined, 'the launcher owns the command');
});

function elf(machine) {
  const b = Buffer.alloc(64);
  b.write('\x7fELF', 0, 'latin1');
  b[5] = 1;
  b.writeUInt16LE(machine, 18);
  return b;
}
function macho(cpu) {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cpu, 4);
  return b;
}
function pe(machine) {
  const b = Buffer.alloc(0x100);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  return b;
}

test('executable headers name their os and cpu', () => {
  assert.deepEqual(binaryFormat(elf(0x3e)), { os: 'linux', cpu: 'x64' });
  assert.deepEqual(binaryFormat(elf(0xb7)), { os: 'linux', cpu: 'arm64' });
  assert.deepEqual(binaryFormat(macho(0x01000007)), { os: 'darwin', cpu: 'x64' });
  assert.deepEqual(binaryFormat(macho(0x0100000c)), { os: 'darwin', cpu: 'arm64' });
  assert.deepEqual(binaryFormat(pe(0x8664)), { os: 'win32', cpu: 'x64' });
  assert.equal(binaryFormat(Buffer.from('#!/bin/sh\necho hi\n')), null);
  // Node itself is a real executable for this host.
  assert.deepEqual(binaryFormat(fs.readFileSync(process.execPath)), { os: process.platform, cpu: process.arch });
});

function runScript(args) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', cwd: ROOT });
}

test('the script builds a platform package and stamps the launcher', (t) => {
  const dir = tempDir(t);
  const launcher = copyLauncher(path.join(dir, 'launcher'));
  const stale = readJson(path.join(launcher, 'package.json'));
  stale.version = '0.0.0-old';
  stale.optionalDependencies = { '@mizan-generate/gone': '0.0.0-old' };
  fs.writeFileSync(path.join(launcher, 'package.json'), JSON.stringify(stale));
  const out = path.join(dir, 'pkg');
  // Node's own executable stands in for a compiled mizan-generate.
  const res = runScript(['--binary', process.execPath, '--out', out, '--launcher', launcher]);
  assert.equal(res.status, 0, res.stderr);

  const entry = packaging.hostPlatform();
  const version = packaging.repoVersion();
  assert.deepEqual(readJson(path.join(out, 'package.json')), packaging.platformManifest(entry, version));
  const binary = path.join(out, platform.binaryPath(entry));
  assert.ok(fs.readFileSync(binary).equals(fs.readFileSync(process.execPath)));
  assert.equal(fs.statSync(binary).mode & 0o777, 0o755);
  assert.deepEqual(fs.readdirSync(out).sort(), ['README.md', 'bin', 'package.json']);

  const stamped = readJson(path.join(launcher, 'package.json'));
  assert.equal(stamped.version, version);
  assert.deepEqual(Object.values(stamped.optionalDependencies), platform.PLATFORMS.map(() => version));
  assert.equal(stamped.optionalDependencies['@mizan-generate/gone'], undefined);
  assert.equal(stamped.bin['mizan-generate'], 'bin/mizan-generate.js', 'other fields are kept');
  assert.equal(
    fs.readFileSync(path.join(launcher, 'README.md'), 'utf8'),
    fs.readFileSync(path.join(ROOT, 'npm/README.md'), 'utf8'),
  );

  // Rebuilding into the same folder replaces it.
  assert.equal(runScript(['--binary', process.execPath, '--out', out, '--launcher', launcher]).status, 0);
});

test('the script refuses a binary for another platform', (t) => {
  const dir = tempDir(t);
  const res = runScript(['--binary', process.execPath, '--platform', 'win32-x64', '--out', path.join(dir, 'pkg')]);
  assert.equal(res.status, 1);
  assert.match(res.stderr, /is a \w+ \w+ executable, but platform win32-x64 needs win32 x64/);
  assert.ok(!fs.existsSync(path.join(dir, 'pkg')));
});

test('the script refuses to overwrite a folder that is not its package', (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'precious.txt'), 'keep me');
  const res = runScript(['--binary', process.execPath, '--out', dir, '--launcher', copyLauncher(tempDir(t))]);
  assert.equal(res.status, 1);
  assert.match(res.stderr, /exists and is not a build of @mizan-generate\//);
  assert.equal(fs.readFileSync(path.join(dir, 'precious.txt'), 'utf8'), 'keep me');
});

test('the script reports usage errors with exit 2', () => {
  for (const args of [[], ['--bogus'], ['--binary', process.execPath, '--platform', 'plan9-mips']]) {
    const res = runScript(args);
    assert.equal(res.status, 2, `${args}: ${res.stderr}`);
    assert.match(res.stderr, /^build-platform-package: /);
  }
});
