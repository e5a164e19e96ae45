"""Casting squads from the talent pool."""
