"""The contribution bot's decisions: one GitHub event and the repository in, a plan of changes and comments out.

Nothing here talks to git or to GitHub; `cohandbook.github` carries the plan out.
"""
