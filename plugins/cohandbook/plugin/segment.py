"""Cutting Chinese for the search index with rjieba (jieba ported to Rust) when it cuts exactly like jieba.

Material cuts every run of Chinese characters with jieba, and jieba spends half a second loading its
dictionary before the first cut: together a third of a build. rjieba ships the same dictionary and the same
algorithm, loads in a tenth of the time and cuts ten times faster. It gives jieba's cuts word for word when
every added word comes with its frequency (the two guess a missing frequency slightly differently), so it is
used only then: our car words carry jieba's own frequencies, and a brand's `search_words` file without
them, or Material's `jieba_dict` options, keep jieba. tests/test_search.py compares the two on real text.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from backrefs import bre

# Material's own expression for a run of Chinese characters (material/plugins/search/plugin.py).
HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
Cut = Callable[[str], list[str]]


def read_words(path: Path) -> list[tuple[str, int]] | None:
    """`word frequency [tag]` lines, as jieba reads them; None when a word has no frequency."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[1].isdigit():
            return None
        words.append((parts[0], int(parts[1])))
    return words


def fast_cut(word_files: Sequence[Path]) -> Cut | None:
    """rjieba's cut with these words added, or None when it might cut differently from jieba. rjieba is
    loaded at the first cut (a tenth of a second): an export or a command never cuts."""
    if importlib.util.find_spec("rjieba") is None:  # pragma: no cover - a declared dependency
        return None
    words: list[tuple[str, int]] = []
    for path in word_files:
        found = read_words(path)
        if found is None:
            return None
        words += found
    added, engine = tuple(words), list[Cut]()

    def cut(text: str) -> list[str]:
        if not engine:
            engine.append(_engine(added))
        return engine[0](text)

    return cut


@cache
def _engine(words: tuple[tuple[str, int], ...]) -> Cut:
    # rjieba loads its dictionary into a default instance when imported; a second instance would load it
    # again (a tenth of a second). Like jieba's, the words added to it stay for the process.
    rjieba = importlib.import_module("rjieba")
    engine = getattr(rjieba, "_DEFAULT_JIEBA", None) or rjieba.Jieba()
    for word, frequency in words:
        engine.add_word(word, frequency, None)
    return lambda text: engine.cut(text, True)  # hmm=True: jieba.cut's default, which Material uses


def segmenter(cut: Cut) -> Callable[[str], str]:
    """Material's `_segment_chinese` with another cut: the same runs, joined by the same zero-width spaces."""

    def replace(match: object) -> str:
        return "\u200b" + "\u200b".join(cut(match.group(0))) + "\u200b"  # type: ignore[attr-defined]

    return lambda data: HAN.sub(replace, data).strip("\u200b")
