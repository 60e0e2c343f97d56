"""Full-text search: normalisation, tokens, the index (write side) and the
searcher (read side). Independent of the storage layer: it is handed SQLite
connections by the service (:mod:`app.library`)."""
