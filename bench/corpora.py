"""Handbook repositories for the benchmarks, and the same pages as a plain Material site.

Two kinds of corpus:

* `synthetic(root, modules)`: the 800-module stress handbook of the earlier figures (mixed formats, one
  paragraph repeated, about modules/8 contributors). Its text repeats, which flatters any cache of
  segmentation; it is kept so figures stay comparable with earlier ones.
* `book(root, pages, people)`: a book-like handbook: distinct Chinese prose on every page (seeded, so the
  same arguments give the same bytes), headings, a photo or two, code in content tabs, every page credited to
  two or three of `people` writers and every person credited at least once. `book(…, 120, 200)` and
  `book(…, 460, 1000)` stand in for the real books the figures were first measured on.

`plain_site` copies the same Markdown and images into a docs folder with the same theme, extensions and
other plugins, no cohandbook, and a nav of the same shape: what plain Material would build.
"""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
FORMATS = ("article", "article", "checklist", "gallery", "video")
PARAGRAPH = (
    "新车到手后的头几周，最要紧的是养成好习惯：出门前绕车一圈，看看轮胎和灯光；"
    "上车后先调好座椅和后视镜，再系好安全带。冬天记得提前预热电池，热泵空调会更省电；"
    "胎压监测报警时不要慌，先找安全的地方停车检查。"
)
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
# Words the book's sentences are made of: car words, everyday words, connectives.
NOUNS = [
    "轮胎",
    "胎压",
    "电池",
    "续航",
    "热泵",
    "空调",
    "座椅",
    "后视镜",
    "方向盘",
    "刹车",
    "雨刮",
    "玻璃水",
    "车机",
    "导航",
    "蓝牙",
    "充电桩",
    "充电枪",
    "快充",
    "慢充",
    "能量回收",
    "底盘",
    "悬架",
    "大灯",
    "雾灯",
    "尾门",
    "后备箱",
    "儿童座椅",
    "安全带",
    "仪表盘",
    "故障灯",
    "保养",
    "机油",
    "冷却液",
    "刹车片",
    "轮毂",
    "备胎",
    "补胎液",
    "行车记录仪",
    "倒车影像",
    "雷达",
    "自适应巡航",
    "车道保持",
    "天窗",
    "香薰",
    "脚垫",
    "钥匙",
    "手机钥匙",
    "车门",
    "车窗",
    "门把手",
    "充电口",
    "电机",
    "电控",
    "高压",
    "低压电池",
    "服务中心",
    "说明书",
    "车主群",
    "老车主",
]
VERBS = [
    "检查",
    "调节",
    "打开",
    "关闭",
    "清洁",
    "更换",
    "预热",
    "设置",
    "留意",
    "记录",
    "拍照",
    "对比",
    "测量",
    "确认",
    "保养",
    "试一试",
    "讲清楚",
]
PLACES = [
    "地库",
    "高速",
    "山路",
    "小区",
    "冰雪路面",
    "雨天",
    "夜里",
    "服务区",
    "停车场",
    "家门口",
    "公司",
    "隧道",
    "乡间小路",
    "城市道路",
]
TIMES = [
    "出门前",
    "下雨天",
    "冬天",
    "夏天",
    "长途前",
    "每个月",
    "每次洗车后",
    "提车当天",
    "第一次充电",
    "首保前",
    "周末",
]
LANGS = (("python", 'print("胎压：", pressure)'), ("yaml", "tire_pressure: 2.5\nunit: bar"))


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


Outline = list[tuple[str, list[tuple[str, str]]]]  # chapters: (title, [(module title, module id)])


def synthetic(root: Path, modules: int) -> Outline:
    """One handbook of `modules` modules in every format, about modules/8 contributors."""
    people = [f"p{i:04d}" for i in range(max(4, modules // 8))]
    _people(root, people, random.Random(0))
    specs = [
        {"id": f"m{i:04d}", "title": f"模块 {i}：用车小知识", "format": FORMATS[i % len(FORMATS)]}
        for i in range(modules)
    ]
    outline = _handbook(root, "压力测试手册", specs, per_chapter=20)
    for i in range(modules):
        _synthetic_module(root / f"handbooks/bench/modules/m{i:04d}", i, people[i % len(people)])
    return outline


def _synthetic_module(folder: Path, i: int, handle: str) -> None:
    front: dict[str, object] = {"status": "accepted", "contributors": [handle], "claimed": "2026-11-01"}
    fmt = FORMATS[i % len(FORMATS)]
    body = f"## 要点\n\n{PARAGRAPH * 3}\n\n## 细节\n\n{PARAGRAPH * 2}\n"
    if fmt == "checklist":
        body += "".join(f"- [ ] 检查第 {k} 项：{PARAGRAPH[:20]}\n" for k in range(8))
    elif fmt == "gallery":
        front["gallery"] = [{"file": f"{k}.jpg", "alt": f"第 {k} 张图"} for k in range(4)]
        for k in range(4):
            write(folder / f"{k}.jpg", TINY_JPEG)
    elif fmt == "video":
        front["video"] = {"bilibili": f"BV1Xx4{i:06d}", "duration": 100, "poster": "poster.jpg"}
        write(folder / "poster.jpg", TINY_JPEG)
    write(folder / "index.md", f"---\n{dump(front)}---\n{body}")


def book(root: Path, pages: int, people: int, seed: int = 2026, *, photos: bool = False) -> Outline:
    """A book of `pages` article modules with distinct text, written by `people` credited writers.

    `photos`: each page's photo is a real 1600×1200 JPEG (about 0.3 MB, seeded) that the build makes web
    versions of, instead of a few bytes that only look like a JPEG and that no build can decode."""
    rng = random.Random(seed)
    handles = [f"w{i:04d}" for i in range(people)]
    _people(root, handles, rng)
    specs = [{"id": f"p{i:04d}", "title": _title(rng, i), "format": "article"} for i in range(pages)]
    outline = _handbook(root, "车主共创大全", specs, per_chapter=12, limits={"article": {"max_chars": 40000}})
    per_page = max(2, -(-people // pages))
    for i, spec in enumerate(specs):
        writers = [handles[(i * per_page + k) % people] for k in range(per_page + i % 2)]
        _book_page(root / f"handbooks/bench/modules/{spec['id']}", rng, list(dict.fromkeys(writers)), photos)
    return outline


def _title(rng: random.Random, i: int) -> str:
    return f"{rng.choice(TIMES)}{rng.choice(VERBS)}{rng.choice(NOUNS)}（{i + 1}）"


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(TIMES), "在", rng.choice(PLACES), "要", rng.choice(VERBS), rng.choice(NOUNS)]
    parts += ["，", "别忘了", rng.choice(VERBS), rng.choice(NOUNS), "和", rng.choice(NOUNS), "。"]
    return "".join(parts)


def _paragraph(rng: random.Random) -> str:
    return "".join(_sentence(rng) for _ in range(rng.randint(4, 8)))


def _book_page(folder: Path, rng: random.Random, writers: list[str], photos: bool = False) -> None:
    front = {"status": "accepted", "contributors": writers, "claimed": "2026-10-01"}
    sections = []
    for s in range(rng.randint(3, 5)):
        text = "\n\n".join(_paragraph(rng) for _ in range(rng.randint(2, 4)))
        sections.append(f"## 第 {s + 1} 节：{rng.choice(NOUNS)}怎么{rng.choice(VERBS)}\n\n{text}\n")
    photo = f"photo{rng.randint(0, 9)}.jpg"
    write(folder / photo, real_photo(rng) if photos else TINY_JPEG + bytes(rng.getrandbits(8) for _ in range(64)))
    sections.insert(1, f"![{rng.choice(NOUNS)}的照片]({photo})\n")
    tabs = "".join(f'=== "{lang}"\n\n    ```{lang}\n' + _indent(code) + "    ```\n\n" for lang, code in LANGS)
    sections.insert(2, f"{_paragraph(rng)}\n\n{tabs}")
    write(folder / "index.md", f"---\n{dump(front)}---\n" + "\n".join(sections))


def real_photo(rng: random.Random, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A photo-like JPEG: smooth colour fields with grain, from the seeded generator (the same bytes each time)."""
    from PIL import Image  # only the photo corpora need Pillow

    tile = Image.frombytes("RGB", (16, 12), rng.randbytes(16 * 12 * 3)).resize(size, Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", (size[0] // 2, size[1] // 2), rng.randbytes(size[0] * size[1] // 4))
    image = Image.blend(tile, grain.resize(size).convert("RGB"), 0.15)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _indent(code: str) -> str:
    return "".join(f"    {line}\n" for line in code.splitlines())


def _people(root: Path, handles: list[str], rng: random.Random) -> None:
    write(root / "contributors/skills.yml", dump({"writing": "文字", "photography": "摄影"}))
    for handle in handles:
        person = {
            "name": f"车主{handle}",
            "city": rng.choice(("上海", "北京", "成都", "哈尔滨")),
            "skills": ["writing"],
        }
        person["bio"] = _sentence(rng)
        write(root / f"contributors/{handle}.yml", dump(person))


def _handbook(
    root: Path, title: str, specs: list[dict[str, str]], *, per_chapter: int, limits: object = None
) -> Outline:
    chapters, outline = [], []
    for c in range(0, len(specs), per_chapter):
        chunk = specs[c : c + per_chapter]
        chapter_title = f"第 {c // per_chapter + 1} 章"
        chapters.append({"id": f"c{c // per_chapter:03d}", "title": chapter_title, "modules": chunk})
        outline.append((chapter_title, [(s["title"], s["id"]) for s in chunk]))
    blueprint: dict[str, object] = {"title": title, "brand": "星河汽车", "chapters": chapters}
    if limits:
        blueprint["limits"] = limits
    write(root / "handbooks/bench/handbook.yml", dump(blueprint))
    return outline


def project_config() -> dict:  # type: ignore[type-arg]
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(PROJECT / "theme")
    return config


def ours_site(root: Path, **options: object) -> Path:
    """mkdocs.yml for the repository at `root`: the project's configuration, today pinned."""
    config = project_config()
    config["plugins"] = [
        {"cohandbook": {**(p["cohandbook"] or {}), "today": TODAY, **options}} if _ours(p) else p
        for p in config["plugins"]
    ]
    write(root / "mkdocs.yml", dump(config))
    return root / "mkdocs.yml"


def plain_site(root: Path, outline: Outline) -> Path:
    """The same Markdown and images, the same theme, extensions and other plugins; no cohandbook."""
    shutil.copytree(root / "handbooks/bench/modules", root / "plain-docs/bench/modules")
    write(root / "plain-docs/index.md", "# 手册\n")
    config = project_config()
    config["docs_dir"] = "plain-docs"
    config["plugins"] = [p for p in config["plugins"] if not _ours(p)]
    chapters = [{title: [{t: f"bench/modules/{m}/index.md"} for t, m in modules]} for title, modules in outline]
    config["nav"] = [{"手册库": "index.md"}, {"手册": chapters}]
    write(root / "plain.yml", dump(config))
    return root / "plain.yml"


def _ours(plugin: object) -> bool:
    return plugin == "cohandbook" or (isinstance(plugin, dict) and "cohandbook" in plugin)
