"""What a car owner reads after a first try: one message per mistake, naming their folder and the fix.

Every row is a mistake new contributors make (from the issue that asked for this, plus the ones found
while trying): the pull request is checked as `check-pr` checks it on GitHub, and the row says which
message must come back, how many times, and which words must not appear.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from gitrepo import GitRepo

from conftest import Repo, dump

LINA = "lina-drives"
VIDEO = "handbooks/guide/modules/voice-assistant"
GALLERY = "handbooks/guide/modules/trunk"
GIT_WORDS = ("推送", "分支", "commit", "Pull Request", " PR", "git ")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  " + b"\x00" * 64


def base_repo(root: Path) -> Repo:
    repo = Repo(root)
    repo.skills(photography="摄影")
    repo.person("li-na", name="李娜", github=LINA)
    modules = [
        {"id": "voice-assistant", "title": "语音助手", "format": "video"},
        {"id": "trunk", "title": "后备箱的隐藏空间", "format": "gallery"},
    ]
    repo.handbook("guide", title="新手车主用车宝典", chapters=[{"id": "c", "title": "第一章", "modules": modules}])
    claim = {"status": "claimed", "contributors": ["li-na"], "claimed": "2026-11-20"}
    repo.module("guide", "voice-assistant", claim)
    repo.module("guide", "trunk", claim)
    return repo


def video(repo: Repo, line: str) -> None:
    front = f"status: submitted\ncontributors:\n  - handle: li-na\nclaimed: 2026-11-20\n{line}\n"
    repo.write(f"{VIDEO}/index.md", f"---\n{front}---\n视频讲了怎么唤醒语音助手。\n")
    repo.write(f"{VIDEO}/poster.jpg", JPEG)


def gallery(repo: Repo, names: list[str], content: bytes = JPEG) -> None:
    photos = [{"file": n, "alt": f"第 {i} 张"} for i, n in enumerate(names)]
    front = {"status": "submitted", "contributors": ["li-na"], "claimed": "2026-11-20", "gallery": photos}
    repo.write(f"{GALLERY}/index.md", f"---\n{dump(front)}---\n后备箱地板下面还有空间。\n")
    for name in names:
        repo.write(f"{GALLERY}/{name}", content)


def raw_front(repo: Repo, front: str) -> None:
    repo.write(f"{VIDEO}/index.md", f"---\n{front}---\n正文\n")


Row = tuple[str, Callable[[Repo], None], str, int, tuple[str, ...]]
ROWS: list[Row] = [
    # (what people do, the change, the code that answers, how many times, words the answer holds)
    (
        "full-width colon",
        lambda r: raw_front(r, "status：submitted\ncontributors:\n  - handle: li-na\n"),
        "yaml-fullwidth",
        1,
        ("第 2 行的冒号是中文冒号：，改成英文冒号 :", "status: submitted"),
    ),
    (
        "full-width colon further down",
        lambda r: raw_front(r, "status: claimed\ncontributors:\n  - handle: li-na\nclaimed：2026-11-20\n"),
        "yaml-fullwidth",
        1,
        ("第 5 行的冒号是中文冒号", "claimed: 2026-11-20"),
    ),
    (
        "full-width dash",
        lambda r: raw_front(r, "status: claimed\ncontributors:\n  －handle: li-na\n"),
        "yaml-fullwidth",
        1,
        ("第 4 行开头的横线是中文横线", "- handle: li-na"),
    ),
    (
        "full-width comma in a list",
        lambda r: raw_front(r, "status: claimed\ncontributors:\n  - handle: li-na\n    roles: [video，editing]\n"),
        "yaml-fullwidth",
        1,
        ("中文逗号", "roles: [video, editing]"),
    ),
    (
        "no space after the colon",
        lambda r: raw_front(r, "status:submitted\ncontributors:\n  - handle: li-na\n"),
        "yaml-fullwidth",
        1,
        ("第 2 行的冒号后面少了一个空格", "status: submitted"),
    ),
    (
        "a key without its colon",
        lambda r: raw_front(r, "status submitted\ncontributors:\n  - handle: li-na\n"),
        "yaml-syntax",
        1,
        ("第 2 行缺少冒号",),
    ),
    (
        "duration nobody can read",
        lambda r: video(r, "video: {bilibili: BV1Xx411c7mD, duration: 两分多钟, poster: poster.jpg}"),
        "video-duration-invalid",
        1,
        ("时长 `两分多钟` 看不懂", "2分30秒"),
    ),
    (
        "b23.tv share link",
        lambda r: video(r, "video: {bilibili: 'https://b23.tv/xYz12', duration: 2:30, poster: poster.jpg}"),
        "video-source-invalid",
        1,
        ("分享短链接", "https://www.bilibili.com/video/BV"),
    ),
    (
        "iPhone photos",
        lambda r: gallery(r, [f"IMG_000{i}.heic" for i in range(4)], HEIC),
        "file-type",
        4,
        ("HEIC", "提交作品"),
    ),
    (
        "iPhone video",
        lambda r: (
            video(r, "video: {file: IMG_0001.mov, duration: 90, poster: poster.jpg}"),
            r.write(f"{VIDEO}/IMG_0001.mov", MOV),
        ),
        "file-type",
        1,
        ("MOV", "B 站"),
    ),
    (
        "a 28 MB photo",
        lambda r: (
            gallery(r, ["a.jpg", "b.jpg", "c.jpg", "big.jpg"]),
            r.write(f"{GALLERY}/big.jpg", JPEG + b"\x00" * 28 * 2**20),
        ),
        "file-too-large",
        1,
        ("28.0 MB", "10.0 MB"),
    ),
    (
        "photos one folder too high",
        lambda r: r.write("handbooks/guide/modules/IMG_0001.jpg", JPEG),
        "pr-misplaced-file",
        1,
        ("高了一层", "handbooks/guide/modules/trunk/"),
    ),
    (
        "photos in the handbook folder",
        lambda r: r.write("handbooks/guide/IMG_0001.jpg", JPEG),
        "pr-misplaced-file",
        1,
        ("handbooks/guide/", "你的模块文件夹 handbooks/guide/modules/trunk/、"),
    ),
    (
        "a Chinese folder name",
        lambda r: (
            r.write("handbooks/guide/modules/语音助手/poster.jpg", JPEG),
            r.write("handbooks/guide/modules/语音助手/index.md", "---\nstatus: submitted\n---\n"),
        ),
        "module-folder-name",
        1,
        ("不能用中文", "handbooks/guide/modules/voice-assistant/"),
    ),
    (
        "a mistyped status",
        lambda r: raw_front(r, "status: submited\ncontributors:\n  - handle: li-na\nclaimed: 2026-11-20\n"),
        "status-invalid",
        1,
        ("submited", "submitted"),
    ),
]


@pytest.fixture
def pr(tmp_path: Path) -> GitRepo:
    return GitRepo(base_repo(tmp_path / "repo")).start()


@pytest.mark.parametrize(("change", "code", "times", "words"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_one_mistake_one_message(
    pr: GitRepo, change: Callable[[Repo], None], code: str, times: int, words: tuple[str, ...]
) -> None:
    change(pr.repo)
    pr.commit("交稿")
    result = pr.check(LINA, "--format", "json")
    errors = [f for f in json.loads(result.output) if f["level"] == "error"]
    assert [f["code"] for f in errors] == [code] * times, result.output
    for finding in errors:
        said = finding["message"] + " " + finding["hint"]
        for word in words:
            assert word in said
        assert not [w for w in GIT_WORDS if w in said]
        assert finding["file"].startswith("handbooks/guide/")  # the contributor's own folder, or where they put it


@pytest.mark.parametrize(
    "line",
    [
        "video: {bilibili: 'https://www.bilibili.com/video/BV1Xx411c7mD/?spm_id_from=333.1007&vd_source=ab', duration: 2分30秒, poster: poster.jpg}",
        "video: {bilibili: BV1Xx411c7mD, duration: 150秒, poster: poster.jpg}",
        "video: {bilibili: BV1Xx411c7mD, duration: '2:30', poster: poster.jpg}",
        "video: {youtube: 'https://youtu.be/dQw4w9WgXcQ?si=abc', duration: 150, poster: poster.jpg}",
    ],
)
def test_what_people_type_is_understood(pr: GitRepo, line: str) -> None:
    video(pr.repo, line)
    pr.commit("交稿")
    result = pr.check(LINA)
    assert result.exit_code == 0, result.output


def test_the_summary_speaks_chinese(pr: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    raw_front(pr.repo, "status：submitted\n")
    pr.commit("交稿")
    assert pr.check(LINA, "--format", "github").exit_code == 1
    report = summary.read_text(encoding="utf-8")
    assert "| 错误 |" in report and "共创手册检查" in report
    assert "error" not in report and "yaml-fullwidth" not in report
    assert not [w for w in GIT_WORDS if w in report]
