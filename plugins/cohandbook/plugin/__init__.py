"""The MkDocs adapter: translates the core's findings, page plan and module decoration into MkDocs terms."""

from .plugin import CohandbookPlugin

__all__ = ["CohandbookPlugin"]
