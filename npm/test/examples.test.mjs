// The committed example projects are up to date: `--check` against their
// committed generated clients passes with the current build.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, compiledBinary } from './helpers.mjs';

const EXAMPLE = path.join(ROOT, 'examples/basic');

test('examples/basic has its generated clients committed', () => {
  const output = path.join(EXAMPLE, 'src/mizan');
  const files = fs.existsSync(output) ? fs.readdirSync(output, { recursive: true }) : [];
  assert.ok(
    files.some((f) => path.basename(f) === 'edge-manifest.json'),
    `${output} holds no edge-manifest.json: run mizan-generate --config mizan.toml in examples/basic and commit the output`,
  );
});

test('examples/basic is up to date (--check exits 0)', () => {
  const binary = compiledBinary();
  // From the repository root (paths resolve against mizan.toml) and from the
  // example, as its npm script runs it.
  for (const [cwd, config] of [
    [ROOT, 'examples/basic/mizan.toml'],
    [EXAMPLE, 'mizan.toml'],
  ]) {
    const out = spawnSync(binary, ['--check', '--config', config], { cwd, encoding: 'utf8' });
    assert.equal(out.error, undefined);
    assert.equal(out.status, 0, `--check --config ${config} in ${cwd}:\n${out.stdout}${out.stderr}`);
  }
});
