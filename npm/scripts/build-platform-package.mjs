#!/usr/bin/env node
// Release step: builds one platform package folder from a compiled binary and
// stamps the root Cargo.toml's version into it and into the launcher's
// package.json (version and exact-version optionalDependencies).
//
//   node npm/scripts/build-platform-package.mjs --binary target/release/mizan-generate \
//     [--platform linux-x64-gnu] [--out npm/dist/linux-x64-gnu] [--launcher npm/mizan-generate]
//
// Then `npm publish` each folder of npm/dist/ and npm/mizan-generate (not done here).

import path from 'node:path';
import { parseArgs } from 'node:util';
import platform from '../mizan-generate/lib/platform.js';
import * as packaging from './packaging.mjs';

const USAGE = `usage: build-platform-package.mjs --binary PATH [--platform ID] [--out DIR] [--launcher DIR]
  --binary    the compiled mizan-generate for that platform
  --platform  one of: ${platform.PLATFORMS.map((p) => p.id).join(', ')} (default: this machine's)
  --out       the package folder to write (default: npm/dist/<platform>)
  --launcher  the launcher package whose package.json is stamped (default: npm/mizan-generate)`;

function main() {
  const { values } = parseArgs({
    options: {
      binary: { type: 'string' },
      platform: { type: 'string' },
      out: { type: 'string' },
      launcher: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.binary) throw new UsageError('--binary is required');
  const entry = values.platform ? platformArg(values.platform) : packaging.hostPlatform();
  const version = packaging.repoVersion();
  const outDir = path.resolve(values.out || path.join(packaging.ROOT, 'npm/dist', entry.id));
  const launcher = path.resolve(values.launcher || packaging.LAUNCHER_DIR);
  packaging.buildPlatformPackage({ entry, binary: values.binary, version, outDir });
  const stamped = packaging.stampLauncher(launcher, version);
  console.log(`built ${platform.packageName(entry)}@${version} in ${outDir}`);
  console.log(`${stamped ? 'stamped' : 'already at'} ${version}: ${path.join(launcher, 'package.json')}`);
}

class UsageError extends Error {}

function platformArg(id) {
  try {
    return packaging.findPlatform(id);
  } catch (err) {
    throw new UsageError(err.message);
  }
}

try {
  main();
} catch (err) {
  const usage = err instanceof UsageError || err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  console.error(`build-platform-package: ${err.message}${usage ? `\n${USAGE}` : ''}`);
  process.exit(usage ? 2 : 1);
}
