import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [
    ROOT / "barcamp_wagtail" / "locale" / "de" / "LC_MESSAGES" / "django.po",
    ROOT / "example_site" / "locale" / "de" / "LC_MESSAGES" / "django.po",
]


def untranslated(po_text):
    missing = []
    for entry in po_text.split("\n\n")[1:]:
        msgid = re.search(r'^msgid "(.*)"', entry, re.M)
        if "#, fuzzy" in entry:
            missing.append(msgid.group(1) if msgid else entry)
            continue
        for match in re.finditer(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', entry, re.M):
            if not (match.group(1) or match.group(2).strip().strip('"')):
                missing.append(msgid.group(1) if msgid else entry)
    return missing


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-5])
def test_the_german_translation_is_complete(catalogue):
    assert untranslated(catalogue.read_text(encoding="utf-8")) == []
    assert catalogue.with_suffix(".mo").exists()
