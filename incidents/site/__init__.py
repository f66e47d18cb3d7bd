"""Site: URLs, views, rendering to HTML, charts and maps, citations, history, open data, and the atomic write of the output."""
