'use strict';
// Decides which binary the launcher runs: the MIZAN_GENERATE_BINARY override,
// else the platform package's binary. Failures are LauncherErrors listing what
// was looked for and how to fix it.

const fs = require('fs');
const path = require('path');
const platform = require('./platform.js');

const { OVERRIDE_ENV, EXIT_NOT_FOUND, LauncherError, packageName, binaryPath } = platform;
const LAUNCHER_VERSION = require('../package.json').version;

/**
 * The binary to run, as { binary, warnings }. Options (all injectable for
 * tests): env, probe (see platform.hostProbe), resolve (require.resolve).
 */
function locateBinary(options = {}) {
  const env = options.env || process.env;
  const probe = options.probe || platform.hostProbe;
  const resolve = options.resolve || require.resolve;
  if (env[OVERRIDE_ENV]) return fromOverride(env[OVERRIDE_ENV]);
  const found = platform.candidates(probe);
  if (found.length === 0) throw unsupported(probe);
  for (const entry of found) {
    const manifest = tryResolve(resolve, `${packageName(entry)}/package.json`);
    if (manifest) return fromPackage(entry, manifest);
  }
  throw missingPackage(found, probe);
}

function fromOverride(value) {
  const binary = path.resolve(value);
  if (!isFile(binary)) {
    throw new LauncherError(
      `mizan-generate: ${OVERRIDE_ENV} is set to "${value}", but ${binary} is not a file.\n` +
        `Point it at a mizan-generate binary, or unset it to use the installed platform package.`,
      EXIT_NOT_FOUND,
    );
  }
  return { binary, warnings: [] };
}

function fromPackage(entry, manifestPath) {
  const dir = path.dirname(manifestPath);
  const binary = path.join(dir, binaryPath(entry));
  if (!isFile(binary)) {
    throw new LauncherError(
      `mizan-generate: ${packageName(entry)} is installed in ${dir} but has no ${binaryPath(entry)}.\n` +
        `Reinstall it: delete node_modules and run \`npm install\`.`,
      EXIT_NOT_FOUND,
    );
  }
  const warnings = [];
  const version = readVersion(manifestPath);
  if (version !== LAUNCHER_VERSION) {
    warnings.push(
      `mizan-generate: warning: the launcher is ${LAUNCHER_VERSION} but ${packageName(entry)} is ${version}; ` +
        `reinstall so both match (npm install mizan-generate@${LAUNCHER_VERSION}).`,
    );
  }
  return { binary, warnings };
}

function missingPackage(found, probe) {
  const wanted = found.map((e) => `${packageName(e)}@${LAUNCHER_VERSION}`);
  return new LauncherError(
    [
      `mizan-generate: the native binary for ${platform.describeHost(probe)} is not installed.`,
      `Looked for ${wanted.join(' or ')} (an optional dependency of mizan-generate ${LAUNCHER_VERSION})` +
        ` from ${path.dirname(__dirname)} and did not find it.`,
      'Usual causes and fixes:',
      '  - Optional dependencies were skipped (`--omit=optional`, `--no-optional`, or `omit=optional` in .npmrc):',
      '    install again without it.',
      '  - node_modules or package-lock.json came from another platform (e.g. a macOS host mounted into a',
      '    Linux container): delete node_modules and run `npm install` on this machine; if the lockfile still',
      '    lacks the package, delete package-lock.json too (https://github.com/npm/cli/issues/4828).',
      `  - Install it explicitly: npm install --save-dev ${wanted[0]}`,
      `  - Or run a binary of your own: set ${OVERRIDE_ENV}=/path/to/mizan-generate.`,
    ].join('\n'),
    EXIT_NOT_FOUND,
  );
}

function unsupported(probe) {
  const ids = platform.PLATFORMS.map((p) => p.id).join(', ');
  return new LauncherError(
    [
      `mizan-generate: there is no prebuilt binary for ${platform.describeHost(probe)}.`,
      `Prebuilt binaries exist for: ${ids} (npm packages ${platform.SCOPE}/<platform>).`,
      'Build mizan-generate from source with cargo (`cargo build --release` in its repository) and set',
      `${OVERRIDE_ENV} to the built binary's path.`,
    ].join('\n'),
    EXIT_NOT_FOUND,
  );
}

function tryResolve(resolve, request) {
  try {
    return resolve(request);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

function readVersion(manifestPath) {
  try {
    return JSON.parse(fs.readFileSync(manifestPath, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = { locateBinary, LAUNCHER_VERSION };
