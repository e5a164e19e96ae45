"""A YAML loader for files written by strangers.

Contributed YAML is hostile until proven otherwise, so this loader is stricter than ``yaml.safe_load``:

* anchors and aliases are refused (an alias bomb would otherwise expand to gigabytes when we walk it);
* a key that appears twice is refused (PyYAML silently keeps the last one, losing the contributor's text);
* scalars follow the YAML 1.2 core schema: ``no`` and ``on`` stay text, ``0123`` is 123 rather than 83,
  ``12:30`` is text rather than 750, and dates stay text (our schema parses them, with a clear message);
* only plain maps, lists, text, numbers, booleans and null are built: no tags, no Python objects;
* nesting depth is capped, every scalar's length is capped (text at 4,000 characters, numbers at 18 digits:
  Python refuses to read an integer of over 4,300 digits); file size is capped by the reader before the
  text reaches us.

Maps and lists remember the line of every key and item, so a finding can point at the exact line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import BaseConstructor, ConstructorError
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..domain.findings import YamlProblem
from .yaml_mistakes import first_mistake, plain_problem

MAX_DEPTH = 32
MAX_SCALAR = 4000  # characters of one value: a long bio fits, an integer Python cannot read does not
MAX_DIGITS = 18

SYNTAX_HINT = (
    "检查：冒号后面要有一个空格；缩进只用空格、不用 Tab，同一层要对齐；"
    "文字里含有冒号、井号或以 [ { * & ! 开头时，请用引号把整段文字括起来。"
)


class YamlMap(dict[Any, Any]):
    """A mapping that remembers where it and each of its keys stand in the file."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A sequence that remembers the line of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Resolver(BaseResolver):
    """The YAML 1.2 core schema, minus anything that would surprise a non-programmer."""


_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Composer(Composer):
    """Refuses anchors and aliases before anything is built, and caps nesting depth."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        event = self.peek_event()  # type: ignore[attr-defined]  # provided by Parser in the final class
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise YamlProblem("yaml-alias", line, "不支持 YAML 别名（*名字）。", "把要重复的内容直接再写一遍。")
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor:
            raise YamlProblem("yaml-anchor", line, "不支持 YAML 锚点（&名字）。", "删掉 & 和它后面的名字。")
        if isinstance(event, ScalarEvent) and len(event.value) > MAX_SCALAR:
            raise YamlProblem(
                "yaml-too-long", line, f"这一项内容超过了 {MAX_SCALAR} 个字符。", "写短一些；长的内容请写在正文里。"
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlProblem("yaml-too-deep", line, f"嵌套超过 {MAX_DEPTH} 层。", "请简化结构。")
            return super().compose_node(parent, index)  # type: ignore[return-value]
        finally:
            self._depth -= 1


class _Constructor(BaseConstructor):
    """Builds only plain data, remembering lines, and refuses duplicate keys."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> YamlMap:  # type: ignore[override]
        mapping = YamlMap(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise YamlProblem("yaml-key", line, "这里的键不是普通文字。", "键要写成简单的文字，如 title:。")
            if key in mapping:
                first = mapping.key_lines[key]
                raise YamlProblem(
                    "yaml-duplicate-key",
                    line,
                    f"键“{key}”出现了两次（第一次在第 {first} 行）。",
                    "删掉其中一个，或把两处内容合并。",
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = line
        return mapping

    def construct_list(self, node: SequenceNode) -> YamlList:
        items = YamlList(node.start_mark.line + 1)
        for child in node.value:
            items.append(self.construct_object(child, deep=True))
            items.item_lines.append(child.start_mark.line + 1)
        return items

    def construct_str(self, node: ScalarNode) -> str:
        return str(node.value)

    def construct_bool(self, node: ScalarNode) -> bool:
        return str(node.value).lower() == "true"

    def construct_null(self, node: ScalarNode) -> None:
        return None

    def construct_int(self, node: ScalarNode) -> int:
        text = str(node.value)
        if len(text.lstrip("+-")) > MAX_DIGITS:
            raise YamlProblem(
                "yaml-number-too-large", node.start_mark.line + 1, "这个数字太大了。", "检查是不是多写了数字。"
            )
        if text.startswith(("0o", "0x")):
            return int(text, 0)
        return int(text, 10)

    def construct_float(self, node: ScalarNode) -> float:
        text = str(node.value).lower()
        if text.endswith("nan"):
            return float("nan")
        return float(text.replace(".inf", "inf"))

    def construct_unknown(self, node: Node) -> Any:
        raise YamlProblem(
            "yaml-tag",
            node.start_mark.line + 1,
            f"不支持 YAML 标签 {node.tag}。",
            "删掉以 ! 开头的标签，只写普通的文字、数字或列表。",
        )


_CONSTRUCTORS = {
    "tag:yaml.org,2002:map": _Constructor.construct_mapping,
    "tag:yaml.org,2002:seq": _Constructor.construct_list,
    "tag:yaml.org,2002:str": _Constructor.construct_str,
    "tag:yaml.org,2002:bool": _Constructor.construct_bool,
    "tag:yaml.org,2002:null": _Constructor.construct_null,
    "tag:yaml.org,2002:int": _Constructor.construct_int,
    "tag:yaml.org,2002:float": _Constructor.construct_float,
    None: _Constructor.construct_unknown,  # every other tag, including !!python/…, !!binary, !!timestamp
}
for _tag_name, _constructor in _CONSTRUCTORS.items():
    _Constructor.add_constructor(_tag_name, _constructor)  # type: ignore[type-var, arg-type]


class HardenedLoader(Reader, Scanner, Parser, _Composer, _Constructor, _Resolver):
    """Pure-Python parsing; used where libyaml is not installed."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class FastHardenedLoader(_Composer, CParser, _Constructor, _Resolver):  # type: ignore[misc]
        """libyaml's C parser produces the events; our composer still refuses aliases, anchors and depth.

        `_Composer` comes first in the bases so its Python `compose_*` methods replace CParser's C composer.
        Parsing in C is about five times faster, which matters with a front matter block per module.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    _LOADER: type = FastHardenedLoader
else:  # pragma: no cover - libyaml ships in PyYAML's wheels for every platform we support
    _LOADER = HardenedLoader


def load(text: str) -> Any:
    """Parse one YAML document; raise `YamlProblem` with a 1-based line on anything we refuse."""
    if mistake := first_mistake(text):
        raise YamlProblem("yaml-fullwidth", mistake.line, mistake.message, mistake.hint)
    loader = _LOADER(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml-syntax", None, f"YAML 格式错误：{exc}", SYNTAX_HINT) from None
    except ConstructorError as exc:  # pragma: no cover - MarkedYAMLError covers it; kept for safety
        raise YamlProblem("yaml-syntax", None, str(exc), SYNTAX_HINT) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # a value the parser cannot hold: still a finding
        raise YamlProblem("yaml-syntax", None, f"无法读取：{exc}", SYNTAX_HINT) from None
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    source_lines = text.splitlines()
    bad_line = source_lines[line - 1] if line and line <= len(source_lines) else ""
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())]:
        return YamlProblem("yaml-tab", line, "这一行用了 Tab 缩进。", "YAML 只能用空格缩进，把 Tab 换成两个空格。")
    if "expected a single document" in str(exc):
        return YamlProblem(
            "yaml-multiple-documents", line, "文件里有多个 YAML 文档（多了一行 ---）。", "删掉多余的 --- 行。"
        )
    if line and "mapping values are not allowed" in str(exc) and (start := _unfinished_line(source_lines, line)):
        message = "第 {line} 行缺少冒号：名称和内容之间要写英文冒号和一个空格。"
        return YamlProblem("yaml-syntax", start, message, "例如 status: submitted")
    return YamlProblem("yaml-syntax", line, f"第 {{line}} 行格式不对：{plain_problem(str(exc))}", SYNTAX_HINT)


def _unfinished_line(lines: list[str], line: int) -> int | None:
    """A key without its colon makes PyYAML fail at the *next* colon; the line that lacks one, if so."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1].strip()
        if not text or text.startswith("#"):
            continue
        return number if ":" not in text and not text.startswith(("-", "[", "{")) else None
    return None


def plain(value: Any) -> Any:
    """The loader's line-tracking maps and lists as plain dicts and lists (to compare, or to dump again)."""
    if isinstance(value, YamlMap):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, YamlList):
        return [plain(item) for item in value]
    return value
