"""`build.py import`: an article (pasted text, or a page saved from a browser) →
a draft report for a curator to finish.

page (a saved page → its text and metadata) → clean (text → Cleaned) →
extract (Cleaned + Knowledge → Guesses: dates, tolls and claimants, actors
and roles, responses, the source) → draft (→ Markdown); duplicates says
whether the archive has it already; command.py does the reading and writing."""
