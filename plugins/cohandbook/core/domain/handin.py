"""What the submission form asks of each module format: the prefilled title says it, and so do the bot's
claim reply and the form itself (`.github/ISSUE_TEMPLATE/submit.yml`), so a car owner on a phone knows which
boxes of the form are theirs without opening the module page."""

from __future__ import annotations

from .layout import SUBMIT_TEMPLATE, form_link
from .model import FORMAT_LABELS, ModuleSpec

# The form's boxes (their labels, as `core/bot/submit_form.py` reads them) each format fills.
FILL = {
    "video": "“视频链接”或“视频文件”，再加“封面图”",
    "gallery": "“照片和说明”",
    "article": "“正文”",
    "checklist": "“清单”",
}


def fill_hint(spec: ModuleSpec) -> str:
    """One line: the module's format and what to fill for it, with the numbers that matter."""
    limits = spec.limits
    what = {
        "video": f"{FILL['video']}（视频不超过 {limits.max_duration} 秒；只贴链接时写上“视频时长”）",
        "gallery": f"{FILL['gallery']}（至少 {limits.min_images} 张，每张照片下面写一句说明）",
        "article": f"{FILL['article']}（{limits.min_chars} 到 {limits.max_chars} 字，可以用“## 小标题”分段）",
        "checklist": f"{FILL['checklist']}（至少 {limits.min_items} 项，每项一行；可以用“## 小标题”或“证件：”分组）",
    }[spec.format]
    return f"这是{FORMAT_LABELS[spec.format]}模块：填{what}，其余留空。"


def submit_title(handbook_id: str, spec: ModuleSpec) -> str:
    """The submission issue's prefilled title: the module, its format and the box to fill."""
    return f"交稿：{handbook_id}/{spec.id} {spec.title}（{FORMAT_LABELS[spec.format]}：填{FILL[spec.format]}）"


def submit_link(repo_url: str, handbook_id: str, spec: ModuleSpec) -> str:
    """The submission form for one module, prefilled (the site's 提交作品 buttons and the bot's claim reply)."""
    title = submit_title(handbook_id, spec)
    return form_link(repo_url, SUBMIT_TEMPLATE, title, handbook=handbook_id, module=spec.id)
