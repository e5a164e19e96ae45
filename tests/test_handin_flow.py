"""A car owner on a phone, start to finish, against a stand-in GitHub on 127.0.0.1 and a real bare remote:
claims, hands in a checklist, an article, a gallery (HEIC) and a video (`.mov`), joins the pool; every
refusal names the form that was filled in, lists every mistake at once, and never hides a good hand-in."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from botkit import BotRepo, claim_form_body, issues_event, schedule_event
from gitrepo import git
from media_files import ffmpeg, heic, jpeg, needs_ffmpeg
from pytest_httpserver import HTTPServer
from test_submission import Stand, branch_file, img, rendered

from cohandbook.core.media.video import video_seconds
from cohandbook.github.git import BranchMoved, Git
from conftest import Repo

LINA = "lina-drives"
GUIDE = "handbooks/guide/modules"
NOTE = "赵磊正在整理这篇文章，完成后会在这里发布。"
ARTICLE = "## 出发前\n" + "冬天出门前先看胎压，低温会让胎压下降不少。" * 12 + "\n第二段：" + "雪地里慢慢开，" * 20


def owners_repo(root: Path) -> Repo:
    repo = Repo(root)
    repo.skills(photography="摄影", writing="文字写作", **{"video-shooting": "视频拍摄"})
    repo.person("li-na", name="李娜", github=LINA)
    modules = [
        {"id": "winter-kit", "title": "冬季随车清单", "format": "checklist"},
        {"id": "snow-tips", "title": "雪地驾驶", "format": "article"},
        {"id": "trunk", "title": "后备箱的隐藏空间", "format": "gallery"},
        {"id": "voice", "title": "语音助手", "format": "video", "limits": {"max_duration": 2}},
        {"id": "open-one", "title": "充电桩", "format": "checklist"},
    ]
    repo.handbook("guide", title="新手车主用车宝典", chapters=[{"id": "c", "title": "第一章", "modules": modules}])
    claim = {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-11-20", "issue": 3}
    repo.module("guide", "winter-kit", claim, "<!--\n认领时的说明\n-->\n\n- [ ] 示例：检查胎压\n")
    repo.module("guide", "snow-tips", claim, f"<!-- 运营备注：别删 -->\n{NOTE}\n")
    repo.module("guide", "trunk", claim, "<!--\n认领时的说明\n-->\n")
    repo.module("guide", "voice", claim, "")
    return repo


@pytest.fixture
def bot_repo(tmp_path: Path) -> BotRepo:
    return BotRepo(owners_repo(tmp_path / "repo"), tmp_path)


@pytest.fixture
def stand(httpserver: HTTPServer) -> Stand:
    return Stand(httpserver)


def send(
    bot_repo: BotRepo, stand: Stand, number: int, body: str, label: str, login: str = LINA, action: str = "opened"
) -> None:
    event = issues_event(number, login, body, [label], action=action)
    result = bot_repo.bot(stand.github, "issues", event, COHANDBOOK_ATTACHMENT_HOST=stand.host)
    assert result.exit_code == 0, result.output


def only_comment(stand: Stand, number: int) -> str:
    [comment] = stand.github.bodies(number)
    return comment


def clip(folder: Path, seconds: int, name: str = "clip.mov") -> bytes:
    """A QuickTime movie `seconds` long, as a phone writes one."""
    target = folder / name
    source = f"testsrc=size=64x48:rate=10:duration={seconds}"
    command = [ffmpeg() or "ffmpeg", "-v", "error", "-f", "lavfi", "-i", source, "-c:v", "libx264"]
    subprocess.run([*command, "-pix_fmt", "yuv420p", "-f", "mov", str(target)], check=True)
    return target.read_bytes()


def join_body(name: str, handle: str, skills: str, city: str = "") -> str:
    """The issue body GitHub renders from .github/ISSUE_TEMPLATE/join.yml."""
    return (
        f"### 怎么称呼你\n\n{name or '_No response_'}\n\n### 想用的用户名\n\n{handle or '_No response_'}\n\n"
        f"### 你擅长什么\n\n{skills or '_No response_'}\n\n### 所在城市（选填）\n\n{city or '_No response_'}"
    )


# What was sent is what is published


def test_a_checklist_with_groups_is_published_as_typed(bot_repo: BotRepo, stand: Stand) -> None:
    items = "## 孩子\n• 湿巾\n• 水杯\n\n证件与车辆：\n1. 驾驶证\n2、行驶证\n① 保险单\n□ 备用钥匙"
    send(bot_repo, stand, 12, rendered(handbook="guide", module="winter-kit", items=items), "提交")
    index = branch_file(bot_repo, f"{GUIDE}/winter-kit/index.md", "cohandbook/submit-12").decode()
    body = index.split("---\n", 2)[2]
    assert body == (
        "\n## 孩子\n\n- [ ] 湿巾\n- [ ] 水杯\n\n## 证件与车辆\n\n- [ ] 驾驶证\n- [ ] 行驶证\n- [ ] 保险单\n- [ ] 备用钥匙\n"
    )
    assert "示例" not in index and "认领时的说明" not in index and "status: submitted" in index
    assert "收到你的作品「冬季随车清单」" in only_comment(stand, 12)


def test_an_article_replaces_the_operators_placeholder(bot_repo: BotRepo, stand: Stand) -> None:
    send(
        bot_repo,
        stand,
        13,
        rendered(handbook="guide", module="snow-tips", text=ARTICLE, intro="写给南方车主。"),
        "提交",
    )
    index = branch_file(bot_repo, f"{GUIDE}/snow-tips/index.md", "cohandbook/submit-13").decode()
    front, body = index.split("---\n", 2)[1:]
    assert "issue: 3" in front and "contributors:" in front  # the claim's front matter stays
    assert NOTE not in index and "运营备注" not in index
    assert body.startswith("\n写给南方车主。\n\n## 出发前\n\n冬天出门前") and "\n\n第二段：" in body


def test_a_gallery_of_heic_photos(bot_repo: BotRepo, stand: Stand) -> None:
    photos = [line for n in range(4) for line in (img(stand.attach(f"h{n}", heic())), f"第 {n + 1} 个储物格")]
    send(bot_repo, stand, 14, rendered(handbook="guide", module="trunk", photos="\n".join(photos)), "提交")
    index = branch_file(bot_repo, f"{GUIDE}/trunk/index.md", "cohandbook/submit-14").decode()
    assert "file: photo-04.jpg" in index and "alt: 第 4 个储物格" in index
    assert "HEIC 照片转成了 JPEG" in only_comment(stand, 14)


@needs_ffmpeg
def test_a_mov_is_measured_and_its_own_length_is_published(bot_repo: BotRepo, stand: Stand, tmp_path: Path) -> None:
    body = rendered(
        handbook="guide",
        module="voice",
        video=stand.attach("mov", clip(tmp_path, 1)),
        duration="两分半",
        poster=img(stand.attach("poster", heic())),
    )
    send(bot_repo, stand, 15, body, "提交")
    index = branch_file(bot_repo, f"{GUIDE}/voice/index.md", "cohandbook/submit-15").decode()
    assert "file: video.mp4" in index and "duration: 1\n" in index and "poster: poster.jpg" in index
    comment = only_comment(stand, 15)
    assert "你写的时长是 2 分 30 秒（150 秒），视频实际长 1 秒：手册里按实际长度写。" in comment


# Every mistake at once, about the right form, never hiding a good hand-in


@needs_ffmpeg
def test_every_mistake_of_a_video_hand_in_comes_in_one_round(bot_repo: BotRepo, stand: Stand, tmp_path: Path) -> None:
    body = rendered(
        handbook="guide",
        module="voice",
        video=stand.attach("long", clip(tmp_path, 4)),
        poster=f"[poster.pdf]({stand.attach('pdf', b'%PDF-1.7 a poster')})",
        duration="9" * 5000,
        link="https://b23.tv/AbC",
    )
    send(bot_repo, stand, 16, body, "提交")
    comment = only_comment(stand, 16)
    assert comment.startswith("<!-- cohandbook:submit:16 -->\n@lina-drives 提交表里有几处需要改一下")
    assert "视频时长：" not in comment  # the file's own length decides: a garbled stated one does not matter
    assert "视频链接：" in comment and "b23.tv" in comment
    assert "封面图：" in comment and "不是照片" in comment
    assert "视频实际长 4 秒，超过了本模块 2 秒的上限" in comment
    assert "出了问题" not in comment and "认领表" not in comment
    assert stand.pulls == []


def test_a_failed_edit_keeps_the_link_to_the_good_hand_in(bot_repo: BotRepo, stand: Stand) -> None:
    photos = [line for n in range(4) for line in (img(stand.attach(f"p{n}", jpeg())), f"照片 {n}")]
    good = rendered(handbook="guide", module="trunk", photos="\n".join(photos))
    send(bot_repo, stand, 14, good, "提交")
    head = git(bot_repo.remote, "rev-parse", "cohandbook/submit-14")
    [pull] = stand.pulls
    bad_lines = [
        img(stand.attach("html", b"<html></html>")),
        "",
        img("https://github.com/user-attachments/assets/a b"),
        "x",
    ]
    bad = rendered(handbook="guide", module="trunk", photos="\n".join(bad_lines))
    send(bot_repo, stand, 14, bad, "提交", action="edited")
    comment = only_comment(stand, 14)  # the same comment, edited in place
    assert f"你之前交的作品还在 #{pull['number']} 等运营同学审核" in comment
    assert "第 1 张照片下面没有说明" in comment and "第 1 张照片：它不是照片" in comment
    assert "第 2 张照片：这个附件的地址不对" in comment  # the address with a space: refused, not a crash
    assert "图集至少要 4 张照片" in comment and "提交表里" in comment and "认领表" not in comment
    assert git(bot_repo.remote, "rev-parse", "cohandbook/submit-14") == head  # the good hand-in stands
    send(bot_repo, stand, 14, good.replace("照片 0", "第一张照片"), "提交", action="edited")  # fixed again
    assert f"交给运营同学审核：#{pull['number']}" in only_comment(stand, 14) and len(stand.pulls) == 1
    assert "alt: 第一张照片" in branch_file(bot_repo, f"{GUIDE}/trunk/index.md", "cohandbook/submit-14").decode()
    send(bot_repo, stand, 14, bad, "提交", action="edited")
    wrong = rendered(handbook="guide", module="nope", photos="\n".join(photos))
    send(bot_repo, stand, 14, wrong, "提交", action="edited")
    comment = only_comment(stand, 14)
    assert f"#{pull['number']}" in comment and "“手册编号”和“模块编号”不对" in comment
    stand.github.closed_pulls.add(pull["number"])  # merged: nothing is waiting any more
    send(bot_repo, stand, 14, bad, "提交", action="edited")
    assert "你之前交的作品" not in only_comment(stand, 14)


def test_a_5000_digit_duration_is_named_plainly(bot_repo: BotRepo, stand: Stand) -> None:
    body = rendered(
        handbook="guide", module="voice", link="https://www.bilibili.com/video/BV1Xx411c7mD/", duration="9" * 5000
    )
    send(bot_repo, stand, 18, body, "提交")
    comment = only_comment(stand, 18)
    assert "视频时长：" in comment and "太长" in comment and "出了问题" not in comment
    assert "视频要有一张封面图" in comment  # with the other mistake, in the same round


def test_too_many_photos_are_refused_before_a_single_download(bot_repo: BotRepo, stand: Stand) -> None:
    lines = [line for n in range(40) for line in (img(stand.url(f"/user-attachments/assets/n{n}")), "说明")]
    send(bot_repo, stand, 17, rendered(handbook="guide", module="trunk", photos="\n".join(lines)), "提交")
    assert "照片有 40 张，一次最多 30 张" in only_comment(stand, 17)
    assert stand.fetched == [] and stand.pulls == []


def test_two_quick_edits_cannot_overwrite_each_other(bot_repo: BotRepo) -> None:
    """The bot's branch moves only from the commit this run saw: a run that lost the race stops."""

    class Stale(Git):
        def remote_branch(self, branch: str) -> str:
            return ""  # what this run saw when it began: no branch yet

    path = f"{GUIDE}/trunk/x.txt"
    Git(bot_repo.root).write_branch("cohandbook/submit-9", {path: b"newer"}, "newer")
    with pytest.raises(BranchMoved):
        Stale(bot_repo.root).write_branch("cohandbook/submit-9", {path: b"older"}, "older")
    assert branch_file(bot_repo, path, "cohandbook/submit-9") == b"newer"


# Joining, claiming, labels


def test_no_message_names_the_wrong_form(bot_repo: BotRepo, stand: Stand) -> None:
    send(bot_repo, stand, 40, rendered(handbook="guide", module="open-one", items="a"), "提交")
    send(bot_repo, stand, 41, rendered(handbook="guide", module="trunk"), "提交", login="stranger")
    send(bot_repo, stand, 42, join_body("x", "-bad", ""), "加入", login="someone")
    send(bot_repo, stand, 43, claim_form_body("guide", "nope"), "认领")
    for number in (40, 41):
        assert "认领表" not in only_comment(stand, number) and "加入表" not in only_comment(stand, number)
    assert "暂时不能交稿" in only_comment(stand, 41)
    assert "加入表里" in only_comment(stand, 42) and "认领表里" in only_comment(stand, 43)


def test_the_bot_makes_its_missing_labels_once(bot_repo: BotRepo, stand: Stand) -> None:
    stand.github.repo_labels = ["认领", "bug"]
    assert bot_repo.bot(stand.github, "schedule", schedule_event()).exit_code == 0
    made = stand.github.new_labels
    assert [label["name"] for label in made] == ["已认领", "提交", "已交稿", "加入", "组队"]
    assert all(len(label["color"]) == 6 and label["description"] for label in made)
    assert (
        stand.github.label_calls
        == [("GET", "/repos/xinghe/handbook/labels")] + [("POST", "/repos/xinghe/handbook/labels")] * 5
    )
    assert bot_repo.bot(stand.github, "schedule", schedule_event()).exit_code == 0
    assert len(stand.github.new_labels) == 5  # nothing more to make


@needs_ffmpeg
def test_a_videos_length_is_measured_from_the_file_alone(tmp_path: Path) -> None:
    webm = tmp_path / "clip.webm"
    command = ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=3", "-c:v", "libvpx-vp9"]
    subprocess.run([ffmpeg() or "ffmpeg", *command, "-f", "webm", str(webm)], check=True)
    assert video_seconds(webm, ffmpeg() or "ffmpeg", "matroska") == 3
    clip(tmp_path, 2, "real.mov")
    playlist = tmp_path / "playlist.mp4"  # a "video" that is a playlist pointing at another file
    playlist.write_text(f"#EXTM3U\n#EXTINF:2,\n{tmp_path / 'real.mov'}\n#EXT-X-ENDLIST\n", encoding="utf-8")
    assert video_seconds(playlist, ffmpeg() or "ffmpeg") is None
