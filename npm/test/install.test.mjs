// The npm distribution end to end: a compiled binary becomes a platform
// package, both packages are packed and installed into a fresh project from
// the tarballs alone (no registry), and `npx mizan-generate` generates and
// checks a project.
//
// The binary: $MIZAN_GENERATE_BIN, else target/release or target/debug
// (build it first: `cargo build --release`). Missing binary = failure.
//
// npm still asks for the six other platforms' packages named in the launcher's
// optionalDependencies. With --offline (and an empty cache) those fetches fail
// at once with ENOTCACHED, and npm drops failed optional dependencies, so the
// install needs no network; the local platform tarball satisfies the one edge
// that matters. (--omit=optional would not avoid those fetches.)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import platform from '../mizan-generate/lib/platform.js';
import { ROOT, cleanEnv, compiledBinary, copyLauncher, runOk, tempDir } from './helpers.mjs';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** npm options that keep every npm call off the network and away from the user's cache and npmrc. */
function npmEnv(dir) {
  fs.writeFileSync(path.join(dir, 'npmrc'), '');
  return cleanEnv({
    npm_config_userconfig: path.join(dir, 'npmrc'),
    npm_config_cache: path.join(dir, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  });
}

/** npm pack `pkgDir` into `dest`; returns the tarball path and npm's file list. */
function pack(pkgDir, dest, env) {
  const json = runOk(NPM, ['pack', pkgDir, '--json', '--pack-destination', dest], { env, cwd: dest });
  const [info] = JSON.parse(json);
  return { tarball: path.join(dest, info.filename), files: info.files };
}

/** Builds, packs and installs both packages into a new project; returns its paths. */
function installFromTarballs(t) {
  const binary = compiledBinary();
  const dir = tempDir(t, 'mizan-install-');
  const env = npmEnv(dir);
  const entry = platform.candidates()[0];
  assert.ok(entry, `no platform package for ${platform.describeHost()}`);

  const launcherDir = copyLauncher(path.join(dir, 'launcher'));
  const platformDir = path.join(dir, 'platform');
  const script = path.join(ROOT, 'npm/scripts/build-platform-package.mjs');
  runOk(process.execPath, [script, '--binary', binary, '--platform', entry.id, '--out', platformDir, '--launcher', launcherDir]);

  const tarballs = path.join(dir, 'tarballs');
  fs.mkdirSync(tarballs);
  const launcher = pack(launcherDir, tarballs, env);
  const native = pack(platformDir, tarballs, env);
  const shipped = launcher.files.map((f) => f.path).sort();
  for (const file of ['README.md', 'bin/mizan-generate.js', 'lib/locate.js', 'lib/platform.js', 'lib/run.js', 'platforms.json']) {
    assert.ok(shipped.includes(file), `the launcher tarball ships ${file}: ${shipped}`);
  }
  const packedBinary = native.files.find((f) => f.path === platform.binaryPath(entry));
  assert.ok(packedBinary, `the platform tarball holds ${platform.binaryPath(entry)}`);
  assert.equal(packedBinary.mode & 0o111, 0o111, 'the packed binary is executable');

  const project = path.join(dir, 'project');
  fs.mkdirSync(project);
  const scripts = { generate: 'mizan-generate --config mizan.toml' };
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, scripts }));
  runOk(NPM, ['install', '--save-dev', '--offline', '--no-audit', '--no-fund', launcher.tarball, native.tarball], {
    env,
    cwd: project,
  });
  return { binary, project, env, entry };
}

test('the packed launcher and platform package install offline and run the binary', (t) => {
  const { binary, project, env, entry } = installFromTarballs(t);
  const modules = path.join(project, 'node_modules');
  const installed = path.join(modules, platform.packageName(entry), platform.binaryPath(entry));
  assert.ok(fs.readFileSync(installed).equals(fs.readFileSync(binary)), 'the installed binary is the compiled one');
  const others = platform.PLATFORMS.filter((p) => p.id !== entry.id).map((p) => platform.packageName(p));
  for (const name of others) assert.ok(!fs.existsSync(path.join(modules, name)), `${name} is not installed`);
  const lock = JSON.parse(fs.readFileSync(path.join(project, 'package-lock.json'), 'utf8'));
  assert.deepEqual(
    Object.keys(lock.packages).filter((k) => k.includes('@mizan-generate/')),
    [`node_modules/${platform.packageName(entry)}`],
  );

  // The shim must run exactly that binary: same output and status as running it directly,
  // through the command npm linked (what npm scripts run) and through npx.
  const linked = path.join(modules, '.bin', process.platform === 'win32' ? 'mizan-generate.cmd' : 'mizan-generate');
  for (const args of [['--version'], ['--help'], ['--no-such-flag']]) {
    const direct = spawnSync(binary, args, { cwd: project, encoding: 'utf8' });
    for (const [cmd, pre] of [[linked, []], [NPX, ['--no-install', 'mizan-generate']]]) {
      const via = spawnSync(cmd, [...pre, ...args], { cwd: project, env, encoding: 'utf8' });
      const what = `${path.basename(cmd)} ${args}`;
      assert.equal(via.status, direct.status, `${what}: ${via.stderr}`);
      assert.equal(via.stdout, direct.stdout, what);
      assert.equal(via.stderr, direct.stderr, what);
    }
  }
});

/** Every file named `name` under `dir`, recursively. */
function findFiles(dir, name) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, f))
    .filter((f) => path.basename(f) === name && fs.statSync(f).isFile());
}

test('an installed mizan-generate generates a project and --check guards it', (t) => {
  const { project, env } = installFromTarballs(t);
  fs.copyFileSync(path.join(ROOT, 'fixtures/valid/shop.kdl'), path.join(project, 'shop.kdl'));
  const config = 'output = "src/mizan"\ntargets = ["manifest"]\n\n[source.ir]\npath = "shop.kdl"\n';
  fs.writeFileSync(path.join(project, 'mizan.toml'), config);
  const npx = (args) => spawnSync(NPX, ['--no-install', 'mizan-generate', ...args], { cwd: project, env, encoding: 'utf8' });

  const generate = npx(['--config', 'mizan.toml']);
  assert.equal(generate.status, 0, `generate: ${generate.stdout}${generate.stderr}`);
  const [manifest] = findFiles(path.join(project, 'src/mizan'), 'edge-manifest.json');
  assert.ok(manifest, 'edge-manifest.json was generated under src/mizan');
  assert.equal(JSON.parse(fs.readFileSync(manifest, 'utf8')).version, 1);

  const fresh = npx(['--check', '--config', 'mizan.toml']);
  assert.equal(fresh.status, 0, `--check on fresh output: ${fresh.stdout}${fresh.stderr}`);
  // The npm script from the README runs the same thing.
  const viaScript = spawnSync(NPM, ['run', '--silent', 'generate'], { cwd: project, env, encoding: 'utf8' });
  assert.equal(viaScript.status, 0, viaScript.stderr);

  fs.appendFileSync(manifest, ' ');
  const stale = npx(['--check', '--config', 'mizan.toml']);
  assert.equal(stale.status, 1, `--check on stale output must exit 1: ${stale.stdout}${stale.stderr}`);
});
