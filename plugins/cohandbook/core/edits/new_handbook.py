"""`cohandbook new`: a blueprint to start from, one commented example module of each format.

The text is written for an operator who has never seen YAML: every key carries a comment in Chinese that says
what it means and what to write. It validates as it is, so the site builds the moment it is written.
"""

from __future__ import annotations

from ..domain.model import ID_PATTERN, RESERVED_HANDBOOK_IDS
from .squad_files import yaml_text

BLUEPRINT = """\
# 《{title}》的蓝图：这本手册有哪些章节、每章有哪些模块。照着注释改，改完运行 cohandbook validate 检查。
# 编号（id）只能用小写英文字母、数字和 -，写好以后尽量不要再改：网址和车主的文件夹都用它。
title: {title_yaml}            # 手册的名字，显示在封面和网页标题上
brand: {brand_yaml}            # 品牌名：封面写“由 品牌 与社区用户……共同创作”
summary: 一句话介绍这本手册写给谁、讲什么。   # 显示在封面上
status: drafting           # drafting = 起草中（车主可以认领）；全部验收后改成 published（发布）
# deadline: 2027-06-30     # 整本手册的截止日期（可以不写）；每个模块也可以有自己的 deadline
# cover: cover.jpg         # 封面图：把图片放进这个文件夹，再写上文件名
chapters:
  - id: basics             # 章节编号
    title: 第一章          # 章节名
    modules:
      # 下面四个是例子，各是一种形式：视频、图集、文章、清单。照着改成你要的模块，不要的整段删掉。
      - id: intro-video
        title: 示例：两分钟视频
        format: video      # 视频：车主上传视频文件，或贴 B 站链接
        brief: 写清楚这段视频要拍什么、给谁看、拍到哪些要点。车主认领后会看到这段话。
        # skills: [video-shooting, editing]   # 需要的技能（contributors/skills.yml 里的标签），用来推荐人选
        # deadline: 2027-03-31                # 这个模块的截止日期
        # limits: {{max_duration: 150}}         # 视频最长多少秒（默认 180）
      - id: photo-tour
        title: 示例：一组照片
        format: gallery    # 图集：至少 4 张照片，每张一句说明
        brief: 要拍哪些地方、每张照片配什么说明。
      - id: short-article
        title: 示例：一篇短文
        format: article    # 文章：300 到 4000 字
        brief: 这篇文章讲什么、写给谁、要给出哪些做法。
      - id: checklist
        title: 示例：一份清单
        format: checklist  # 清单：至少 5 项，读者可以在手机上逐项打勾
        brief: 这份清单在什么时候用、大概包括哪些项目。
        # optional: true   # 选做：发布手册时不要求它完成
"""


def new_handbook_problems(handbook_id: str, title: str, brand: str, existing: bool) -> list[str]:
    """Why this blueprint cannot be started, in words for the operator; empty when it can."""
    problems = []
    if not ID_PATTERN.match(handbook_id):
        problems.append(f"手册编号“{handbook_id}”不能用：只能用小写英文字母、数字和 -，例如 charging-guide。")
    elif handbook_id in RESERVED_HANDBOOK_IDS:
        problems.append(f"手册编号“{handbook_id}”被网站占用了，换一个，例如 {handbook_id}-guide。")
    if existing:
        problems.append(
            f"已经有一本编号为“{handbook_id}”的手册了（handbooks/{handbook_id}/），不会覆盖它。换一个编号。"
        )
    for label, text in (("手册名 --title", title), ("品牌名 --brand", brand)):
        if not text.strip() or "\n" in text:
            problems.append(f"{label} 要写成一行，不能是空的。")
    return problems


def blueprint_text(title: str, brand: str) -> str:
    return BLUEPRINT.format(
        title=title.strip(), title_yaml=yaml_text(title.strip()), brand_yaml=yaml_text(brand.strip())
    )
