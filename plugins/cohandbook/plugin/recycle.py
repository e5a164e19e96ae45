"""Profile folders of the last build, kept through MkDocs' cleaning of the site folder.

MkDocs empties the site folder at the start of every full build, then writes every page anew. On ext4 a
file or folder created right after many were deleted makes the kernel walk past every recently freed
inode, so a site with a thousand profiles paid for two thousand such walks on every rebuild (perf: creating
inodes was most of the system time of a rebuild of the 1,000-person book). A profile keeps its folder
from build to build, so the `contributors/` folder is moved into the cache folder before MkDocs cleans
and moved back once this build's plan is known, without every folder and file the plan does not write:
a profile is then written over its old file. The site's bytes are the same; only folders are reused. Only
with the build cache on, directory URLs, and the cache and site on one file system (a rename, not a copy).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Collection
from pathlib import Path

from ..core.domain.layout import CONTRIBUTORS

FOLDER = CONTRIBUTORS
PARKED = "recycled-contributors"


def park(site_dir: Path, cache_folder: Path) -> Path | None:
    """Move the site's profile folders aside before MkDocs cleans; None when there is nothing to move."""
    source, target = site_dir / FOLDER, cache_folder / PARKED
    discard(target)  # left by a build that failed before it put them back
    if source.is_symlink() or not source.is_dir():
        return None
    try:
        cache_folder.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
    except OSError:
        return None  # another file system: MkDocs deletes them as usual
    return target


def restore(parked: Path, site_dir: Path, handles: Collection[str]) -> None:
    """Put back the folders of `handles` (each with its old page only) and the wall's page; drop the rest."""
    for entry in os.scandir(parked):
        if entry.name in handles and entry.is_dir(follow_symlinks=False):
            _keep_page_only(Path(entry.path))
        elif not (entry.name == "index.html" and entry.is_file(follow_symlinks=False)):
            _remove(Path(entry.path))
    try:
        os.rename(parked, site_dir / FOLDER)
    except OSError:
        discard(parked)


def discard(parked: Path) -> None:
    if parked.is_symlink():
        parked.unlink()
    elif parked.exists():
        shutil.rmtree(parked, ignore_errors=True)


def _keep_page_only(folder: Path) -> None:
    for entry in os.scandir(folder):
        if not (entry.name == "index.html" and entry.is_file(follow_symlinks=False)):
            _remove(Path(entry.path))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
