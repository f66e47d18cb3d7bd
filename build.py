#!/usr/bin/env python3
"""The archive's command line: `python build.py [build|check|serve|new] ...`."""

import os
import sys

from incidents.cli import main

if __name__ == "__main__":
    code = main()
    if sys.getprofile() or sys.gettrace():  # cProfile, coverage: they write their results at exit
        sys.exit(code)
    # Out without tearing down: freeing every object of a large archive one by one
    # takes a build of 10,000 reports 0.1 s and helps nobody. Whatever a command
    # writes is closed before main returns; only the standard streams are buffered.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that went away (`| head`), a closed stream
        code = code or 1
    os._exit(code)
