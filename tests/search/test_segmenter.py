"""The segmenter: loaded once from any thread; tokens keep everything, words
keep only the word-like ones."""

import threading

from app.search import segmenter


def test_load_is_idempotent_from_many_threads() -> None:
    threads = [threading.Thread(target=segmenter.load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert segmenter.is_loaded()


def test_tokens_keep_every_character() -> None:
    text = "扶贫小额信贷，2020年 全面脱贫。"
    assert "".join(segmenter.tokens(text)) == text


def test_words_leave_out_spaces_and_punctuation() -> None:
    words = segmenter.words("扶贫小额信贷，2020年 全面脱贫。")
    assert "扶贫" in words and "脱贫" in words and "2020" in words
    assert not any(w in ("，", "。", " ") for w in words)
