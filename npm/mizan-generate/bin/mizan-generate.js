#!/usr/bin/env node
'use strict';
// The `mizan-generate` command installed by npm: finds the native binary for
// this platform and runs it with the same arguments, stdio and exit code.

const { locateBinary } = require('../lib/locate.js');
const { run } = require('../lib/run.js');

function main() {
  let located;
  try {
    located = locateBinary();
  } catch (err) {
    if (err.exitCode === undefined) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(err.exitCode);
  }
  for (const warning of located.warnings) process.stderr.write(`${warning}\n`);
  run(located.binary, process.argv.slice(2), (code) => process.exit(code));
}

main();
