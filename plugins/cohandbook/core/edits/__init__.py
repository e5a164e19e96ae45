"""Writing files operators and contributors ask for: claims, releases, squads."""
