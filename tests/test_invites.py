"""The site invites: open and claimed modules link to the claim and submission forms, the board and the
wall to the join form, each prefilled from the page it is on."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import yaml

from conftest import PROJECT, Repo

REPO_URL = "https://github.com/xinghe-auto/handbooks"


def query(href: str) -> dict[str, str]:
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/issues/new"
    return {k: v[0] for k, v in parse_qs(parts.query).items()}


def test_an_open_module_invites_a_claim_and_a_submission(repo: Repo) -> None:
    site = repo.build()
    page = site.article("guide/open-one/")
    claim, submit = page.select_one("a.ch-claim"), page.select_one("a.ch-submit")
    assert claim is not None and submit is not None
    assert query(claim["href"])["template"] == "claim.yml"
    assert query(submit["href"]) == {
        "template": "submit.yml",
        "title": "交稿：guide/open-one 尚未认领的模块（文章：填“正文”）",
        "handbook": "guide",
        "module": "open-one",
    }
    assert query(page.select_one("a.ch-join")["href"])["template"] == "join.yml"


def test_a_claimed_module_invites_its_claimant_to_hand_in(repo: Repo) -> None:
    page = repo.build().article("guide/claimed-one/")
    assert page.select_one("a.ch-claim") is None
    assert query(page.select_one("a.ch-submit.md-button--primary")["href"])["module"] == "claimed-one"


def test_the_board_and_the_wall_link_to_the_join_form(repo: Repo) -> None:
    site = repo.build()
    for url in ("board/", "contributors/"):
        join = site.article(url).select_one("a.ch-join")
        assert join is not None and join.get_text(strip=True) == "加入人才库"
        assert query(join["href"])["template"] == "join.yml"
    rows = site.article("board/").select(".ch-board__active a.ch-submit")
    assert {query(a["href"])["module"] for a in rows} == {"claimed-one"}


def test_the_forms_exist_with_the_fields_the_links_prefill() -> None:
    forms = PROJECT / ".github/ISSUE_TEMPLATE"
    submit = yaml.safe_load((forms / "submit.yml").read_text(encoding="utf-8"))
    assert submit["labels"] == ["提交"]
    ids = [field["id"] for field in submit["body"] if "id" in field]
    assert {"handbook", "module"} <= set(ids) and len(ids) == len(set(ids))
    assert (forms / "join.yml").is_file()


def test_the_form_labels_are_the_ones_the_bot_reads() -> None:
    from cohandbook.core.bot.submit_form import LABELS

    submit = yaml.safe_load((PROJECT / ".github/ISSUE_TEMPLATE/submit.yml").read_text(encoding="utf-8"))
    labels = {field["id"]: field["attributes"]["label"] for field in submit["body"] if "id" in field}
    assert {k: labels[k] for k in LABELS} == LABELS


def test_without_a_repository_there_are_no_dead_links(repo: Repo) -> None:
    repo.config.pop("repo_url", None)
    repo.config.pop("edit_uri", None)
    page = repo.build().article("guide/open-one/")
    assert page.select_one("a.ch-submit") is None
