"""The bot's words about joining the talent pool: to the person who asked, and to the operator who admits."""

from __future__ import annotations

from .texts import quote


def received(login: str, handle: str, skills: list[str]) -> str:
    known = "、".join(skills) if skills else "（运营同学会帮你整理）"
    return "\n".join(
        [
            f"@{login} 收到你的申请，谢谢！我把你的档案整理好了，交给运营同学确认：",
            "",
            f"- 用户名：`{handle}`（以后认领、交稿都认你这个 GitHub 账号）",
            f"- 技能：{known}",
            "",
            "运营同学确认后，这个 Issue 会显示“已关闭”（Closed），GitHub 也会通知你：那时你就登记好了，"
            "可以到网站的认领看板上认领模块。在那之前还不能认领。",
            "",
            "想改名字、用户名或城市？直接编辑这个 Issue 的表单并保存，我会重新整理一次。",
        ]
    )


def already_joined(login: str, handle: str, name: str) -> str:
    return (
        f"@{login} 你已经在人才库里了（用户名 `{handle}`，署名 {quote(name, 40)}），不用再申请。"
        "直接到网站的认领看板上认领模块就可以。想改档案里的内容，请在这里留言，运营同学会处理。"
    )


def pull_body(login: str, handle: str, issue: int, skills: list[str], unmatched: tuple[str, ...]) -> str:
    lines = [
        f"@{login} 通过“申请加入”表单申请加入人才库，见 #{issue}。这个 Pull Request 由机器人根据表单生成。",
        "",
        f"- 档案：`contributors/{handle}.yml`，`github: {login}`（表单作者的账号，由 GitHub 给出）",
        f"- 技能词表里认得的技能：{'、'.join(skills) if skills else '（没有）'}",
    ]
    if unmatched:
        words = "、".join(quote(word, 30) for word in unmatched[:20])
        lines.append(f"- 申请人还写了这些，技能词表里没有，请运营同学看看要不要补进档案或词表：{words}")
    lines += ["", f"合并即通过申请；不合适请在 #{issue} 里说明后关闭。", "", f"Closes #{issue}"]
    return "\n".join(lines)
