"""Baipishu (白皮书阅览): an offline reference browser for Chinese policy documents.

The core (parsing, the document model, figures, citations, storage and search)
never imports Qt; only :mod:`app.ui` does.
"""

__version__ = "0.1.0"
