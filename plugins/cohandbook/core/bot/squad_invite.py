"""Squads by invitation: the 组队 issue form read, and each invitee's answer recomputed from the thread.

Nothing is kept between runs: the invitation is the issue's body (the form an operator filled in), the
answers are the comments under it (`/加入`, `/婉拒`, `/成组`, `/解散`), read again on every event. The bot's
own comment only shows the state; it is never read back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..domain.labels import SQUAD
from ..domain.model import ID_PATTERN
from .commands import COMMAND
from .form import form_fields

SQUAD_LABEL = SQUAD
FIELDS = {"id": "项目组编号", "name": "项目组名字", "mission": "任务", "handbook": "手册编号", "members": "成员"}
WORDS = {"加入": "join", "join": "join", "婉拒": "decline", "decline": "decline"}
WORDS |= {"成组": "form", "form": "form", "解散": "dissolve", "dissolve": "dissolve"}
LOGIN = re.compile(r"^(?:[-*][ \t]+)?@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))[ \t]*$")
MAX_INVITEES = 20  # the form's answer is the operator's, but still capped before it is read
MAX_LINE = 200


@dataclass(frozen=True, slots=True)
class Remark:
    """One comment of the thread, by a person (the bot's own are left out)."""

    id: int
    login: str
    body: str


@dataclass(frozen=True, slots=True)
class Invitation:
    id: str
    name: str
    mission: str
    handbook: str | None
    logins: tuple[str, ...]  # as the operator typed them, in order, each once


@dataclass(frozen=True, slots=True)
class Answers:
    joined: tuple[str, ...]
    declined: tuple[str, ...]
    pending: tuple[str, ...]


def read_invitation(body: str) -> tuple[Invitation | None, list[str]]:
    """The invitation the form describes, or the problems that stop it, in words for the operator."""
    fields = form_fields(body)
    squad_id, name, mission = (fields.get(FIELDS[k], "").strip().strip("`") for k in ("id", "name", "mission"))
    handbook = fields.get(FIELDS["handbook"], "").strip().strip("`") or None
    logins, problems = _logins(fields.get(FIELDS["members"], ""))
    if not ID_PATTERN.match(squad_id):
        problems.insert(0, f"“{FIELDS['id']}”只能用小写英文字母、数字和 -，例如 ice-and-snow。")
    if not name or not mission:
        problems.append(f"“{FIELDS['name']}”和“{FIELDS['mission']}”都要填。")
    if problems:
        return None, problems
    return Invitation(squad_id, name, mission, handbook, logins), []


def _logins(text: str) -> tuple[tuple[str, ...], list[str]]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    if len(lines) > MAX_INVITEES:
        return (), [f"一次最多邀请 {MAX_INVITEES} 人。"]
    found: dict[str, str] = {}
    problems = []
    for line in lines:
        match = LOGIN.match(line[:MAX_LINE])
        if match is None:
            problems.append(f"“{line[:40]}”不是 GitHub 用户名：每行写一个，例如 @lina-drives。")
        else:
            found.setdefault(match[1].lower(), match[1])
    return tuple(found.values()), problems


def command_of(body: str) -> str | None:
    """join | decline | form | dissolve, from the comment's first line that starts with `/`."""
    match = COMMAND.search(body.replace("\r\n", "\n")[: MAX_LINE * 50])
    return WORDS.get(match[1].lower()) if match else None


def answers(invitation: Invitation, thread: tuple[Remark, ...]) -> Answers:
    """Each invitee's last word in the thread; someone not invited has none."""
    said: dict[str, str] = {}
    invited = {login.lower() for login in invitation.logins}
    for remark in sorted(thread, key=lambda r: r.id):
        word = command_of(remark.body)
        if word in ("join", "decline") and remark.login.lower() in invited:
            said[remark.login.lower()] = word
    joined, declined = (tuple(x for x in invitation.logins if said.get(x.lower()) == w) for w in ("join", "decline"))
    return Answers(joined, declined, tuple(x for x in invitation.logins if x.lower() not in said))


def thread_of(comments: list[Any]) -> tuple[Remark, ...]:
    """GitHub's comment objects (hostile) as remarks by people, oldest first."""
    found: dict[int, Remark] = {}
    for item in comments:
        user = item.get("user") if isinstance(item, dict) else None
        if not isinstance(user, dict) or user.get("type") == "Bot":
            continue
        login, body, number = user.get("login"), item.get("body"), item.get("id")
        if isinstance(login, str) and isinstance(body, str) and isinstance(number, int) and number > 0:
            found[number] = Remark(number, login, body[: MAX_LINE * 50])
    return tuple(found[k] for k in sorted(found))
