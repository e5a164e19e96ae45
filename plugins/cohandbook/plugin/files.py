"""Turning the core's `SitePlan` into MkDocs `File`s and a `nav` configuration."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.domain.layout import CONTRIBUTORS, HANDBOOKS
from ..core.site.pages import NavItem, PagePlan, SitePlan, StaticFile
from ..core.site.urls import Urls

# Only these folders hold contributed data; every file MkDocs found in them is replaced by the plan's.
DATA_FOLDERS = (HANDBOOKS, CONTRIBUTORS)


def plan_files(plan: SitePlan, files: Files, config: MkDocsConfig, root: Path) -> Files:
    """Keep theme and other plugins' files, drop what MkDocs found in data folders, add the plan's."""
    kept = [f for f in files if not _inside(f.abs_src_path, _data_dirs(config, root))]
    result = Files(kept)
    link = Urls(config.use_directory_urls)
    in_nav = set(_nav_sources(plan.nav))
    for page in plan.pages:
        file = _page_file(page, config, root, link)
        if page.src_uri not in in_nav:
            # Profiles, squad pages and the print edition are linked, not listed: no "not in nav" notice.
            file.inclusion = InclusionLevel.NOT_IN_NAV
        result.append(file)
    for static in plan.static:
        result.append(_static_file(static, config, root))
    return result


def _nav_sources(items: list[NavItem]) -> list[str]:
    found: list[str] = []
    for item in items:
        found += [item.src_uri] if item.src_uri else []
        found += _nav_sources(list(item.children))
    return found


def _data_dirs(config: MkDocsConfig, root: Path) -> tuple[str, ...]:
    """The data folders as written (through the config's folder and the root) and as resolved."""
    bases = {str(root), os.path.dirname(os.path.abspath(config.config_file_path or root))}
    found = set()
    for base in bases:
        for folder in DATA_FOLDERS:
            found |= {
                os.path.abspath(os.path.join(base, folder)) + os.sep,
                os.path.realpath(os.path.join(base, folder)) + os.sep,
            }
    return tuple(sorted(found))


def _inside(path: str | None, folders: tuple[str, ...]) -> bool:
    """Whether MkDocs found this file in a data folder. Judged by the path as found, not only as resolved:
    MkDocs follows symbolic links, and a link in a module folder that points elsewhere is still ours to
    drop (only the plan's files, which never include a link, are published from there)."""
    if path is None:
        return False
    forms = (os.path.abspath(path), os.path.realpath(path))
    return any(form.startswith(folder) for form in forms for folder in folders)


# Only these pages stand for a whole section of the navigation (Material's navigation.indexes).
SECTION_INDEX_KINDS = frozenset({"home", "cover"})


def _page_file(page: PagePlan, config: MkDocsConfig, root: Path, link: Urls) -> File:
    if page.markdown is not None:
        file = File.generated(config, page.src_uri, content=page.markdown)
        file.dest_uri = link.dest(page.path)
    else:
        # A real file under handbooks/, so edit links and relative images resolve as MkDocs expects.
        file = File(
            page.src_uri,
            src_dir=str(root / HANDBOOKS),
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
            dest_uri=link.dest(page.path),
        )
    if page.kind not in SECTION_INDEX_KINDS:
        # Every page is an index.md; Material would make each chapter's first module the chapter's own page
        # and drop it from the chapter's list. The name only decides that, never the URL.
        file.name = posixpath.basename(page.path)
    return file


def _static_file(static: StaticFile, config: MkDocsConfig, root: Path) -> File:
    file = File.generated(config, static.src_uri, abs_src_path=str(root / static.source))
    file.dest_uri = static.dest
    return file


def nav_config(items: list[NavItem]) -> list[object]:
    """The plan's navigation in mkdocs.yml's `nav` shape."""
    return [_nav_entry(item) for item in items]


def _nav_entry(item: NavItem) -> object:
    title = str(escape(item.title))  # section titles are HTML to the theme, like page titles
    if not item.children:
        return {title: item.src_uri}
    children: list[object] = [item.src_uri] if item.src_uri else []
    children += [_nav_entry(child) for child in item.children]
    return {title: children}
