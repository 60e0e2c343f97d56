"""Storage: the content database (rebuildable) and the user's data (kept),
both SQLite, with schema migrations (``db/migrations``)."""
