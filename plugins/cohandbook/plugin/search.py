"""Chinese search: teach jieba (which Material's search plugin uses to segment Chinese) our car words.

Without them jieba cuts 胎压监测 into 胎压/监测 and 中控屏 into 中/控屏, and a reader's search misses. We load
the words ourselves rather than through Material's `jieba_dict_user`, which leaves its file open.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .cache import BuildCache, digest
from .segment import Cut, segmenter

CAR_WORDS = Path(__file__).resolve().parent.parent / "data" / "jieba-cars.txt"


def load_search_words(extra: str | None = None) -> None:
    """Add the bundled car words, and the brand's own list (model names …) when given, to jieba's dictionary.
    Imported here, not with this module: only a build whose cuts rjieba cannot make needs jieba."""
    try:
        jieba = importlib.import_module("jieba")
    except ImportError:  # pragma: no cover - jieba is a declared dependency; without it search is unsegmented
        return
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict …" lines on every build are noise
    for path in (CAR_WORDS, Path(extra) if extra else None):
        if path is not None:
            with path.open("rb") as words:
                jieba.load_userdict(words)


def words_fingerprint(extra: str | None, search_options: dict[str, Any]) -> str:
    """What jieba's segmentation depends on besides its version: every dictionary it was given."""
    options = (extra, search_options.get("jieba_dict"), search_options.get("jieba_dict_user"))
    paths = [CAR_WORDS, *(Path(p) for p in options if p)]
    return digest(*(part for p in paths for part in (str(p), p.read_bytes() if p.is_file() else b"")))


class SearchCache:
    """Material's search index, made once per distinct page and Chinese text rather than on every build.

    Material parses every page's HTML again and cuts every run of Chinese characters with jieba: a third of
    a build. The entries of a page depend only on its content, table of contents, address, title and
    jieba's dictionaries, so they are kept by a hash of those; a run of Chinese text is cut once per process
    however often it occurs. The index Material writes is byte-identical either way.
    """

    def __init__(self, cache: BuildCache, words: str, cut: Cut | None, segments: dict[str, str]) -> None:
        self.cache, self.words = cache, words
        self.segments = segments
        self.fast = segmenter(cut) if cut else None  # rjieba, when it cuts exactly like jieba

    def attach(self, plugins: Mapping[str, Any]) -> None:
        """Wrap this build's search index, when Material's search plugin (with the methods we know) is on."""
        index = next((getattr(p, "search_index", None) for p in plugins.values() if _is_material_search(p)), None)
        if index is None or not all(hasattr(index, name) for name in ("_segment_chinese", "add_entry_from_context")):
            return
        segment, add = self.fast or index._segment_chinese, index.add_entry_from_context
        index._segment_chinese = lambda text: self._segment(segment, text)
        index.add_entry_from_context = lambda page: self._add(index, add, page)

    def _segment(self, segment: Callable[[str], str], text: str) -> str:
        if text not in self.segments:
            self.segments[text] = segment(text)
        return self.segments[text]

    def _add(self, index: Any, add: Callable[[Any], None], page: Any) -> None:
        key = self.cache.key("search", self.words, *page_facts(page))
        entries = self.cache.get("search", key)
        if entries is not None:
            index.entries.extend(entries)
            return
        before = len(index.entries)
        add(page)
        self.cache.put("search", key, index.entries[before:])


def page_facts(page: Any) -> tuple[str, ...]:
    """What Material's indexer reads from a page."""
    meta = {k: page.meta.get(k) for k in ("title", "search", "tags")}
    toc = json.dumps(_toc(page.toc), ensure_ascii=False)
    return page.url, str(page.title), json.dumps(meta, sort_keys=True, default=str), toc, page.content or ""


def _toc(items: Any) -> list[Any]:
    return [[item.id, item.url, _toc(item.children)] for item in items]


def _is_material_search(plugin: object) -> bool:
    return type(plugin).__module__.startswith("material.plugins.search")
