"""Findings for the mistakes a phone or a first upload makes, each naming the folder and the fix.

Photos in HEIC, videos in MOV, files dropped one folder too high, a folder named in Chinese: the general
rules (file types, who may change what, folder ids) would each answer with a rule. These answers say what
happened and what to do, in the contributor's own folder.
"""

from __future__ import annotations

from ..domain.findings import Finding, error
from ..domain.layout import MODULES, handbook_of, module_folder
from ..domain.model import Handbook, Repository
from ..media.video import BILIBILI_ADVICE


def extension(path: str) -> str:
    name = path.rpartition("/")[2]
    return name.rpartition(".")[2].lower() if "." in name.lstrip(".") else ""


ASK_OPERATOR = "也可以请运营同学帮你转换。"
PHONE_FORMATS = {
    "heic": (
        "这是 iPhone 的 HEIC 格式照片，网页显示不了。",
        "用“提交作品”表单上传照片（会自动转成 JPEG）；或在 iPhone 的 设置 → 相机 → 格式 里选“兼容性最佳”后重新导出。"
        + ASK_OPERATOR,
    ),
    "mov": (
        "这是 iPhone 的 MOV 格式视频，很多浏览器播放不了。",
        "用“提交作品”表单上传视频（会自动转成 MP4），或者" + BILIBILI_ADVICE,
    ),
}
PHONE_FORMATS["heif"] = PHONE_FORMATS["heic"]
PHONE_FORMATS["hevc"] = PHONE_FORMATS["mov"]


def phone_format(path: str, code: str) -> Finding | None:
    """A HEIC photo or a MOV video where a JPEG or MP4 belongs, or None."""
    known = PHONE_FORMATS.get(extension(path))
    return error(code, path, None, *known) if known else None


def folder_name_problem(repo: Repository, handbook_id: str, name: str) -> Finding:
    """A module folder whose name is not a module id (Chinese, capitals, spaces): which folder it should be."""
    folder = module_folder(handbook_id, name) + "/"
    module = _module_titled(repo.handbook(handbook_id), name)
    if module:
        hint = f"“{name}”这个模块的编号是 {module}：把文件放进 {module_folder(handbook_id, module)}/。"
    else:
        hint = f"在认领看板上找到你的模块编号（例如 voice-assistant），把文件放进 {module_folder(handbook_id, '模块编号')}/。"
    message = f"文件夹名“{name}”不是模块编号：模块文件夹要用蓝图里的英文编号命名，不能用中文、大写或空格。"
    return error("module-folder-name", folder, None, message, hint)


def _module_titled(handbook: Handbook | None, name: str) -> str | None:
    if handbook is None:
        return None
    wanted = name.strip().lower()
    for _, spec in handbook.modules():
        if wanted and (wanted == spec.id or wanted in spec.title.lower()):
            return spec.id
    return None


def misplaced_upload(path: str, own_modules: list[str]) -> Finding | None:
    """A file uploaded beside the module folders (one folder too high) by someone who holds a module."""
    parts = path.split("/")
    if handbook_of(path) is None or not own_modules or extension(path) in ("yml", "yaml"):
        return None
    if not (len(parts) == 3 or (len(parts) == 4 and parts[2] == MODULES)):
        return None
    name = parts[-1]
    target = "、".join(f"{m}/" for m in own_modules)
    where = "/".join(parts[:-1]) + "/"
    return error(
        "pr-misplaced-file",
        path,
        None,
        f"{name} 放在了 {where} 里，比你的模块文件夹高了一层。",
        f"把它移到你的模块文件夹 {target} 里：在网页上先打开模块文件夹，再点“Add file → Upload files”上传，"
        f"然后删掉这里的 {name}。",
    )
