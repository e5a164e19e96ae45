"""Checking what was read: validation across files, format contracts, contributed markup."""
