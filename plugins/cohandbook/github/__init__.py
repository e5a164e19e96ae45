"""The contribution bot's thin adapter: carries out the core's plan with git and GitHub's REST API."""
