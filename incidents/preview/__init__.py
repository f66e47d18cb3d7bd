"""The live preview: the watcher, the in-memory incremental build, the server."""
