"""Search: what each page tells the index, the index in shards, Pagefind's files and service."""
