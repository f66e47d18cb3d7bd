"""A static site generator for a curated archive of reported incidents."""

__version__ = "0.1.0"
