"""Reading a repository: sources (working tree or git revision), hardened YAML, parsing into values."""
