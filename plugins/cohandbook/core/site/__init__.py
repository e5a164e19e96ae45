"""The site as data: page planning, templates, the print edition, the board and profiles."""
