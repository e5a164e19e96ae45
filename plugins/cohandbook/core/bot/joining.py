"""The join form (`.github/ISSUE_TEMPLATE/join.yml`, label 加入): a car owner asks to join the talent pool.

The bot writes the profile the operator used to write by hand, `contributors/<handle>.yml` (name, city,
`github:` = the issue's author as GitHub says, the skills that match `contributors/skills.yml`), and proposes
it as a pull request: merging it is the operator's admission. Skills the vocabulary does not know are quoted
in the pull request for the operator. Every mistake of the form is named at once, in one comment.
"""

from __future__ import annotations

from ..domain.changes import ABSENT
from ..domain.labels import JOIN
from ..domain.layout import profile_file
from ..domain.model import ID_PATTERN
from ..edits.claims import dump
from ..pr.handin import handin_trailers, join_branch
from . import join_texts, texts
from .events import IssueEvent
from .form import form_fields
from .plan import Comment, FileChange, Plan, Proposal, reply
from .world import World

JOIN_LABEL = JOIN
JOIN_FIELDS = {"name": "怎么称呼你", "handle": "想用的用户名", "skills": "你擅长什么", "city": "所在城市（选填）"}
MAX_NAME, MAX_CITY, MAX_SKILLS_TEXT = 40, 40, 2000
RESERVED_HANDLES = frozenset({"skills", "squads", "avatars"})  # names contributors/ already uses
_SEPARATORS = str.maketrans({c: "\n" for c in "，,、;；/|。.\t和及与"})


def join_marker(issue: int) -> str:
    return f"cohandbook:join:{issue}"


def join_form(event: IssueEvent, world: World) -> Plan:
    fields = {key: form_fields(event.body).get(label, "").strip() for key, label in JOIN_FIELDS.items()}
    login, marker = event.author.login, join_marker(event.number)
    known = world.handle_of(login)
    if known is not None:
        body = join_texts.already_joined(login, known, world.repo.name_of(known))
        return reply(event.number, marker, body, log=f"join #{event.number}: {login} is {known} already")
    handle = fields["handle"].strip("`").strip().lower()
    problems = _problems(world, fields, handle)
    if problems:
        body = texts.bad_form(login, problems, texts.JOIN_FORM)
        return reply(event.number, marker, body, log=f"join #{event.number}: refused")
    matched, unmatched = match_skills(fields["skills"][:MAX_SKILLS_TEXT], world.repo.skills)
    profile = _profile(fields, login, matched, world)
    path = profile_file(handle)
    proposal = Proposal(
        branch=join_branch(event.number),
        changes=(FileChange(path, profile, expect=ABSENT),),
        message=f"加入人才库：{handle}（#{event.number}）\n\n{handin_trailers(event.number, login)}",
        title=f"加入人才库：{fields['name'][:MAX_NAME]}（{handle}）",
        body=join_texts.pull_body(login, handle, event.number, [world.repo.skills[t] for t in matched], unmatched),
    )
    answer = Comment(event.number, marker, join_texts.received(login, handle, [world.repo.skills[t] for t in matched]))
    return Plan(
        comments=(answer,), proposal=proposal, log=(f"join #{event.number}: {handle} for {login}",),
        failure_issue=event.number,
    )  # fmt: skip


def _problems(world: World, fields: dict[str, str], handle: str) -> list[str]:
    problems = []
    if not fields["name"]:
        problems.append("“怎么称呼你”要填：它会作为署名显示在网站上。")
    elif len(fields["name"]) > MAX_NAME or "\n" in fields["name"]:
        problems.append(f"“怎么称呼你”写一行、不超过 {MAX_NAME} 个字。")
    if not handle:
        problems.append("“想用的用户名”要填，例如 li-na。")
    elif not ID_PATTERN.match(handle) or handle in RESERVED_HANDLES:
        problems.append(
            f"用户名 {texts.quote(fields['handle'], 40)} 不能用：只能用小写英文字母、数字和连字符（-），"
            "以字母或数字开头，例如 li-na、zhang3。"
        )
    elif handle in world.repo.contributors or any(f.file == profile_file(handle) for f in world.findings):
        problems.append(f"用户名 `{handle}` 已经有人用了：换一个，例如在后面加上你的城市或数字（`{handle}-2`）。")
    if len(fields["city"]) > MAX_CITY or "\n" in fields["city"]:
        problems.append(f"“所在城市”写一行、不超过 {MAX_CITY} 个字。")
    return problems


def match_skills(text: str, vocabulary: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The vocabulary's tags the answer names (by tag or by its Chinese name), and the words it does not know."""
    matched: dict[str, None] = {}
    unmatched: dict[str, None] = {}
    for word in dict.fromkeys(w.strip() for w in text.translate(_SEPARATORS).split()):
        tags = [tag for tag, label in vocabulary.items() if _names(word, tag, label)]
        matched.update(dict.fromkeys(tags))
        if not tags:
            unmatched[word] = None
    return tuple(matched), tuple(unmatched)


def _names(word: str, tag: str, label: str) -> bool:
    lowered = word.lower()
    return lowered == tag or label in word or (len(word) >= 2 and word in label)


def _profile(fields: dict[str, str], login: str, skills: tuple[str, ...], world: World) -> str:
    data: dict[str, object] = {"name": fields["name"], "github": login}
    if fields["city"]:
        data["city"] = fields["city"]
    data["skills"] = list(skills)
    data["joined"] = world.today
    return "# 由贡献机器人根据“申请加入”表单生成；运营同学合并即为通过。\n" + dump(data)
