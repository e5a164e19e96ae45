"""Judging a pull request from git objects by the contribution rules."""
