#!/usr/bin/env python3
"""The archive's command line: `python build.py [build|check|serve|new] ...`."""

import sys

from incidents.cli import main

if __name__ == "__main__":
    sys.exit(main())
