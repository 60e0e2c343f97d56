"""Getting search ready in the background: light, and complete."""

import subprocess
import sys

from tests.conftest import ROOT


def test_warm_up_loads_what_search_needs_and_no_document_module() -> None:
    code = (
        "import sys, threading; from app import warmup; "
        "t = threading.Thread(target=warmup.load_word_ranking); t.start(); t.join(); "
        "from app.search import normalize; "
        "print(warmup.word_ranking_loaded(), normalize._table.cache_info().currsize, "
        "sorted(m for m in sys.modules if m.startswith(('app.document', 'app.library', 'app.storage'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip().split(maxsplit=2) == ["True", "1", "[]"], result.stdout + result.stderr
