"""Content: reading the folder (front matter, fields, validation), linking reports into events, actors and places, warnings."""
