import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.german_address import (
    APP_CATALOGUE,
    FORMAL_CATALOGUE,
    formal_entries,
    formal_words,
    parse,
    wrong_address,
)

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


def unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n")


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-5])
def test_the_german_translation_is_complete(catalogue):
    assert untranslated(catalogue.read_text(encoding="utf-8")) == []
    assert catalogue.with_suffix(".mo").exists()


# The form of address: "du" on the public side, "Sie" in the admin (tests/german_address.py).


def test_public_strings_say_du_and_admin_strings_say_sie():
    for catalogue in CATALOGUES:
        _header, entries = parse(catalogue)
        assert wrong_address(entries) == [], catalogue.parts[-5]


def test_a_mixed_catalogue_is_caught(tmp_path):
    catalogue = tmp_path / "django.po"
    catalogue.write_text(
        "\n\n".join(
            [
                'msgid ""\nmsgstr ""\n"Language: de\\n"',
                "#: templates/barcamp_wagtail/proposal_thanks.html:5\n"
                'msgid "Please check your inbox"\nmsgstr "Bitte schauen Sie in Ihr Postfach"',
                '#: templates/barcamp_wagtail/admin/plenary.html:47\nmsgid "Add one."\nmsgstr "Füge einen hinzu."',
                '#: wagtail_hooks.py:10\nmsgid "Your barcamps"\nmsgstr "Deine Barcamps"',
                "#: templates/barcamp_wagtail/mail/session_moved.txt:3\n"
                'msgid "It moved. It is here:"\nmsgstr "Sie wurde verschoben. Sie ist hier:"',
                '#: forms.py:1 wagtail_hooks.py:2\nmsgid "Your name"\nmsgstr "Dein Name"',
            ]
        ),
        encoding="utf-8",
    )

    assert wrong_address(parse(catalogue)[1]) == [
        ("Please check your inbox", ["Sie", "Ihr"]),
        ("Add one.", ["Füge"]),
        ("Your barcamps", ["Deine"]),
        # Sentence-initial "Sie" may mean "it": only the allow-list lets it through.
        ("It moved. It is here:", ["^Sie", "^Sie"]),
    ]


def test_the_formal_catalogue_says_sie_in_every_message():
    _header, entries = parse(FORMAL_CATALOGUE)

    assert wrong_address(entries, public_form="Sie") == []
    assert [entry.msgid for entry in entries if not formal_words(entry.text)] == []
    assert untranslated(FORMAL_CATALOGUE.read_text(encoding="utf-8")) == []


def test_the_formal_catalogue_covers_every_public_string_that_says_du():
    _header, app_entries = parse(APP_CATALOGUE)
    _header, written = parse(FORMAL_CATALOGUE)
    expected = formal_entries(app_entries, written)

    assert [entry.key for entry in written] == [entry.key for entry in expected], "run make messages"
    assert all(entry.translated for entry in expected)
    assert len(expected) > 100


def test_the_formal_catalogue_ships_compiled():
    _header, entries = parse(FORMAL_CATALOGUE)
    with FORMAL_CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    for entry in entries:
        if entry.plural is None:
            assert translations.gettext(unescape(entry.msgid)) == unescape(entry.msgstrs[0])
        else:
            assert translations.ngettext(unescape(entry.msgid), unescape(entry.plural), 2) == unescape(entry.msgstrs[1])


FORMAL_SITE_SCRIPT = """
import django
django.setup()
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from types import SimpleNamespace
from barcamp_wagtail.models import SessionProposal
translation.activate("de")
event = SimpleNamespace(title="Barcamp Ruhr")  # a page would need the database for its content type
proposal = SessionProposal(name="Ada", title="Wagtail", abstract="Ideas", show_name=True)
mail = render_to_string(
    "barcamp_wagtail/mail/proposal_received.txt",
    {"event": event, "proposal": proposal, "edit_url": "https://example.org/edit"},
)
print(gettext("Your name"))
print(gettext("Please confirm the erasure."))
print(gettext("Title"))
print(mail.splitlines()[2])
"""


def run_site(settings_module, script):
    return subprocess.run(  # noqa: S603  (our own scripts)
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.own_site
def test_a_site_listing_formal_german_says_sie_to_visitors():
    # A subprocess: changing INSTALLED_APPS in-process re-runs every app's ready().
    result = run_site("tests.settings_formal_german", FORMAL_SITE_SCRIPT)

    assert result.returncode == 0, result.stderr
    name, erasure, title, mail = result.stdout.splitlines()
    assert name == "Ihr Name"
    assert mail == (
        "danke, dass Sie eine Session für Barcamp Ruhr vorschlagen. "
        "Das Orga-Team liest Ihren Vorschlag und meldet sich bei Ihnen."
    )
    assert erasure == "Bitte bestätigen Sie das Löschen."  # the admin as before
    assert title == "Titel"  # strings without an address come from the app's catalogue


@pytest.mark.own_site
def test_without_formal_german_visitors_are_addressed_with_du():
    result = run_site("tests.settings", FORMAL_SITE_SCRIPT)

    assert result.returncode == 0, result.stderr
    name, erasure, title, mail = result.stdout.splitlines()
    assert (name, erasure, title) == ("Dein Name", "Bitte bestätigen Sie das Löschen.", "Titel")
    assert mail == (
        "danke, dass du eine Session für Barcamp Ruhr vorschlägst. "
        "Das Orga-Team liest deinen Vorschlag und meldet sich bei dir."
    )


@pytest.mark.own_site
def test_formal_german_listed_below_the_app_is_reported():
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings_formal_german_below"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert "barcamp_wagtail.W070" in result.stderr


@pytest.mark.own_site
def test_formal_german_listed_above_the_app_passes_the_checks():
    result = run_site(
        "tests.settings_formal_german",
        "import django\ndjango.setup()\nfrom django.core.checks import run_checks\n"
        "print([m.id for m in run_checks() if m.id.startswith('barcamp_wagtail')])",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
