"""Handing in from a phone: the 提交 form as GitHub renders it, attachments from a stand-in attachment host
on 127.0.0.1, the bot's branch and pull request in a bare remote, and check-pr's judgement of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from botkit import OWNER_REPO, BotRepo, FakeGitHub, issues_event
from click.testing import CliRunner, Result
from gitrepo import git
from media_files import has_gps, heic, jpeg, mov, needs_ffmpeg
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cohandbook.cli.main import cli
from cohandbook.core.bot.attachments import HostPolicy
from cohandbook.core.bot.submit_form import LABELS, read_form
from cohandbook.core.media.sniff import sniff
from cohandbook.github.download import DownloadProblem, Fetcher
from conftest import TODAY, Repo

LINA = "lina-drives"
TRUNK = "handbooks/guide/modules/trunk"
VOICE = "handbooks/guide/modules/voice-assistant"
BRANCH = "cohandbook/submit-12"


def small_repo(root: Path) -> Repo:
    repo = Repo(root)
    repo.skills(photography="摄影")
    repo.person("li-na", name="李娜", github=LINA)
    repo.person("zhou-kai", name="周凯", github="zhoukai")
    modules = [
        {"id": "voice-assistant", "title": "语音助手", "format": "video"},
        {"id": "trunk", "title": "后备箱的隐藏空间", "format": "gallery"},
        {"id": "tyres", "title": "胎压检查", "format": "checklist"},
    ]
    repo.handbook("guide", title="新手车主用车宝典", chapters=[{"id": "c", "title": "第一章", "modules": modules}])
    claim = {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-11-20", "issue": 3}
    repo.module("guide", "voice-assistant", claim, "<!--\n认领时的说明\n-->\n")
    repo.module("guide", "trunk", claim, "<!--\n认领时的说明\n-->\n")
    return repo


def rendered(**answers: str) -> str:
    """The issue body GitHub renders from .github/ISSUE_TEMPLATE/submit.yml."""
    parts = [f"### {label}\n\n{answers.get(key) or '_No response_'}" for key, label in LABELS.items()]
    parts.append("### 确认\n\n- [X] 这些照片、视频和文字是我自己创作的（或已得到作者同意），同意在手册里署名发布。")
    return "\n\n".join(parts)


def img(url: str, alt: str = "IMG_0001") -> str:
    return f'<img width="4032" height="3024" alt="{alt}" src="{url}" />'


class Stand:
    """GitHub's API and attachment host on one 127.0.0.1 server."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.github = FakeGitHub(server)
        self.fetched: list[str] = []

    @property
    def pulls(self) -> list[dict[str, Any]]:
        return self.github.created_pulls

    def attach(self, name: str, data: bytes) -> str:
        path = f"/user-attachments/assets/{name}"

        def serve(request: Request) -> Response:
            self.fetched.append(name)
            return Response(data, content_type="application/octet-stream")

        self.server.expect_request(path).respond_with_handler(serve)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"  # the address itself: only 127.0.0.1 may stand in for GitHub

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.port}"


@pytest.fixture
def bot_repo(tmp_path: Path) -> BotRepo:
    return BotRepo(small_repo(tmp_path / "repo"), tmp_path)


@pytest.fixture
def stand(httpserver: HTTPServer) -> Stand:
    return Stand(httpserver)


def hand_in(bot_repo: BotRepo, stand: Stand, body: str, login: str = LINA, number: int = 12) -> Result:
    event = issues_event(number, login, body, ["提交"])
    return bot_repo.bot(stand.github, "issues", event, COHANDBOOK_ATTACHMENT_HOST=stand.host)


def branch_file(bot_repo: BotRepo, path: str, branch: str = BRANCH) -> bytes:
    return git_bytes(bot_repo.remote, "show", f"{branch}:{path}")


def git_bytes(root: Path, *args: str) -> bytes:
    import subprocess

    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True).stdout


def gallery_body(stand: Stand) -> str:
    photos = [
        img(stand.attach("a1", heic()), "IMG_0001"),
        "后备箱地板下面的隐藏储物格",
        "",
        img(stand.attach("a2", jpeg(gps=True)), "IMG_0002"),
        "掀开侧板，",
        "还有一个放三角牌的位置",
        img(stand.attach("a3", jpeg())),
        "备胎下面的工具盒",
        f"![IMG_0004]({stand.attach('a4', jpeg())})",
        "座椅放倒后的平整空间",
    ]
    return rendered(handbook="guide", module="trunk", photos="\n".join(photos), intro="后备箱比你想的大。")


# The form as GitHub renders it


def test_the_form_is_read_with_its_attachments_and_captions() -> None:
    body = rendered(
        handbook="guide",
        module="trunk",
        link="【语音助手-哔哩哔哩】 https://www.bilibili.com/video/BV1Xx411c7mD/?share_source=copy_web",
        duration="2分30秒",
        poster=img("https://github.com/user-attachments/assets/p-1", "poster"),
        photos="\n".join(
            [img("https://github.com/user-attachments/assets/1"), "第一张", "", img("https://github.com/user-attachments/assets/2"), "第二张\n第二行"]
        ),
        items="- [ ] 检查胎压\n2. 检查玻璃水\n\n看看雨刮",
    )  # fmt: skip
    form = read_form(body.replace("\n", "\r\n"))
    assert (form.handbook, form.module) == ("guide", "trunk")
    assert form.link is not None and (form.link.site, form.link.id) == ("bilibili", "BV1Xx411c7mD")
    assert form.duration == 150
    assert form.poster is not None and form.poster.url.endswith("/p-1")
    assert [(p.attachment.url[-1], p.caption) for p in form.photos] == [("1", "第一张"), ("2", "第二张 第二行")]
    assert form.items == ("检查胎压", "检查玻璃水", "看看雨刮")
    assert form.video is None and form.text == "" and form.problems == ()


def test_a_photo_without_a_caption_and_a_short_link_are_named() -> None:
    body = rendered(handbook="guide", module="trunk", link="https://b23.tv/AbC", photos=img("https://x/1"))
    assert [p.split("：")[0] for p in read_form(body).problems] == ["视频链接", "第 1 张照片下面没有说明"]


# Attachments: only GitHub's hosts, capped, judged by content


def test_hosts_other_than_githubs_are_refused_before_any_contact() -> None:
    policy = HostPolicy()
    assert policy.allows("https://github.com/user-attachments/assets/0b1c")
    assert policy.allows("https://private-user-images.githubusercontent.com/1/2.jpg?jwt=x")
    for url in (
        "http://github.com/user-attachments/assets/1",  # not https
        "https://github.com/evil/repo/raw/main/x.jpg",  # github.com, but not an attachment
        "https://github.com.evil.example/user-attachments/assets/1",
        "https://user@github.com/user-attachments/assets/1",
        "https://pan.baidu.com/s/1abc",
        "file:///etc/passwd",
    ):
        assert not policy.allows(url), url
    with pytest.raises(DownloadProblem, match="不在 GitHub 上"):
        Fetcher(policy).get("https://pan.baidu.com/s/1abc")


def test_only_127_0_0_1_may_stand_in_for_githubs_hosts() -> None:
    assert HostPolicy.for_tests("127.0.0.1:8080").allows("http://127.0.0.1:8080/x")
    for netloc in ("evil.example", "10.0.0.1:80", "localhost:80"):
        with pytest.raises(ValueError):
            HostPolicy.for_tests(netloc)


def test_downloads_are_capped_and_redirects_checked(stand: Stand) -> None:
    fetcher = Fetcher(HostPolicy.for_tests(stand.host), cap=1000)
    assert fetcher.get(stand.attach("small", b"x" * 1000)) == b"x" * 1000
    with pytest.raises(DownloadProblem, match="上限"):
        fetcher.get(stand.attach("big", b"x" * 1001))
    stand.server.expect_request("/user-attachments/assets/away").respond_with_response(
        Response(status=302, headers={"Location": "http://203.0.113.9/stolen"})
    )
    with pytest.raises(DownloadProblem, match="GitHub 以外"):
        fetcher.get(stand.url("/user-attachments/assets/away"))


# The whole hand-in


def test_a_gallery_handed_in_from_a_phone_becomes_a_pull_request(bot_repo: BotRepo, stand: Stand) -> None:
    result = hand_in(bot_repo, stand, gallery_body(stand))
    assert result.exit_code == 0, result.output
    index = branch_file(bot_repo, f"{TRUNK}/index.md").decode("utf-8")
    assert "status: submitted" in index and f"submitted: {TODAY}" in index and "issue: 3" in index
    assert "file: photo-01.jpg" in index and "alt: 后备箱地板下面的隐藏储物格" in index
    assert "alt: 掀开侧板， 还有一个放三角牌的位置" in index
    assert "认领时的说明" not in index and index.endswith("后备箱比你想的大。\n")
    photos = [branch_file(bot_repo, f"{TRUNK}/photo-0{i}.jpg") for i in range(1, 5)]
    assert all(sniff(p) == "jpeg" for p in photos) and not any(has_gps(p) for p in photos)
    assert bot_repo.remote_log() == ["base"]  # the default branch is not touched
    [pull] = stand.pulls
    assert pull["head"] == BRANCH and pull["base"] == "main"
    assert "@lina-drives" in pull["body"] and "Closes #12" in pull["body"]
    [comment] = stand.github.bodies(12)
    assert "收到你的作品「后备箱的隐藏空间」" in comment and "#42" in comment
    # GITHUB_TOKEN's pull request starts no workflow: the bot starts the trusted check, and says so truthfully.
    assert stand.github.dispatches == [("check.yml", {"ref": "main", "inputs": {"pr": "42"}})]
    assert "检查结果会出现在那里" in comment
    assert "HEIC 照片转成了 JPEG" in comment and "拍摄地点" in comment
    assert stand.github.labels[12] == ["已交稿"]
    message = git(bot_repo.remote, "log", "-1", "--format=%B", BRANCH)
    assert "Cohandbook-Submitted-By: lina-drives" in message


def test_the_pull_request_is_judged_as_the_submitters_and_a_fork_cannot_forge_it(
    bot_repo: BotRepo, stand: Stand
) -> None:
    assert hand_in(bot_repo, stand, gallery_body(stand)).exit_code == 0
    git(bot_repo.root, "fetch", "-q", "origin", f"{BRANCH}:{BRANCH}")

    def check(author: str, head_repo: str, ref: str = BRANCH) -> Result:
        origin = ["--head-repo", head_repo, "--base-repo", OWNER_REPO, "--head-ref", ref]
        args = ["--root", str(bot_repo.root), "check-pr", "--base", "main", "--head", BRANCH, "--author", author]
        return CliRunner().invoke(cli, [*args, *origin, "--today", TODAY])

    own = check("github-actions[bot]", OWNER_REPO)
    assert own.exit_code == 0, own.output
    assert "作者 lina-drives（贡献者：li-na）" in own.output
    # The same commits from a fork: GitHub says the head lives in the fork, so the trailer counts for nothing.
    forged = check("mallory", "mallory/handbook")
    assert forged.exit_code == 1 and "作者 mallory" in forged.output and "还不在人才库里" in forged.output
    as_bot = check("github-actions[bot]", "mallory/handbook")
    assert as_bot.exit_code == 1 and "作者 github-actions[bot]" in as_bot.output
    renamed = check("github-actions[bot]", OWNER_REPO, ref="cohandbook/submit-99")
    assert renamed.exit_code == 1 and "作者 github-actions[bot]" in renamed.output


def test_a_video_with_a_bilibili_page_and_a_spoken_duration(bot_repo: BotRepo, stand: Stand) -> None:
    body = rendered(
        handbook="guide",
        module="voice-assistant",
        link="https://www.bilibili.com/video/BV1Xx411c7mD/?spm_id_from=333.1007",
        duration="2分30秒",
        poster=img(stand.attach("poster", jpeg(gps=True))),
    )
    assert hand_in(bot_repo, stand, body).exit_code == 0
    index = branch_file(bot_repo, f"{VOICE}/index.md").decode("utf-8")
    assert "bilibili: BV1Xx411c7mD" in index and "duration: 150" in index and "poster: poster.jpg" in index
    assert not has_gps(branch_file(bot_repo, f"{VOICE}/poster.jpg"))


@needs_ffmpeg
def test_an_iphone_mov_is_handed_in_as_an_mp4(bot_repo: BotRepo, stand: Stand, tmp_path: Path) -> None:
    body = rendered(
        handbook="guide",
        module="voice-assistant",
        video=f"{stand.attach('clip', mov(tmp_path))}\n",
        duration="1秒",
        poster=img(stand.attach("poster", jpeg())),
    )
    result = hand_in(bot_repo, stand, body)
    assert result.exit_code == 0, result.output
    assert sniff(branch_file(bot_repo, f"{VOICE}/video.mp4")[:64]) == "mp4"
    assert "file: video.mp4" in branch_file(bot_repo, f"{VOICE}/index.md").decode("utf-8")


def test_only_the_claimant_may_hand_in(bot_repo: BotRepo, stand: Stand) -> None:
    result = hand_in(bot_repo, stand, gallery_body(stand), login="zhoukai")
    assert result.exit_code == 0
    [comment] = stand.github.bodies(12)
    assert "不是你认领的模块" in comment
    assert stand.pulls == [] and stand.fetched == []  # nothing fetched for someone who may not hand in
    assert git(bot_repo.remote, "branch", "--list", BRANCH) == ""


def test_a_file_that_is_not_a_photo_or_from_elsewhere_is_refused(bot_repo: BotRepo, stand: Stand) -> None:
    photos = [
        img(stand.attach("p1", b"<html><script>alert(1)</script></html>")), "看起来像照片",
        img("https://pan.baidu.com/s/1abc"), "网盘里的照片",
        img(stand.attach("p3", jpeg())), "第三张",
        img(stand.attach("p4", jpeg())), "第四张",
    ]  # fmt: skip
    body = rendered(handbook="guide", module="trunk", photos="\n".join(photos))
    assert hand_in(bot_repo, stand, body).exit_code == 0
    [comment] = stand.github.bodies(12)
    assert "第 1 张照片：它不是照片" in comment and "第 2 张照片：这个文件不在 GitHub 上" in comment
    assert stand.pulls == [] and git(bot_repo.remote, "branch", "--list", BRANCH) == ""
