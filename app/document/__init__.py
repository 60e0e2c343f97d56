"""Documents: the model, reading text files, parsing, figures, citations and
the export shapes. Pure Python over plain values: no SQLite, no Qt."""
