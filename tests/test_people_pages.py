"""The talent pool on the site: the contributor wall, profiles across handbooks, avatars, privacy, escaping."""

from __future__ import annotations

import gzip
import json

import pytest
from bs4 import BeautifulSoup
from talent_data import PNG, add_winter_squad

from cohandbook.core.site.profiles import initials
from conftest import Repo, Site

HOSTILE = "<script>alert(1)</script> *李* [x](javascript:alert(1))"
MARKER = "PRIVATE-MARKER-7f3a9c"


def wall(site: Site) -> dict[str, BeautifulSoup]:
    return {
        p.select_one(".ch-wall__name").get_text(): p for p in site.article("contributors/").select(".ch-wall__person")
    }


def test_wall_shows_everyone_with_city_skills_and_counts(repo: Repo) -> None:
    add_winter_squad(repo)
    repo.person("wang-fang", name="王芳", city="杭州")  # in the pool, credited nowhere yet
    people = wall(repo.build())
    assert list(people) == ["李娜", "王芳", "赵磊", "周凯"]  # handle order: stable, whoever joins
    li_na = people["李娜"]
    assert [t.get_text() for t in li_na.select(".ch-tag")] == ["视频拍摄"]  # labels from skills.yml
    # li-na: setup-video, first-1000km, daily-check in guide, snow-braking in winter; one squad.
    assert li_na.select_one(".ch-wall__counts").get_text() == "4 个模块 · 1 个项目组"
    assert people["王芳"].select_one(".ch-wall__city").get_text() == "杭州"
    assert people["王芳"].select_one(".ch-wall__counts").get_text() == "0 个模块 · 0 个项目组"


def test_profile_lists_modules_across_handbooks_with_roles_and_squads(repo: Repo) -> None:
    site = add_winter_squad(repo).build()
    profile = site.article("contributors/li-na/")
    assert profile.h1.get_text() == "李娜"
    handbooks = [h3.get_text() for h3 in profile.select("h3")]
    assert handbooks == ["新手车主用车宝典", "冰雪路面驾驶指南"]
    works = [li.get_text(" ", strip=True) for li in profile.select(".ch-profile__works li")]
    assert works == [
        "首次车机设置 视频拍摄、剪辑",
        "首个一千公里 文字 审核中",
        "每日检查清单 文字",
        "冰雪路面制动 视频拍摄",
    ]
    squads = [li.get_text(" ", strip=True) for li in profile.select(".ch-profile__squads li")]
    assert squads == ["冰雪项目组 拍摄 已解散"]


def test_profile_links_resolve(repo: Repo) -> None:
    site = add_winter_squad(repo).build()
    page = site.root / "contributors/li-na/index.html"
    for a in site.article("contributors/li-na/").select(".ch-profile__works a, .ch-profile__squads a, h3 a"):
        target = (page.parent / a["href"]).resolve()
        assert (target / "index.html").is_file(), a["href"]


def test_person_without_github_is_first_class(repo: Repo) -> None:
    site = add_winter_squad(repo).build()
    profile = site.article("contributors/zhao-lei/")
    assert [h3.get_text() for h3 in profile.select("h3")] == ["冰雪路面驾驶指南"]
    assert "GitHub" not in profile.get_text()
    assert wall(site)["赵磊"].select_one(".ch-wall__counts").get_text() == "2 个模块 · 1 个项目组"


def test_claims_in_progress_are_listed_but_not_counted(repo: Repo) -> None:
    profile = repo.build().article("contributors/zhou-kai/")
    claims = [li.get_text(" ", strip=True) for li in profile.select(".ch-profile__claims li")]
    assert claims == ["创作中的模块 （《新手车主用车宝典》） 创作中"]
    assert "2 个模块" in profile.select_one(".ch-profile__meta").get_text()  # storage, first-1000km


def test_links_are_external_with_noopener_nofollow(repo: Repo) -> None:
    repo.person("zhou-kai", name="周凯", github="zhoukai", links={"bilibili": "https://space.bilibili.com/1"})
    links = repo.build().article("contributors/zhou-kai/").select(".ch-profile__links a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("GitHub", "https://github.com/zhoukai"),
        ("哔哩哔哩", "https://space.bilibili.com/1"),
    ]
    assert all(a["rel"] == ["noopener", "nofollow"] for a in links)


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_local_avatar_is_copied_and_shown_https_avatar_falls_back_to_initials(
    repo: Repo, use_directory_urls: bool
) -> None:
    repo.config["use_directory_urls"] = use_directory_urls
    repo.write("contributors/avatars/li-na.png", PNG)
    repo.write("contributors/avatars/unused.png", PNG)
    repo.person("li-na", name="李娜", avatar="avatars/li-na.png", skills=["video-shooting"])
    repo.person("zhou-kai", name="周凯", avatar="https://example.com/zk.jpg")
    site = repo.build()
    assert (site.root / "contributors/avatars/li-na.png").read_bytes() == PNG
    assert not (site.root / "contributors/avatars/unused.png").exists()  # only avatars someone uses
    for page in ("contributors/index.html", "contributors/li-na/index.html"):
        img = site.soup(page).select_one("article img.ch-avatar")
        assert ((site.root / page).parent / img["src"]).resolve() == (site.root / "contributors/avatars/li-na.png")
    profile = site.article("contributors/zhou-kai/index.html")
    assert profile.select_one(".ch-avatar--initials").get_text() == "周"
    assert not profile.select("img")  # no third-party image requests


def test_initials() -> None:
    assert initials("李娜") == "李"
    assert initials("Anna Lee") == "AL"
    assert initials("anna") == "A"
    assert initials("  ") == "?"


def site_texts(site: Site) -> dict[str, str]:
    """Every output file as text, sitemap.xml.gz decompressed."""
    texts = {}
    for file in site.all_files():
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        texts[str(file.relative_to(site.root))] = data.decode("utf-8", errors="replace")
    return texts


def test_private_notes_and_squad_workspace_never_reach_any_output_file(repo: Repo) -> None:
    add_winter_squad(repo)
    # A hidden tag whose id and label appear nowhere else: if either reaches a page, hidden tags leak.
    repo.write(
        "contributors/skills.yml",
        (repo.root / "contributors/skills.yml").read_text(encoding="utf-8") + f"hidden-gift: 隐性{MARKER}\n",
    )
    private = {"notes": f"{MARKER} 私下备注", "skills": ["hidden-gift"]}
    repo.person("zhao-lei", name="赵磊", skills=["snow-driving"], private=private)
    repo.write(
        "contributors/squads/ice-and-snow.yml",
        (repo.root / "contributors/squads/ice-and-snow.yml").read_text(encoding="utf-8")
        + f"workspace: {MARKER} 内部群\n",
    )
    texts = site_texts(repo.build())
    assert "search/search_index.json" in texts and "sitemap.xml" in texts and "sitemap.xml.gz" in texts
    assert "赵磊" in texts["contributors/zhao-lei/index.html"]  # the scan reads what the pages really hold
    leaks = [path for path, text in texts.items() if MARKER in text or "hidden-gift" in text]
    assert leaks == []


def hostile_repo(repo: Repo) -> Repo:
    add_winter_squad(repo)
    repo.person("li-na", name=HOSTILE, skills=["video-shooting"])
    repo.squad(
        "ice-and-snow",
        name=HOSTILE,
        mission=HOSTILE,
        handbook="winter",
        members=[{"handle": h, "role": HOSTILE} for h in ("li-na", "zhou-kai", "zhao-lei")],
        formed="2026-10-01",
        dissolved="2026-11-15",
    )
    return repo


PAGES_NAMING_LI_NA = [
    "",
    "guide/",
    "guide/credits/",
    "guide/setup-video/",
    "contributors/",
    "contributors/li-na/",
    "squads/",
    "squads/ice-and-snow/",
    "winter/",
]


def assert_inert(soup: BeautifulSoup) -> None:
    """The hostile text made no markup: no script, no emphasis, no javascript: link."""
    assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()]
    assert not [e for e in soup.find_all(["em", "i"]) if e.get_text() == "李"]
    assert not soup.select('a[href^="javascript"]')


def test_hostile_name_is_literal_text_everywhere(repo: Repo) -> None:
    site = hostile_repo(repo).build()
    for url in PAGES_NAMING_LI_NA:
        soup = site.soup(url)
        assert_inert(soup)
        assert HOSTILE in soup.select_one("article").get_text(), url
    assert site.soup("contributors/li-na/").title.get_text().startswith(HOSTILE)
    assert site.article("contributors/li-na/").h1.get_text() == HOSTILE
    assert site.article("squads/ice-and-snow/").h1.get_text() == f"{HOSTILE} 荣誉出品"
    assert HOSTILE in site.article("guide/").select_one(".ch-credit-line").get_text()


def test_hostile_name_makes_no_markup_on_any_page(repo: Repo) -> None:
    site = hostile_repo(repo).build()
    pages = [p for p in site.all_files() if p.suffix == ".html"]
    assert len(pages) > 15
    for page in pages:
        assert_inert(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml"))


def test_hostile_name_is_literal_text_in_the_search_index(repo: Repo) -> None:
    site = hostile_repo(repo).build()
    index = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    # Material's search shows titles and texts as HTML, so the index must hold them escaped.
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert_inert(BeautifulSoup(doc[field], "lxml"))
    # The search plugin segments Chinese with zero-width spaces; the text is otherwise the name, literally.
    texts = {d["location"]: BeautifulSoup(d["text"], "lxml").get_text().replace("\u200b", "") for d in index["docs"]}
    assert HOSTILE in texts["contributors/"]  # the wall: where a search for a name lands
    titles = [BeautifulSoup(d["title"], "lxml").get_text().replace("\u200b", "") for d in index["docs"]]
    assert f"{HOSTILE} 荣誉出品" in titles


def test_profiles_and_credits_pages_stay_out_of_the_search_index(repo: Repo) -> None:
    site = repo.build()
    index = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "contributors/" in locations and "guide/setup-video/" in locations
    assert not {"contributors/li-na/", "guide/credits/"} & locations
