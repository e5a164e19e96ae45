"""The bot's words: plain Chinese for people who are not programmers. Hostile text is quoted, never pasted."""

from __future__ import annotations

from datetime import date

from ..domain.findings import Finding
from ..domain.handin import fill_hint
from ..domain.model import FORMAT_LABELS, ModuleSpec
from ..edits.claims import Target
from .world import World

FORM_LABELS = {"handbook": "手册编号", "module": "模块编号", "handle": "你在人才库里的用户名"}
# The forms by the names their pages show; a refusal names the one the person filled in.
CLAIM_FORM, SUBMIT_FORM, JOIN_FORM = "认领表", "提交表", "加入表"


def quote(text: str, limit: int = 80) -> str:
    """Someone else's text inside our comment: one line, short, as code (no links, mentions or markup)."""
    flat = " ".join(text.replace("`", "'").split())
    return f"`{flat[:limit]}{'…' if len(flat) > limit else ''}`" if flat else "（空）"


def contract(spec: ModuleSpec) -> str:
    limits = spec.limits
    if spec.format == "video":
        return (
            f"视频不超过 {limits.max_duration} 秒；视频文件（mp4/webm）放进文件夹，或者在信息区写上 B 站的 BV 号；"
            "写上时长 duration（秒数）；再放一张封面图 poster（jpg/png/webp）。"
        )
    if spec.format == "gallery":
        return f"至少 {limits.min_images} 张图片（jpg/png/webp），每张配一句图片说明（alt）。"
    if spec.format == "article":
        return f"正文 {limits.min_chars} 到 {limits.max_chars} 字（中文每个字算一个，标点和空格不算）。"
    return f"至少 {limits.min_items} 项清单，每项单独一行，写成 `- [ ] 检查胎压`。"


def claimed(world: World, target: Target, login: str, deadline: date | None) -> str:
    spec = target.spec
    lines = [
        f"@{login} 认领成功！模块「{spec.title}」（`{target.name}`）现在由你负责，收录于《{target.handbook.title}》。",
        "",
        f"**要做什么**：{spec.brief or '见认领看板上的说明。'}",
        f"**形式**：{FORMAT_LABELS[spec.format]}。{contract(spec)}",
    ]
    if deadline is not None:
        lines.append(f"**截止日期**：{deadline.isoformat()}（还有 {(deadline - world.today).days} 天）")
    else:
        lines.append("**截止日期**：没有固定的截止日期，按你的节奏来；运营同学需要时会在这里和你约时间。")
    lines += _resources(world, target)
    lines += [
        "",
        "**怎么交稿**",
        f"最简单：做好后[填“提交作品”表单]({world.submit_link(target)})，手机上也能上传照片和视频，我会帮你整理好。",
        fill_hint(spec),
        "",
        "也可以自己改文件：",
        f"1. 上传照片、视频等文件：[点这里上传到你的模块文件夹]({world.upload_link(target)})",
        f"2. 写文字、改信息：[点这里编辑 index.md]({world.edit_link(target)})，里面的注释写着具体要求。",
        "3. 写完后把 index.md 开头的 `status: claimed` 改成 `status: submitted`，按页面提示提交，运营同学会审核。",
        "",
        "做不完也没关系，在这里留言 `/放弃`，把模块让给别人。有问题直接在这里留言。",
    ]
    return "\n".join(lines)


def _resources(world: World, target: Target) -> list[str]:
    if not target.spec.resources:
        return []
    lines = ["", "**运营同学准备的参考资料**"]
    for resource in target.spec.resources:
        link = world.file_link(f"{target.handbook.folder}/{resource.file}") if resource.file else resource.url
        lines.append(f"- [{resource.title}]({link})")
    return lines


def refused(login: str, what: str, findings: list[Finding]) -> str:
    lines = [f"@{login} {what}", ""]
    for finding in findings:
        lines.append(f"- {finding.message}")
        if finding.hint:
            lines.append(f"  怎么办：{finding.hint}")
    lines += ["", "这次没有做任何改动。改好后可以编辑这个 Issue，或者重新留言，我会再看一次。"]
    return "\n".join(lines)


def stranger(world: World, login: str, what: str = "认领模块") -> str:
    return (
        f"@{login} 你好！你的 GitHub 账号还没有登记在人才库里，所以暂时不能{what}。\n\n"
        f"加入方法：[点这里填写“申请加入”]({world.join_link()})，几分钟内我会在那里回复；"
        "运营同学确认后（那个申请会显示“已关闭”），再回来就可以了。"
    )


def bad_form(login: str, problems: list[str], form: str = CLAIM_FORM) -> str:
    lines = [f"@{login} {form}里有几处需要改一下：", "", *[f"- {p}" for p in problems]]
    lines += ["", "点这个 Issue 右上角的“…”→“Edit”改好后保存，我会再看一次。这次没有做任何改动。"]
    return "\n".join(lines)


def failed(what: str) -> str:
    return (
        f"抱歉，{what}时出了问题，这次没有做任何改动（仓库保持原样）。\n\n"
        "运营同学会在 Actions 的运行记录里看到原因；稍后可以再试一次，或者直接在这里留言求助。"
    )
