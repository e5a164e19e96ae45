"""How long a video is, as people say it: `2分30秒`, `两分半`, `一分半钟`, `2.5分钟`, `约2分30秒`, `2'30"`, `2:30`,
`150`, `大概3分钟左右`, `一个半小时`.

One pass over at most `MAX_CHARS` characters, left to right, into tokens (a number, a unit, 半, a colon),
then a check of their order: linear in the text, and every number has at most `MAX_DIGITS` digits, so a
5,000-digit answer is refused in plain words before anything is converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

MAX_CHARS = 40
MAX_DIGITS = 6
MAX_SECONDS = 24 * 3600
HINT = "写视频有多长，例如 2分30秒、两分半、2:30 或 150（秒）。"

_WIDE = str.maketrans("０１２３４５６７８９：．", "0123456789:.")
_HEDGES = ("大概", "大约", "差不多", "约", "将近", "接近")
_TAILS = ("左右", "上下")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_TENS = {"十": 10, "百": 100}
# Longest first: `分钟` before `分`, `''` before `'`.
_UNITS = (
    ("小时", 3600), ("钟头", 3600), ("hours", 3600), ("hour", 3600), ("时", 3600), ("h", 3600),
    ("分钟", 60), ("minutes", 60), ("minute", 60), ("mins", 60), ("min", 60), ("分", 60), ("m", 60),
    ("''", 1), ("′′", 1), ("′", 60), ("’", 60), ("'", 60),
    ("秒钟", 1), ("seconds", 1), ("second", 1), ("secs", 1), ("sec", 1), ("秒", 1), ("s", 1),
    ("″", 1), ("”", 1), ('"', 1),
)  # fmt: skip


class DurationProblem(ValueError):
    """The answer is not a length we can read; `message` says why, in plain Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # num | unit | half | colon
    value: Fraction = Fraction(0)
    whole: bool = True  # a number without a decimal point


def seconds_of(text: str) -> int:
    """Whole seconds (rounded) of a spoken duration; DurationProblem when it cannot be read."""
    flat = "".join(text.translate(_WIDE).split()).lower()
    if len(flat) > MAX_CHARS:
        raise DurationProblem(f"时长写得太长了（{len(flat)} 个字）。")
    flat = _strip(flat)
    tokens = _tokens(flat)
    value = _clock(tokens) if any(t.kind == "colon" for t in tokens) else _spoken(tokens)
    seconds = int(value + Fraction(1, 2))
    if seconds < 1:
        raise DurationProblem("时长至少要 1 秒。")
    if seconds > MAX_SECONDS:
        raise DurationProblem("时长超过了 24 小时，应该是写错了。")
    return seconds


def _strip(text: str) -> str:
    for hedge in _HEDGES:
        text = text.removeprefix(hedge)
    for tail in _TAILS:
        text = text.removesuffix(tail)
    return text.replace("半钟", "半")  # 一分半钟


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    at = 0
    while at < len(text):
        at = _next(text, at, tokens)
    if not tokens:
        raise DurationProblem("没有写时长。")
    return tokens


def _next(text: str, at: int, tokens: list[_Token]) -> int:
    char = text[at]
    if char.isascii() and char.isdigit():
        return _arabic(text, at, tokens)
    if char in _CN_DIGITS or char in _CN_TENS:
        return _chinese(text, at, tokens)
    if char == "半":
        tokens.append(_Token("half"))
        return at + 1
    if char == ":":
        tokens.append(_Token("colon"))
        return at + 1
    if char == "个":  # 一个小时, 一个半小时
        return at + 1
    for word, size in _UNITS:
        if text.startswith(word, at):
            tokens.append(_Token("unit", Fraction(size)))
            return at + len(word)
    raise DurationProblem(f"“{char}”看不懂。")


def _arabic(text: str, at: int, tokens: list[_Token]) -> int:
    end = at
    while end < len(text) and text[end].isascii() and (text[end].isdigit() or text[end] == "."):
        end += 1
    number = text[at:end]
    whole, dot, part = number.partition(".")
    if len(whole) > MAX_DIGITS or len(part) > 3 or "." in part or (dot and not part):
        raise DurationProblem(f"数字“{number[:12]}{'…' if len(number) > 12 else ''}”太长或写错了。")
    tokens.append(_Token("num", Fraction(number), whole=not dot))
    return end


def _chinese(text: str, at: int, tokens: list[_Token]) -> int:
    total, current, end = 0, None, at
    while end < len(text) and (text[end] in _CN_DIGITS or text[end] in _CN_TENS):
        char = text[end]
        if char in _CN_TENS:
            total += (1 if current is None else current) * _CN_TENS[char]
            current = None
        elif current is not None and current != 0:
            raise DurationProblem(f"“{text[at : end + 1]}”看不懂。")
        else:
            current = _CN_DIGITS[char]
        end += 1
        if end - at > MAX_DIGITS:
            raise DurationProblem("数字写得太长了。")
    tokens.append(_Token("num", Fraction(total + (current or 0))))
    return end


def _clock(tokens: list[_Token]) -> Fraction:
    """`2:30` or `1:02:30`: numbers between colons, whole, minutes and seconds under 60."""
    kinds = [t.kind for t in tokens]
    if kinds not in (["num", "colon", "num"], ["num", "colon", "num", "colon", "num"]):
        raise DurationProblem("冒号的写法不对。")
    parts = [t for t in tokens if t.kind == "num"]
    if not all(t.whole for t in parts) or any(t.value >= 60 for t in parts[1:]):
        raise DurationProblem("冒号后面的分和秒要小于 60。")
    total = Fraction(0)
    for part in parts:
        total = total * 60 + part.value
    return total


def _spoken(tokens: list[_Token]) -> Fraction:
    """Numbers with units from the largest down (`1小时2分3秒`), 半 before or after a unit, and a bare number
    after a unit meaning the next smaller one (`2分30`). A bare whole number alone is seconds."""
    if len(tokens) == 1 and tokens[0].kind == "num":
        if not tokens[0].whole:
            raise DurationProblem("只写数字时要写整秒，或者加上单位，例如 2.5分钟。")
        return tokens[0].value
    total, last_unit, at = Fraction(0), None, 0
    while at < len(tokens):
        amount, at = _amount(tokens, at)
        if at < len(tokens) and tokens[at].kind == "unit":
            unit = tokens[at].value
            at += 1
        elif at == len(tokens) and last_unit is not None and last_unit > 1:
            unit = last_unit / 60  # 2分30: thirty seconds
        else:
            raise DurationProblem("数字后面要写单位：小时、分、秒。")
        if last_unit is not None and unit >= last_unit:
            raise DurationProblem("要从大到小写，例如 1小时2分3秒。")
        if at < len(tokens) and tokens[at].kind == "half":
            amount += Fraction(1, 2)  # 两分半
            at += 1
        total, last_unit = total + amount * unit, unit
    return total


def _amount(tokens: list[_Token], at: int) -> tuple[Fraction, int]:
    """A number, a number and 半 (一个半小时), or 半 alone (半分钟)."""
    if tokens[at].kind == "half":
        return Fraction(1, 2), at + 1
    if tokens[at].kind != "num":
        raise DurationProblem("单位前面要有数字。")
    amount = tokens[at].value
    if at + 2 < len(tokens) and tokens[at + 1].kind == "half" and tokens[at + 2].kind == "unit":
        return amount + Fraction(1, 2), at + 2
    return amount, at + 1
