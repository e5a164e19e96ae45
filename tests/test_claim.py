"""`cohandbook claim` and `release` on temporary repositories, through click's CliRunner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from cohandbook.cli.main import cli
from cohandbook.core.domain.findings import Finding
from cohandbook.core.domain.model import ModuleWork
from cohandbook.core.edits.claims import released
from cohandbook.core.read.markdown import split_front_matter
from cohandbook.core.read.module_file import parse_module
from conftest import TODAY, Repo, dump

OPEN = "handbooks/guide/modules/open-one"


def run(repo: Repo, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(repo.root), *args])


def work_at(repo: Repo, folder: str) -> ModuleWork:
    findings: list[Finding] = []
    text = (repo.root / folder / "index.md").read_text(encoding="utf-8")
    work = parse_module("guide", folder.rsplit("/", 1)[1], f"{folder}/index.md", text, (), findings)
    assert work is not None and not findings, findings
    return work


def test_claim_writes_claim_front_matter_and_a_starter(repo: Repo) -> None:
    result = run(repo, "claim", "guide/open-one", "--by", "li-na", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert f"{OPEN}/index.md" in result.output
    work = work_at(repo, OPEN)
    assert work.status == "claimed"
    assert [(c.handle, c.roles) for c in work.contributors] == [("li-na", ("writing",))]
    assert work.claimed.isoformat() == TODAY
    assert "写一写充电。" in work.body  # the brief
    assert "300 到 4000 字" in work.body  # the article format's limits
    assert "<!--" in work.body  # all guidance sits in a comment: nothing of it reaches the site
    assert run(repo, "validate", "--today", TODAY).exit_code == 0


def test_claimed_module_shows_its_claimant_on_the_site(repo: Repo) -> None:
    run(repo, "claim", "guide/open-one", "--by", "li-na", "--today", TODAY)
    placeholder = repo.build().article("guide/open-one/").get_text()
    assert "李娜 已认领" in placeholder
    assert "创作文件" not in placeholder  # the starter's comment stays out of the page


def test_starter_lists_the_operators_resources_and_deadline(repo: Repo) -> None:
    repo.write("handbooks/guide/resources/notes.png", b"\x89PNG\r\n\x1a\n")
    repo.handbook(
        "extra",
        deadline="2026-12-02",
        chapters=[
            {
                "id": "c",
                "title": "章",
                "modules": [
                    {
                        "id": "tour",
                        "title": "车机导览",
                        "format": "video",
                        "brief": "演示 --> <b>不要</b> 跳出注释",
                        "limits": {"max_duration": 90},
                        "resources": [{"title": "官方参数页", "url": "https://example.com/specs"}],
                    }
                ],
            }
        ],
    )
    assert run(repo, "claim", "extra/tour", "--by", "li-na", "--today", TODAY).exit_code == 0
    body = (repo.root / "handbooks/extra/modules/tour/index.md").read_text(encoding="utf-8")
    assert "官方参数页：https://example.com/specs" in body
    assert "截止日期：2026-12-02（认领当天起还有 10 天）" in body
    assert "视频不超过 90 秒" in body
    assert body.count("-->") == 1  # the brief's own "-->" cannot close the comment early
    assert "<!--" in work_at(repo, "handbooks/extra/modules/tour").body


def test_claim_refuses_a_taken_module_and_leaves_it_alone(repo: Repo) -> None:
    before = (repo.root / "handbooks/guide/modules/claimed-one/index.md").read_bytes()
    result = run(repo, "claim", "guide/claimed-one", "--by", "li-na")
    assert result.exit_code == 1
    assert "handbooks/guide/modules/claimed-one/index.md" in result.output
    assert "周凯" in result.output
    assert (repo.root / "handbooks/guide/modules/claimed-one/index.md").read_bytes() == before


def test_claim_refuses_an_unknown_person(repo: Repo) -> None:
    result = run(repo, "claim", "guide/open-one", "--by", "nobody")
    assert result.exit_code == 1
    assert "人才库里没有用户“nobody”" in result.output
    assert not (repo.root / OPEN).exists()


def test_claim_cap_comes_from_mkdocs_yml_and_can_be_overridden(repo: Repo) -> None:
    config = {**repo.config, "plugins": ["search", {"cohandbook": {"claim_cap": 1}}]}
    repo.write("mkdocs.yml", dump(config) + "extra:\n  analytics: !ENV [ANALYTICS, none]\n")
    refused = run(repo, "claim", "guide/open-one", "--by", "zhou-kai")  # zhou-kai already holds claimed-one
    assert refused.exit_code == 1
    assert "最多 1 个" in refused.output and "claimed-one" in refused.output
    assert run(repo, "claim", "guide/open-one", "--by", "zhou-kai", "--cap", "2").exit_code == 0


def test_squad_handbook_only_takes_claims_from_members(repo: Repo) -> None:
    for handle in ("a", "b", "c"):
        repo.person(handle)
    repo.squad("team", name="冰雪项目组", members=["a", "b", "c"])
    module = {"id": "m", "title": "甲", "format": "checklist"}
    repo.handbook("snow", squad="team", chapters=[{"id": "c", "title": "章", "modules": [module]}])
    outsider = run(repo, "claim", "snow/m", "--by", "li-na")
    assert outsider.exit_code == 1
    assert "冰雪项目组" in outsider.output and "handbooks/snow/handbook.yml" in outsider.output
    assert run(repo, "claim", "snow/m", "--by", "b").exit_code == 0


def test_squad_claims_are_not_capped(repo: Repo) -> None:
    for handle in ("a", "b", "c"):
        repo.person(handle)
    repo.squad("team", name="冰雪项目组", members=["a", "b", "c"])
    modules = [{"id": m, "title": m, "format": "checklist"} for m in ("m1", "m2", "m3")]
    repo.handbook("snow", squad="team", chapters=[{"id": "c", "title": "章", "modules": modules}])
    for module in ("m1", "m2", "m3"):
        assert run(repo, "claim", f"snow/{module}", "--by", "a", "--cap", "1").exit_code == 0
    assert "（a）" not in run(repo, "board", "--today", TODAY).output  # not listed against the cap either
    open_board = run(repo, "claim", "guide/open-one", "--by", "a", "--cap", "1")
    assert open_board.exit_code == 0  # the squad's three claims do not count towards the open board's cap


@pytest.mark.parametrize("name", ["guide/nothing", "nowhere/open-one", "open-one"])
def test_unknown_module_is_a_usage_error(repo: Repo, name: str) -> None:
    result = run(repo, "claim", name, "--by", "li-na")
    assert result.exit_code == 2
    assert not (repo.root / OPEN).exists()


def test_claim_accepts_the_folder_path_too(repo: Repo) -> None:
    assert run(repo, "claim", f"{OPEN}/", "--by", "li-na").exit_code == 0
    assert (repo.root / OPEN / "index.md").is_file()


def test_claim_never_writes_into_an_existing_folder(repo: Repo) -> None:
    repo.write(f"{OPEN}/photo.jpg", b"\xff\xd8\xff\xe0")
    result = run(repo, "claim", "guide/open-one", "--by", "li-na")
    assert result.exit_code == 1
    assert sorted(p.name for p in (repo.root / OPEN).iterdir()) == ["photo.jpg"]


def test_release_of_a_bare_claim_removes_the_folder(repo: Repo) -> None:
    run(repo, "claim", "guide/open-one", "--by", "li-na")
    result = run(repo, "release", "guide/open-one")
    assert result.exit_code == 0, result.output
    assert not (repo.root / OPEN).exists()


def test_release_keeps_merged_work_and_its_credit(repo: Repo) -> None:
    result = run(repo, "release", "guide/claimed-one")
    assert result.exit_code == 0, result.output
    assert "周凯" in result.output
    work = work_at(repo, "handbooks/guide/modules/claimed-one")
    assert work.status == "open" and work.claimed is None
    assert work.contributors == () and [c.handle for c in work.former_contributors] == ["zhou-kai"]
    assert work.body == "创作中。\n"
    assert run(repo, "validate", "--today", TODAY).exit_code == 0
    assert "此前参与：周凯" in repo.build().article("guide/claimed-one/").get_text()


def test_a_released_module_can_be_claimed_again_and_credits_both(repo: Repo) -> None:
    run(repo, "release", "guide/claimed-one")
    assert run(repo, "claim", "guide/claimed-one", "--by", "li-na", "--today", TODAY).exit_code == 0
    work = work_at(repo, "handbooks/guide/modules/claimed-one")
    assert (work.status, work.claimed.isoformat()) == ("claimed", TODAY)
    assert [c.handle for c in work.credits] == ["li-na", "zhou-kai"]
    assert work.body == "创作中。\n"


@pytest.mark.parametrize(("module", "says"), [("guide/open-one", "没有人认领"), ("guide/first-1000km", "审核中")])
def test_release_refuses_what_is_not_an_active_claim(repo: Repo, module: str, says: str) -> None:
    result = run(repo, "release", module)
    assert result.exit_code == 1
    assert says in result.output


def test_released_front_matter_keeps_every_other_value_as_written() -> None:
    text = (
        "---\nstatus: claimed\ncontributors:\n  - li-na\n  - {handle: zhou-kai, roles: [editing]}\n"
        "former_contributors: [{handle: wu-min}]\nclaimed: 2026-11-01\n"
        "video: {bilibili: BV1Xx411c7mD, duration: '1:58', poster: poster.jpg}\n"
        "gallery:\n  - {file: a.jpg, alt: no}\n---\n# 正文\n\n保持原样。\n"
    )
    out = released(text)
    findings: list[Finding] = []
    work = parse_module("h", "m", "f", out, (), findings)
    assert work is not None and not findings
    assert work.status == "open" and work.claimed is None
    assert [c.handle for c in work.former_contributors] == ["wu-min", "li-na", "zhou-kai"]
    assert work.former_contributors[2].roles == ("editing",)
    assert (work.video.bilibili, work.video.duration) == ("BV1Xx411c7mD", 118)
    assert work.gallery[0].alt == "no"  # not turned into a boolean on the way through YAML 1.1
    assert split_front_matter(out).body == "# 正文\n\n保持原样。\n"


def test_release_never_deletes_files_it_does_not_know(repo: Repo) -> None:
    run(repo, "claim", "guide/open-one", "--by", "li-na")
    repo.write(f"{OPEN}/.notes", "私人笔记")
    result = run(repo, "release", "guide/open-one")
    assert result.exit_code == 1
    assert ".notes" in result.output
    assert (repo.root / OPEN / ".notes").read_text(encoding="utf-8") == "私人笔记"
    assert work_at(repo, OPEN).status == "claimed"
