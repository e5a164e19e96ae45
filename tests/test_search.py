"""Chinese search: the index is segmented with jieba and our car words, and print pages stay out of it."""

from __future__ import annotations

import json
import re
from typing import Any

import jieba

from cohandbook.plugin.search import CAR_WORDS, load_search_words
from conftest import Repo, Site


def search_index(site: Site) -> dict[str, Any]:
    return json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))


def terms(index: dict[str, Any], location: str) -> set[str]:
    """The words lunr indexes for one page: its text split with the index's own separator."""
    separator = re.compile(index["config"]["separator"])
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == location)
    return {term for term in separator.split(text) if term}


def pages_with(index: dict[str, Any], term: str) -> set[str]:
    separator = re.compile(index["config"]["separator"])
    return {doc["location"].split("#")[0] for doc in index["docs"] if term in separator.split(doc["text"])}


def test_car_words_stay_whole_in_the_index(repo: Repo) -> None:
    index = search_index(repo.build())
    words = terms(index, "guide/first-1000km/")
    assert {"胎压监测", "热泵"} <= words
    assert "监测" not in words  # 胎压监测 was not cut in two


def test_a_word_from_the_middle_of_a_sentence_finds_its_module(repo: Repo) -> None:
    # "…，胎压监测要常看，热泵空调冬天更省电。": neither word starts the sentence or stands alone.
    index = search_index(repo.build())
    assert pages_with(index, "热泵") == {"guide/first-1000km/"}
    assert pages_with(index, "胎压监测") == {"guide/first-1000km/"}


def test_bundled_dictionary_keeps_car_words_whole() -> None:
    load_search_words()
    assert jieba.lcut("车机里的胎压监测会实时显示") == ["车机", "里", "的", "胎压监测", "会", "实时", "显示"]
    assert "中控屏" in jieba.lcut("中控屏上一下子弹出好几个引导页")
    # "word frequency": jieba's own frequencies, written out so that rjieba cuts exactly like jieba.
    lines = CAR_WORDS.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split()) == 2 and line.split()[1].isdigit() for line in lines)


def test_a_brand_adds_its_own_words(repo: Repo) -> None:
    words = repo.write("search-words.txt", "星河七号\n")
    repo.module(
        "guide",
        "first-1000km",
        {"status": "accepted", "contributors": ["zhou-kai"], "claimed": "2026-11-01"},
        "我开的是星河七号，" + "新车前一千公里要温柔驾驶。" * 30 + "\n",
    )
    index = search_index(repo.build(search_words=str(words)))
    assert "星河七号" in terms(index, "guide/first-1000km/")


def test_only_what_a_reader_searches_for_is_indexed(repo: Repo) -> None:
    """Titles, text and contributors are; our chapter line, credit footer, tools and video caption are not."""
    index = search_index(repo.build())
    modules = ("guide/setup-video/", "guide/storage/", "guide/first-1000km/", "guide/daily-check/")
    page = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(modules)).replace("\u200b", "")
    assert "李娜" in page  # contributors stay findable through the header's credits
    for frame in ("本模块由", "第1章", "第 1 章", "打印这份清单", "在B站观看", "在 B 站观看"):
        assert frame not in page, frame


def test_a_module_title_finds_the_module_not_the_pages_that_list_it(repo: Repo) -> None:
    """The board and the cover's contents list every module; a reader searching a title wants the module."""
    index = search_index(repo.build())
    assert pages_with(index, "储物") == {"guide/storage/"}  # 隐藏储物空间: on the board and the cover too
    assert "board/" not in {doc["location"].split("#")[0] for doc in index["docs"]}
    cover = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] == "guide/").replace("\u200b", "")
    assert "给刚提车的你" in cover  # the cover's summary is still found
