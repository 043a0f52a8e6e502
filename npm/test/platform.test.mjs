// Platform detection and the platform table: glibc vs musl from each source
// of evidence, candidates per host, and a table the launcher and the release
// script can both trust.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import platform from '../mizan-generate/lib/platform.js';
import locate from '../mizan-generate/lib/locate.js';
import { tempDir } from './helpers.mjs';

/** A probe describing a made-up host; unspecified evidence is absent. */
function probe({ platform: os = 'linux', arch = 'x64', report = null, files = {}, dirs = {} } = {}) {
  return {
    platform: os,
    arch,
    report: () => report,
    readFile: (f) => (f in files ? files[f] : null),
    listDir: (d) => dirs[d] || [],
  };
}

const GLIBC_REPORT = { header: { glibcVersionRuntime: '2.36' }, sharedObjects: ['/lib/x86_64-linux-gnu/libc.so.6'] };
const MUSL_REPORT = { header: {}, sharedObjects: ['/lib/ld-musl-x86_64.so.1', '/usr/lib/libstdc++.so.6'] };

test('Node’s report decides glibc vs musl', () => {
  assert.equal(platform.detectLibc(probe({ report: GLIBC_REPORT })), 'glibc');
  assert.equal(platform.detectLibc(probe({ report: MUSL_REPORT })), 'musl');
});

test('without a report, the ldd script decides', () => {
  const musl = { '/usr/bin/ldd': '#!/bin/sh\nexec /lib/ld-musl-x86_64.so.1 --list "$@"\n' };
  const glibc = { '/usr/bin/ldd': '#!/bin/bash\n# Copyright (C) 1996-2022 Free Software Foundation\n# This file is part of the GNU C Library.\n' };
  assert.equal(platform.detectLibc(probe({ files: musl })), 'musl');
  assert.equal(platform.detectLibc(probe({ files: glibc })), 'glibc');
  // A report that says nothing (static node) falls through to the file.
  assert.equal(platform.detectLibc(probe({ report: { header: {} }, files: musl })), 'musl');
});

test('without report or ldd, the musl loader in /lib decides', () => {
  assert.equal(platform.detectLibc(probe({ dirs: { '/lib': ['apk', 'ld-musl-aarch64.so.1'] } })), 'musl');
  assert.equal(platform.detectLibc(probe({ dirs: { '/lib': ['x86_64-linux-gnu'] } })), null);
});

test('libc is not a question off Linux', () => {
  assert.equal(platform.detectLibc(probe({ platform: 'darwin', report: MUSL_REPORT })), null);
});

test('this host’s libc agrees with getconf', () => {
  if (process.platform !== 'linux') return assert.equal(platform.detectLibc(), null);
  // getconf GNU_LIBC_VERSION exists only on glibc.
  const getconf = spawnSync('getconf', ['GNU_LIBC_VERSION'], { encoding: 'utf8' });
  const expected = getconf.status === 0 && getconf.stdout.startsWith('glibc') ? 'glibc' : 'musl';
  assert.equal(platform.detectLibc(), expected);
});

function ids(p) {
  return platform.candidates(p).map((e) => e.id);
}

test('each supported host has exactly one platform package', () => {
  assert.deepEqual(ids(probe({ report: GLIBC_REPORT })), ['linux-x64-gnu']);
  assert.deepEqual(ids(probe({ report: MUSL_REPORT })), ['linux-x64-musl']);
  assert.deepEqual(ids(probe({ arch: 'arm64', report: GLIBC_REPORT })), ['linux-arm64-gnu']);
  assert.deepEqual(ids(probe({ arch: 'arm64', report: MUSL_REPORT })), ['linux-arm64-musl']);
  assert.deepEqual(ids(probe({ platform: 'darwin' })), ['darwin-x64']);
  assert.deepEqual(ids(probe({ platform: 'darwin', arch: 'arm64' })), ['darwin-arm64']);
  assert.deepEqual(ids(probe({ platform: 'win32' })), ['win32-x64']);
});

test('an unknown libc tries both Linux builds, glibc first', () => {
  assert.deepEqual(ids(probe()), ['linux-x64-gnu', 'linux-x64-musl']);
});

test('an unknown libc finds whichever build npm installed', (t) => {
  const dir = tempDir(t);
  const pkg = path.join(dir, 'node_modules/@mizan-generate/linux-x64-musl');
  fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'bin/mizan-generate'), '', { mode: 0o755 });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ version: locate.LAUNCHER_VERSION }));
  const resolve = (request) => resolveIn(dir, request);
  const found = locate.locateBinary({ env: {}, probe: probe(), resolve });
  assert.equal(found.binary, path.join(pkg, 'bin/mizan-generate'));
  assert.deepEqual(found.warnings, []);
});

function resolveIn(dir, request) {
  const file = path.join(dir, 'node_modules', request);
  if (!fs.existsSync(file)) throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  return file;
}

test('an unsupported host gets the list of supported platforms and the override', () => {
  for (const host of [probe({ platform: 'freebsd' }), probe({ platform: 'win32', arch: 'ia32' }), probe({ arch: 's390x' })]) {
    assert.throws(
      () => locate.locateBinary({ env: {}, probe: host }),
      (err) => {
        assert.equal(err.exitCode, 127);
        assert.match(err.message, new RegExp(`no prebuilt binary for ${host.platform} ${host.arch}`));
        assert.ok(err.message.includes(platform.PLATFORMS.map((p) => p.id).join(', ')), err.message);
        assert.ok(err.message.includes('MIZAN_GENERATE_BINARY'), err.message);
        return true;
      },
    );
  }
});

test('the platform table is consistent', () => {
  const seen = new Set();
  for (const entry of platform.PLATFORMS) {
    assert.ok(!seen.has(entry.id), `duplicate ${entry.id}`);
    seen.add(entry.id);
    const libcSuffix = { glibc: '-gnu', musl: '-musl', null: '' }[entry.libc];
    assert.equal(entry.id, `${entry.os}-${entry.cpu}${libcSuffix}`);
    assert.equal(entry.libc !== null, entry.os === 'linux', `${entry.id}: libc only on linux`);
    assert.equal(entry.binary, entry.os === 'win32' ? 'mizan-generate.exe' : 'mizan-generate');
    const rustArch = { x64: 'x86_64', arm64: 'aarch64' }[entry.cpu];
    assert.ok(entry.rustTarget.startsWith(`${rustArch}-`), `${entry.id}: ${entry.rustTarget}`);
    const rustAbi = { glibc: /-linux-gnu$/, musl: /-linux-musl$/ }[entry.libc] || /./;
    assert.match(entry.rustTarget, rustAbi);
  }
  const required = ['linux-x64-gnu', 'linux-x64-musl', 'linux-arm64-gnu', 'linux-arm64-musl'];
  for (const id of [...required, 'darwin-x64', 'darwin-arm64', 'win32-x64']) assert.ok(seen.has(id), id);
});
