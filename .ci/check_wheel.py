"""Check what the built wheel and sdist must and must not contain, and count their files by folder
(a line per folder, not per file: the log stays readable)."""

import collections
import sys
import tarfile
import zipfile
from pathlib import Path

REQUIRED = [
    "barcamp_wagtail/templates/barcamp_wagtail/base.html",
    "barcamp_wagtail/static/barcamp_wagtail/css/barcamp.css",
    "barcamp_wagtail/static/barcamp_wagtail/css/print.css",
    "barcamp_wagtail/templates/barcamp_wagtail/exports/grid.html",
    "barcamp_wagtail/locale/de/LC_MESSAGES/django.po",
    "barcamp_wagtail/locale/de/LC_MESSAGES/django.mo",
    "barcamp_wagtail/formal_german/locale/de/LC_MESSAGES/django.mo",
    # Every migration of the app: a migration left out breaks every host site's migrate.
    *sorted(path.as_posix() for path in Path("barcamp_wagtail/migrations").glob("0*.py")),
]
FORBIDDEN = ("tests/", "example_site/", "benchmarks/", "docs/", ".ci/")


def names(path):
    if path.endswith(".whl"):
        return zipfile.ZipFile(path).namelist()
    with tarfile.open(path) as archive:
        return [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]


def main(paths):
    failed = False
    for path in paths:
        contents = names(path)
        print(f"{path}: {len(contents)} files")
        folders = collections.Counter("/".join(name.split("/")[:-1][:2]) + "/" for name in contents)
        for folder, count in sorted(folders.items()):
            print(f"  {count:4d}  {folder}")
        missing = [name for name in REQUIRED if name not in contents]
        extra = [name for name in contents if name.startswith(FORBIDDEN)]
        for name in missing:
            print(f"MISSING from {path}: {name}")
        for name in extra:
            print(f"MUST NOT BE in {path}: {name}")
        failed = failed or bool(missing or extra)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
