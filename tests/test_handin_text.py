"""The hand-in's pure parts, table by table: durations as people say them, checklists and articles as typed on
a phone, what the form asks of each format, skills matched to the vocabulary, the labels the bot makes."""

from __future__ import annotations

import contextlib
import time

import pytest
from test_submission import img, rendered

from cohandbook.core.bot.attachments import attachment_of
from cohandbook.core.bot.body import Group, article_markdown, checklist, checklist_markdown
from cohandbook.core.bot.joining import match_skills
from cohandbook.core.bot.submit_form import MAX_PHOTOS, read_form
from cohandbook.core.domain.handin import fill_hint, submit_title
from cohandbook.core.domain.labels import LABELS, missing
from cohandbook.core.domain.model import Limits, ModuleSpec
from cohandbook.core.read.durations import MAX_CHARS, DurationProblem, seconds_of
from cohandbook.core.read.spoken import SpokenProblem, duration

SAID = [
    ("150", 150),
    ("150秒", 150),
    ("2分30秒", 150),
    ("2分30", 150),
    ("两分半", 150),
    ("一分半", 90),
    ("一分半钟", 90),
    ("半分钟", 30),
    ("2.5分钟", 150),
    ("1.5 分钟", 90),
    ("约2分30秒", 150),
    ("大概3分钟左右", 180),
    ("差不多 2 分钟", 120),
    ("2'30\"", 150),
    ("2′30″", 150),
    ("2'30''", 150),
    ("2'30", 150),
    ("2:30", 150),
    ("２：３０", 150),
    ("２分３０秒", 150),
    ("1:02:30", 3750),
    ("一小时", 3600),
    ("一个半小时", 5400),
    ("1小时2分3秒", 3723),
    ("三十秒", 30),
    ("一百二十秒", 120),
    ("一百零五秒", 105),
    ("十五秒", 15),
    ("两分钟", 120),
    ("2 min 30 s", 150),
    ("90 seconds", 90),
]


@pytest.mark.parametrize(("said", "seconds"), SAID)
def test_durations_as_people_say_them(said: str, seconds: int) -> None:
    assert duration(said) == seconds


REFUSED = [
    ("两分多钟", "多"),
    ("2.5", "整秒"),
    ("0", "至少"),
    ("0秒", "至少"),
    ("2:75", "小于 60"),
    ("1秒2分", "从大到小"),
    ("abc", "看不懂"),
    ("", "没有写"),
    ("30小时", "24 小时"),
    ("1234567秒", "太长"),
    ("1.2345分钟", "太长"),
    ("三三秒", "看不懂"),
    ("5" * 5000, "太长"),
    ("分钟", "单位前面"),
    ("2::30", "冒号"),
]


@pytest.mark.parametrize(("said", "why"), REFUSED)
def test_what_is_not_a_duration_is_refused_in_plain_words(said: str, why: str) -> None:
    with pytest.raises(SpokenProblem) as problem:
        duration(said)
    assert why in problem.value.message and "2分30秒" in problem.value.hint
    assert len(problem.value.message) < 120  # a 5,000-digit answer is not pasted back


def test_duration_parsing_is_linear_and_bounded_on_100_kb() -> None:
    for worst in ("9" * 100_000, "一" * 100_000, "2分" * 50_000, ":" * 100_000, "半" * 100_000):
        start = time.perf_counter()
        with pytest.raises(DurationProblem):
            seconds_of(worst)
        assert time.perf_counter() - start < 0.05
    # Within the cap, the worst shapes are still fast: the scan is one pass.
    for worst in ("1" * MAX_CHARS, "1分" * (MAX_CHARS // 2), "一十" * (MAX_CHARS // 2)):
        start = time.perf_counter()
        with pytest.raises(DurationProblem):
            seconds_of(worst)
        assert time.perf_counter() - start < 0.01


def test_an_answer_is_quoted_as_code_in_the_message() -> None:
    for said in ("[点我](https://evil.example) 2分", "@xinghe/operators 两分", "![x](https://evil.example/a.png)"):
        with pytest.raises(SpokenProblem) as problem:
            duration(said)
        message = problem.value.message
        assert message.startswith("时长 `") and message.count("`") == 2, message
    with pytest.raises(SpokenProblem) as problem:
        duration("`2` [x](y)")
    assert problem.value.message.startswith("时长 `'2' [x](y)` 看不懂")


def test_the_form_with_a_5000_digit_duration_names_it_plainly() -> None:
    form = read_form(rendered(handbook="guide", module="v", duration="9" * 5000))
    [problem] = form.problems
    assert problem.startswith("视频时长：") and "太长" in problem and form.duration is None


CHECKLISTS = [
    (
        "## 孩子\n• 湿巾\n• 水杯\n\n证件与车辆：\n- 驾驶证\n- 行驶证",
        (Group("孩子", ("湿巾", "水杯")), Group("证件与车辆", ("驾驶证", "行驶证"))),
    ),
    ("1. 检查胎压\n2、检查玻璃水\n3) 看雨刮\n（4）灯光\n(5) 刹车", (Group("", ("检查胎压", "检查玻璃水", "看雨刮", "灯光", "刹车")),)),
    ("① 充电线\n② 纸巾\n⑩ 三角牌", (Group("", ("充电线", "纸巾", "三角牌")),)),
    ("□ 雨伞\n☐ 毯子\n[ ] 手电\n[x] 水\n- [ ] 零食\n- [X] • 湿巾\n* 药品\n+ 口罩", (Group("", ("雨伞", "毯子", "手电", "水", "零食", "湿巾", "药品", "口罩")),)),
    ("出发前:\n加满 2.5 升玻璃水\n-20℃ 用防冻液", (Group("出发前", ("加满 2.5 升玻璃水", "-20℃ 用防冻液")),)),
    ("【后备箱】\n拖车绳；\n### 车里：\n手机支架", (Group("后备箱", ("拖车绳",)), Group("车里", ("手机支架",)))),
    ("## 空的组\n## 孩子\n奶瓶", (Group("孩子", ("奶瓶",)),)),
    ("检查胎压\n\n\n   检查机油   ", (Group("", ("检查胎压", "检查机油")),)),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "groups"), CHECKLISTS)
def test_checklists_as_typed_on_a_phone(typed: str, groups: tuple[Group, ...]) -> None:
    assert checklist(typed) == groups


def test_a_checklist_is_published_as_headings_and_one_item_a_line() -> None:
    markdown = checklist_markdown(checklist("随身：\n• 手机\n## 孩子\n- [ ] 湿巾\n1. 水杯"))
    assert markdown == "## 随身\n\n- [ ] 手机\n\n## 孩子\n\n- [ ] 湿巾\n- [ ] 水杯"
    for line in markdown.splitlines():
        assert not line.startswith(("- [ ] #", "- [ ] •", "- [ ] -", "- [ ] 1.")) and not line.endswith("：")


ARTICLES = [
    ("第一段\n第二段", "第一段\n\n第二段"),
    ("# 标题\n正文", "## 标题\n\n正文"),
    ("## 小标题\n\n正文一\n\n\n正文二", "## 小标题\n\n正文一\n\n正文二"),
    ("### 更小的\n正文", "### 更小的\n\n正文"),
    ("步骤：\n1. 打开\n2. 关上\n结束", "步骤：\n\n1. 打开\n2. 关上\n\n结束"),
    ("#没有空格的井号", "#没有空格的井号"),
]


@pytest.mark.parametrize(("typed", "published"), ARTICLES)
def test_articles_keep_paragraphs_and_headings(typed: str, published: str) -> None:
    assert article_markdown(typed) == published


def spec(fmt: str) -> ModuleSpec:
    return ModuleSpec(id="m", title="冬季胎压", format=fmt, limits=Limits(max_duration=120, min_images=3))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fmt", "box", "number"),
    [("video", "视频链接", "120 秒"), ("gallery", "照片和说明", "至少 3 张"), ("article", "正文", "300 到 4000 字"), ("checklist", "清单", "至少 5 项")],
)  # fmt: skip
def test_the_title_and_the_hint_say_the_format_and_what_to_fill(fmt: str, box: str, number: str) -> None:
    title = submit_title("guide", spec(fmt))
    assert title.startswith("交稿：guide/m 冬季胎压（") and box in title
    hint = fill_hint(spec(fmt))
    assert box in hint and number in hint and "其余留空" in hint


def test_too_many_photos_are_counted_before_anything_is_fetched() -> None:
    lines = [
        line for n in range(MAX_PHOTOS + 5) for line in (img(f"https://github.com/user-attachments/assets/{n}"), "")
    ]
    form = read_form(rendered(handbook="guide", module="trunk", photos="\n".join(lines)))
    assert form.too_many
    assert [p for p in form.problems if "照片" in p] == [
        f"照片有 {MAX_PHOTOS + 5} 张，一次最多 {MAX_PHOTOS} 张：挑出最好的几张再交。"
    ]


VOCABULARY = {"photography": "摄影", "video-shooting": "视频拍摄", "writing": "文字写作", "snow-driving": "冰雪路况"}


@pytest.mark.parametrize(
    ("said", "tags", "rest"),
    [
        ("摄影、写作", ("photography", "writing"), ()),
        ("风光摄影，视频拍摄\n熟悉冰雪路况", ("photography", "video-shooting", "snow-driving"), ()),
        ("photography / 修车", ("photography",), ("修车",)),
        ("拍视频和剪辑", (), ("拍视频", "剪辑")),
        ("", (), ()),
    ],
)
def test_skills_are_matched_to_the_vocabulary_and_the_rest_kept(
    said: str, tags: tuple[str, ...], rest: tuple[str, ...]
) -> None:
    assert match_skills(said, VOCABULARY) == (tags, rest)


def test_the_bot_knows_every_label_the_forms_use() -> None:
    names = [label.name for label in LABELS]
    assert names == ["认领", "已认领", "提交", "已交稿", "加入", "组队"]
    assert all(len(label.color) == 6 and int(label.color, 16) >= 0 and label.description for label in LABELS)
    assert [label.name for label in missing(["认领", "提交", "bug"])] == ["已认领", "已交稿", "加入", "组队"]
    assert missing(names) == ()


WORST_LINES = [
    "<img " * 20_000,
    '<img src="' * 10_000,
    "<img " * 20_000 + ">",
    "![" * 50_000,
    "[a](" * 25_000,
    "[a](" * 25_000 + ")",
    "](" * 50_000,
    "### x" + " " * 100_000 + "y",
    "### " * 25_000,
    "http://" + "a" * 100_000 + " b",
    "<" + "a" * 100_000,
    "• " * 50_000,
    "1." * 50_000,
    "(1" * 50_000,
    "#" * 100_000 + " x",
    "：" * 100_000,
]


@pytest.mark.parametrize("line", WORST_LINES, ids=range(len(WORST_LINES)))
def test_every_reading_of_the_forms_is_linear_on_100_kb(line: str) -> None:
    """The patterns and scanners that read contributed text, each on a generated 100-KB worst case."""
    body = rendered(handbook="guide", module="m", photos=line, items=line, text=line, poster=line, duration=line)
    start = time.perf_counter()
    attachment_of(line)
    read_form(body)
    read_form(line)
    checklist(line)
    article_markdown(line)
    match_skills(line, VOCABULARY)
    with contextlib.suppress(SpokenProblem):
        duration(line)
    assert time.perf_counter() - start < 1.0


def test_matching_skills_is_linear_in_the_words() -> None:
    words = " ".join(f"w{n}" for n in range(15_000))
    start = time.perf_counter()
    _, rest = match_skills(words, VOCABULARY)
    assert len(rest) == 15_000 and time.perf_counter() - start < 1.0
