"""How much contributed text anything reads before scanning it: one cap per kind of input, in one place.

Every pattern applied to contributed text runs in linear time (tests/test_linear_patterns.py proves it on
generated worst cases); these caps bound that linear time and the memory behind it. A text over its cap is
refused with a finding (files) or cut (issue bodies and comments, which GitHub itself caps at 65,536).
"""

from __future__ import annotations

MARKDOWN_BYTES = 256 * 1024  # a module's index.md: the longest real article is a few tens of KB
YAML_BYTES = 64 * 1024  # handbook.yml, a profile, a squad file, the skills list
ISSUE_BODY_CHARS = 65_536  # GitHub's own cap on an issue or comment body; more is not GitHub's
JSON_BYTES = 4 * 1024 * 1024  # a report the bot reads (findings.json)
JSON_DEPTH = 32  # nesting of that report: ours is three levels deep
PR_PATHS = 2_000  # paths one pull request may change under handbooks/ and contributors/
PR_READ_BYTES = 256 * 1024 * 1024  # distinct bytes the pull-request check reads out of git
# Photos: media/photos.py MAX_PIXELS (80 million, read from the header; media may not import read).
