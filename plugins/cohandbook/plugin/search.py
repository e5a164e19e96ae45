"""Chinese search: teach jieba (which Material's search plugin uses to segment Chinese) our car words.

Without them jieba cuts 胎压监测 into 胎压/监测 and 中控屏 into 中/控屏, and a reader's search misses. We load
the words ourselves rather than through Material's `jieba_dict_user`, which leaves its file open.
"""

from __future__ import annotations

import logging
from pathlib import Path

try:
    import jieba
except ImportError:  # pragma: no cover - jieba is a declared dependency; without it search is unsegmented
    jieba = None

CAR_WORDS = Path(__file__).resolve().parent.parent / "data" / "jieba-cars.txt"


def load_search_words(extra: str | None = None) -> None:
    """Add the bundled car words, and the brand's own list (model names …) when given, to jieba's dictionary."""
    if jieba is None:
        return
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict …" lines on every build are noise
    for path in (CAR_WORDS, Path(extra) if extra else None):
        if path is not None:
            with path.open("rb") as words:
                jieba.load_userdict(words)
