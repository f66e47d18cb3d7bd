"""A static site generator for a curated archive of reported incidents."""

from pathlib import Path

__version__ = "0.1.0"

# The generator's own folder: its templates/, static/ and node_modules/ (Pagefind).
HOME = Path(__file__).resolve().parents[1]
