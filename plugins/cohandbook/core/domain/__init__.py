"""The vocabulary of a handbook repository: frozen values, findings, the lifecycle of a module, settings."""
