// Release packaging for the npm distribution: reads the version from the root
// Cargo.toml, generates each platform package from the platform table in
// npm/mizan-generate/platforms.json, and stamps the launcher's package.json.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import platform from '../mizan-generate/lib/platform.js';
import { assertBinaryFits } from './binary-format.mjs';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The committed launcher package. */
export const LAUNCHER_DIR = path.join(ROOT, 'npm/mizan-generate');

/** The `version` of the `[package]` table of a Cargo.toml's text. */
export function cargoVersion(text) {
  const table = text.split(/^\[/m).find((t) => t.startsWith('package]'));
  const match = table && table.match(/^version\s*=\s*"([^"]+)"\s*$/m);
  if (!match) throw new Error('Cargo.toml has no [package] version = "..."');
  return match[1];
}

/** The version of the root Cargo.toml. */
export function repoVersion() {
  return cargoVersion(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'));
}

/** The platform table entry with this id, or an error listing the known ids. */
export function findPlatform(id) {
  const entry = platform.PLATFORMS.find((p) => p.id === id);
  if (!entry) {
    const ids = platform.PLATFORMS.map((p) => p.id).join(', ');
    throw new Error(`unknown platform "${id}"; known: ${ids}`);
  }
  return entry;
}

/** The platform entry the running machine would use. */
export function hostPlatform() {
  const [entry] = platform.candidates();
  if (!entry) throw new Error(`no platform package for ${platform.describeHost()}`);
  return entry;
}

/** The package.json of a platform package. */
export function platformManifest(entry, version) {
  const libc = entry.libc ? `, ${entry.libc}` : '';
  const manifest = {
    name: platform.packageName(entry),
    version,
    description: `The ${entry.os} ${entry.cpu}${libc} binary of mizan-generate; install mizan-generate, not this.`,
    license: 'MIT',
    os: [entry.os],
    cpu: [entry.cpu],
  };
  if (entry.libc) manifest.libc = [entry.libc];
  manifest.files = [platform.binaryPath(entry)];
  // Yarn PnP: keep the binary on disk so it can be executed.
  manifest.preferUnplugged = true;
  return manifest;
}

/** The launcher's package.json with `version` and the exact-version optionalDependencies. */
export function launcherManifest(current, version) {
  const optionalDependencies = {};
  const names = platform.PLATFORMS.map((p) => platform.packageName(p)).sort();
  for (const name of names) optionalDependencies[name] = version;
  return { ...current, version, optionalDependencies };
}

/** Serialises a manifest as npm writes it: two spaces, trailing newline. */
export function toJson(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The user README, copied into the launcher (npm does not pack symlinks). */
export const README = path.join(ROOT, 'npm/README.md');

/**
 * Rewrites the launcher's package.json for `version` and copies the README
 * into it; true when package.json changed.
 */
export function stampLauncher(launcherDir, version) {
  fs.copyFileSync(README, path.join(launcherDir, 'README.md'));
  const file = path.join(launcherDir, 'package.json');
  const before = fs.readFileSync(file, 'utf8');
  const after = toJson(launcherManifest(JSON.parse(before), version));
  if (after === before) return false;
  fs.writeFileSync(file, after);
  return true;
}

/**
 * Writes the platform package for `entry` into `outDir`: package.json, the
 * binary (checked against the platform, mode 0755) and a README. An existing
 * `outDir` is replaced only when it holds this same package.
 */
export function buildPlatformPackage({ entry, binary, version, outDir }) {
  const bytes = readBinary(binary);
  assertBinaryFits(bytes, entry, binary);
  clearOutDir(outDir, platform.packageName(entry));
  const target = path.join(outDir, platform.binaryPath(entry));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes, { mode: 0o755 });
  fs.chmodSync(target, 0o755);
  fs.writeFileSync(path.join(outDir, 'package.json'), toJson(platformManifest(entry, version)));
  fs.writeFileSync(path.join(outDir, 'README.md'), platformReadme(entry));
  return target;
}

function readBinary(binary) {
  try {
    return fs.readFileSync(binary);
  } catch (err) {
    throw new Error(`cannot read the binary ${binary}: ${err.message}`);
  }
}

function clearOutDir(outDir, name) {
  if (!fs.existsSync(outDir)) return;
  let existing = null;
  try {
    existing = JSON.parse(fs.readFileSync(path.join(outDir, 'package.json'), 'utf8')).name;
  } catch {
    // Not a package folder: only an empty one may be used.
  }
  if (existing !== name && fs.readdirSync(outDir).length > 0) {
    throw new Error(`${outDir} exists and is not a build of ${name}; refusing to overwrite it`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
}

function platformReadme(entry) {
  return [
    `# ${platform.packageName(entry)}`,
    '',
    `The \`mizan-generate\` binary for ${entry.os} ${entry.cpu}${entry.libc ? ` (${entry.libc})` : ''}` +
      ` (Rust target \`${entry.rustTarget}\`).`,
    '',
    'Do not install this package directly: install `mizan-generate`, which depends on it',
    'as an optional dependency and runs it.',
    '',
  ].join('\n');
}
