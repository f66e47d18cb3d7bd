"""`build.py import`: raw article text → a draft report for a curator to finish.

clean (text → Cleaned) → extract (Cleaned + Knowledge → Guesses) → draft (→ Markdown);
command.py does the reading and writing."""
