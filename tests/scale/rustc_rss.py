#!/usr/bin/env python3
"""A RUSTC_WRAPPER: runs rustc, then appends the crate's name and rustc's
peak resident memory (KiB) to the file $MIZAN_RSS_LOG. The large fixture's
test reads it to bound each rustc's memory."""

import os
import resource
import subprocess
import sys

args = sys.argv[1:]
status = subprocess.call(args)
if "--crate-name" in args:
    name = args[args.index("--crate-name") + 1]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["MIZAN_RSS_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{name} {peak}\n")
sys.exit(status)
