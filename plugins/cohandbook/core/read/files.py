"""The file rules, written once: where a file may live in the data folders, its name, type, size and content.

The repository reader (`validate`, the site build) and the pull-request check both judge every file under
`handbooks/` and `contributors/` by these rules, so the two can never disagree about a file. A file that
breaks a rule is reported at its path and is neither read nor published.

- **Places.** A handbook folder holds its blueprint, its cover and resources, and `modules/`; a module folder
  holds `index.md` and its media; `contributors/` holds profiles, `skills.yml`, `squads/` and avatar images.
  Anything else (a second Markdown file beside `index.md`, a file loose in `modules/`) is refused: it would
  otherwise be published as a page no one checked.
- **Names** are plain: letters (any script), digits, spaces, `-_.()+`; no scheme (`javascript:`), no `..`, no
  backslash, no `?`/`#`/`%`, nothing hidden. A name is written into the page as it is, so it must not be
  able to mean anything but itself.
- **Types** by extension, then **content** by the first bytes: a `.jpg` must be a JPEG.
- **Sizes** capped before a byte is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.findings import Finding, error
from ..domain.layout import BLUEPRINT, CONTRIBUTORS, MODULE_FILE, MODULES, SKILLS
from ..media.sniff import sniff  # the one place that knows magic numbers
from .advice import phone_format
from .limits import MARKDOWN_BYTES, YAML_BYTES
from .sources import Entry

KIB = 1024
MIB = 1024 * KIB

IMAGE_TYPES = frozenset({"jpg", "jpeg", "png", "webp", "gif"})
VIDEO_TYPES = frozenset({"mp4", "webm"})
CAPTION_TYPES = frozenset({"vtt", "srt"})
MODULE_ASSET_TYPES = IMAGE_TYPES | VIDEO_TYPES | CAPTION_TYPES
HANDBOOK_ASSET_TYPES = IMAGE_TYPES | {"pdf"}
TEXT_TYPES = frozenset({"md", "yml"})

# GitHub's web page uploads at most 25 MiB per file into a repository, and its issue forms take photos up to
# 10 MiB: the limits a contributor with a phone can meet, so the starter, the form and the checks use them.
UPLOAD_LIMIT = 25 * MIB
PHOTO_LIMIT = 10 * MIB
# The text caps are those every scan of contributed text relies on (limits.py): one number per kind.
SIZE_LIMITS = {"yml": YAML_BYTES, "md": MARKDOWN_BYTES, "vtt": 1 * MIB, "srt": 1 * MIB, "pdf": 20 * MIB}
SIZE_LIMITS.update(dict.fromkeys(VIDEO_TYPES, UPLOAD_LIMIT))
SIZE_LIMITS.update(dict.fromkeys(IMAGE_TYPES, PHOTO_LIMIT))
DEFAULT_LIMIT = PHOTO_LIMIT

# What the first bytes of each type must be. Images and videos by their magic numbers; captions and PDFs
# by their signature line. srt has none: it is plain text, and only ever served as a file.
HEAD_BYTES = 64
_IMAGE_KIND = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp", "gif": "gif"}
_VIDEO_KINDS = {"mp4": frozenset({"mp4", "mov"}), "webm": frozenset({"webm"})}
FIXABLE_KINDS = frozenset({"jpeg", "png", "webp", "heic", "mov"})
_SIGNATURES = {"vtt": (b"WEBVTT", b"\xef\xbb\xbfWEBVTT"), "pdf": (b"%PDF-",)}

PLAIN_NAME = re.compile(r"^(?![.\s-])[\w\-. ()+（）]{1,120}(?<![\s.])$")
MAX_DEPTH = 3  # folders inside a module or handbook folder: photos/2026/a.jpg at most


def extension(path: str) -> str:
    """The lower-case file extension without its dot ('' when there is none); called for every file."""
    name = path.rpartition("/")[2]
    return name.rpartition(".")[2].lower() if "." in name.lstrip(".") else ""


def human_size(size: int) -> str:
    return f"{size / MIB:.1f} MB" if size >= MIB else f"{max(1, size // KIB)} KB"


def size_limit(path: str) -> int:
    return SIZE_LIMITS.get(extension(path), DEFAULT_LIMIT)


def plain_name(name: str) -> bool:
    """One file or folder name that means only itself in a URL, a shell and every file system."""
    return bool(PLAIN_NAME.match(name))


def plain_path(path: str) -> bool:
    """A relative path of plain names (`poster.jpg`, `photos/a.jpg`): no scheme, no `..`, no `/` in front."""
    parts = path.split("/")
    return 0 < len(parts) <= MAX_DEPTH + 1 and all(plain_name(part) for part in parts)


@dataclass(frozen=True, slots=True)
class Place:
    """What the repository layout makes of a path."""

    kind: str  # blueprint | module | module-asset | handbook-asset | person | skills | squad | avatar | stray
    handbook: str = ""
    module: str = ""
    inner: str = ""  # the path inside the module or handbook folder, or under contributors/


def place_of(path: str) -> Place:
    parts = path.split("/")
    if parts[0] == CONTRIBUTORS:
        return _person_place(parts)
    if len(parts) < 3:
        return Place("stray")
    handbook = parts[1]
    if parts[2] != MODULES:
        kind = "blueprint" if len(parts) == 3 and parts[2] == BLUEPRINT else "handbook-asset"
        return Place(kind, handbook, inner="/".join(parts[2:]))
    if len(parts) < 5:
        return Place("stray", handbook)
    inner = "/".join(parts[4:])
    return Place("module" if inner == MODULE_FILE else "module-asset", handbook, parts[3], inner)


def _person_place(parts: list[str]) -> Place:
    inner = "/".join(parts[1:])
    if len(parts) == 2 and parts[1] == SKILLS:
        return Place("skills", inner=inner)
    if len(parts) == 2 and extension(parts[1]) not in IMAGE_TYPES:
        return Place("person", inner=inner)  # a profile; `.yaml` or `.txt` here is refused by its type
    if len(parts) == 3 and parts[1] == "squads" and extension(parts[2]) == "yml":
        return Place("squad", inner=inner)
    return Place("avatar", inner=inner)


# The types each place accepts; a blueprint, profile, skills or squad file is YAML, an index.md Markdown.
PLACE_TYPES = {
    "blueprint": frozenset({"yml"}),
    "person": frozenset({"yml"}),
    "skills": frozenset({"yml"}),
    "squad": frozenset({"yml"}),
    "module": frozenset({"md"}),
    "module-asset": MODULE_ASSET_TYPES,
    "handbook-asset": HANDBOOK_ASSET_TYPES,
    "avatar": IMAGE_TYPES,
    "stray": frozenset(),
}


def file_findings(entry: Entry, read_head: Callable[[str], bytes | None]) -> list[Finding]:
    """Every rule one listed file breaks, cheapest first; `read_head` is asked only when the rest hold."""
    if entry.kind == "symlink":
        return [_refused("symlink", entry.path, "这里是一个符号链接（快捷方式），不允许提交。", LINK_HINT)]
    if entry.kind != "file":
        return [_refused("file-kind", entry.path, "这不是一个普通文件（可能是子模块），不能提交。", KIND_HINT)]
    place = place_of(entry.path)
    for problem in (_place_problem, _name_problem, _type_problem, _size_problem):
        if (finding := problem(entry, place)) is not None:
            return [finding]
    finding = _content_problem(entry.path, read_head)
    return [finding] if finding else []


LINK_HINT = "删掉链接，把真正的文件放进文件夹。"
KIND_HINT = "只提交图片、视频、字幕和 Markdown 文件。"


def _refused(code: str, path: str, message: str, hint: str) -> Finding:
    return error(code, path, None, message, hint)


def _place_problem(entry: Entry, place: Place) -> Finding | None:
    if place.kind == "stray":
        return _refused(
            "file-misplaced",
            entry.path,
            "这个文件放错了地方：它不属于任何一个模块文件夹。",
            "作品文件都放进自己的模块文件夹 handbooks/手册/modules/模块/ 里。",
        )
    if place.kind == "module-asset" and extension(entry.path) in TEXT_TYPES:
        return _refused(
            "file-extra-page",
            entry.path,
            "模块文件夹里只能有一个 Markdown 文件 index.md，这个文件不会出现在网站上。",
            "把内容合并进 index.md，然后删掉这个文件。",
        )
    return None


def _name_problem(entry: Entry, place: Place) -> Finding | None:
    parts = entry.path.split("/")
    if all(plain_name(part) for part in parts) and len(place.inner.split("/")) <= MAX_DEPTH + 1:
        return None
    return _refused(
        "file-name",
        entry.path,
        "文件名里有网站不能用的字符（例如冒号、反斜杠、#、?、%，或以点、横线开头），或文件夹套得太深。",
        "把文件改名为只含中英文、数字、空格和 - _ . ( ) 的名字，例如 后备箱-1.jpg。",
    )


def _type_problem(entry: Entry, place: Place) -> Finding | None:
    types = PLACE_TYPES[place.kind]
    if extension(entry.path) in types:
        return None
    if phone := phone_format(entry.path, "file-type"):
        return phone  # a HEIC photo or a MOV video: say what it is and how to convert it
    allowed = "、".join(sorted(types))
    ext = extension(entry.path)
    return _refused(
        "file-type", entry.path, f"不允许提交 .{ext or '(无扩展名)'} 类型的文件。", f"只能提交这些类型：{allowed}。"
    )


def _size_problem(entry: Entry, place: Place) -> Finding | None:
    limit = size_limit(entry.path)
    if entry.size <= limit:
        return None
    return _refused(
        "file-too-large",
        entry.path,
        f"文件有 {human_size(entry.size)}，超过了 {human_size(limit)} 的上限，没有检查它。",
        "把内容删短，或拆成几个模块。"
        if extension(entry.path) in TEXT_TYPES
        else "照片可以用“提交作品”表单上传（会自动缩小）；大视频请传到 B 站，再填写视频网址。",
    )


def _content_problem(path: str, read_head: Callable[[str], bytes | None]) -> Finding | None:
    ext = extension(path)
    if ext not in _IMAGE_KIND and ext not in _VIDEO_KINDS and ext not in _SIGNATURES:
        return None
    head = read_head(path)
    if head is None or content_matches(ext, head):
        return None
    hint = "用手机或电脑重新导出一份真正的图片或视频"
    if sniff(head) in FIXABLE_KINDS:  # what `--fix-media` renames or converts (see core/media/fix.py)
        hint += "，或把扩展名改成和内容一致的；运营同学可以用 cohandbook validate --fix-media 自动改好"
    return _refused("file-content", path, f"文件的内容不是 .{ext} 文件（扩展名和内容对不上）。", hint + "。")


def content_matches(ext: str, head: bytes) -> bool:
    """Whether a file's first bytes are what its extension says."""
    if ext in _IMAGE_KIND:
        return sniff(head) == _IMAGE_KIND[ext]
    if ext in _VIDEO_KINDS:
        return sniff(head) in _VIDEO_KINDS[ext]
    return head.startswith(_SIGNATURES.get(ext, (b"",)))
