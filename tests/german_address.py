"""The German form of address, read from the catalogues.

The public side (pages, public forms, mails to visitors and participants) says "du"; the admin
(editors' screens, admin messages, checks, mails to organisers) says "Sie", as Wagtail's own German
does. Whether a string is public or admin follows from the source files in its ``#:`` references.

The formal catalogue of ``barcamp_wagtail.formal_german`` holds the "Sie" wording of every public
string that says "du". ``python -m tests.german_address`` brings its entries in line with the
app's catalogue (``make messages`` runs it): new public "du" strings get an empty translation,
which ``tests/test_translations.py`` reports until someone writes it.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_CATALOGUE = ROOT / "barcamp_wagtail" / "locale" / "de" / "LC_MESSAGES" / "django.po"
FORMAL_CATALOGUE = ROOT / "barcamp_wagtail" / "formal_german" / "locale" / "de" / "LC_MESSAGES" / "django.po"
SITE_CATALOGUE = ROOT / "example_site" / "locale" / "de" / "LC_MESSAGES" / "django.po"

# Source files (relative to the catalogue's folder) whose strings editors and organisers read.
ADMIN_SOURCES = (
    "admin_forms.py",
    "admin_views/",
    "allocation.py",
    "apps.py",
    "blocks.py",
    "checks.py",
    "models/",
    "participants/admin_forms.py",
    "participants/admin_views.py",
    "participants/models.py",
    "planner/",
    "press_draft/admin_views.py",
    "press_draft/publishing.py",
    "voter_sheet.py",
    "wagtail_hooks.py",
    "templates/barcamp_wagtail/admin/",
    "templates/barcamp_wagtail/participants/admin/",
    "templates/barcamp_wagtail/planner/",
    # The mails that tell the organisers about a new or a withdrawn proposal.
    "templates/barcamp_wagtail/mail/proposal_notification",
    "templates/barcamp_wagtail/mail/proposal_withdrawn",
)

INFORMAL = re.compile(r"\b(?:[Dd]u|[Dd]ich|[Dd]ir|[Dd]ein(?:e|er|em|en|es)?)\b")
# Imperatives that say "du" without a pronoun ("Bitte prüfe …", "Füge … hinzu"). Capitalised only
# where the word is rarely a noun as well ("Drucke", "Versuche" and "Wende" are nouns, too).
INFORMAL_IMPERATIVE = re.compile(
    r"\b(?:Bestätige|Ergänze|Exportiere|Füge|Gib|Lass|Lege|Lösche|Markiere|Melde|Nimm|Nutze|Öffne|Passe|"
    r"Prüfe?|Scanne|Schalte|Schau|Schicke?|Speichere|Trage|Verschicke|Veröffentliche|Wähle|Warte|Zieh)\b"
    r"|\b(?:bestätige|drucke|ergänze|exportiere|füge|gib|lass|lege|lösche|markiere|melde|nimm|nutze|"
    r"öffne|passe|prüfe?|scanne|schalte|schau|schicke?|speichere|trage|verschicke|versuche?|"
    r"veröffentliche|wähle|warte|wende|zieh)\b"
)
FORMAL = re.compile(r"\b(?:Sie|Ihnen|Ihr(?:e|er|em|en|es)?)\b")
# Where a capital letter does not tell "Sie" (you) from "sie" (they, she, it): at the start of the
# text or of a sentence, after a colon, an opening quote or a line break.
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|[„“\"]|\n)$")


class Entry:
    """One message of a catalogue, its strings kept as written in the file (escapes included)."""

    def __init__(self):
        self.references = []
        self.flags = []
        self.context = None
        self.msgid = None
        self.plural = None
        self.msgstrs = []

    @property
    def key(self):
        return (self.context, self.msgid)

    @property
    def sources(self):
        return sorted({reference.rsplit(":", 1)[0] for reference in self.references})

    @property
    def text(self):
        return "\n".join(self.msgstrs).replace('\\"', '"').replace("\\n", "\n")

    @property
    def translated(self):
        return "fuzzy" not in self.flags and all(self.msgstrs)

    def to_po(self):
        lines = []
        if self.references:
            lines.append("#: " + " ".join(self.references))
        if self.flags:
            lines.append("#, " + ", ".join(self.flags))
        if self.context is not None:
            lines.append(f'msgctxt "{self.context}"')
        lines.append(f'msgid "{self.msgid}"')
        if self.plural is None:
            lines.append(f'msgstr "{self.msgstrs[0]}"')
        else:
            lines.append(f'msgid_plural "{self.plural}"')
            lines += [f'msgstr[{index}] "{text}"' for index, text in enumerate(self.msgstrs)]
        return "\n".join(lines)


FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')


def parse(path):
    """The catalogue's header (as written) and its messages, obsolete ones left out."""
    text = Path(path).read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    entries = []
    for block in body.split("\n\n"):
        entry, field = Entry(), None
        for line in block.splitlines():
            if line.startswith("#:"):
                entry.references += line[2:].split()
            elif line.startswith("#,"):
                entry.flags += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif match := FIELD.match(line):
                field, value = match.groups()
                if field == "msgctxt":
                    entry.context = value
                elif field == "msgid":
                    entry.msgid = value
                elif field == "msgid_plural":
                    entry.plural = value
                else:
                    entry.msgstrs.append(value)
            elif line.startswith('"'):
                value = line[1:-1]
                if field == "msgctxt":
                    entry.context += value
                elif field == "msgid":
                    entry.msgid += value
                elif field == "msgid_plural":
                    entry.plural += value
                else:
                    entry.msgstrs[-1] += value
        if entry.msgid:
            entries.append(entry)
    return header, entries


def is_admin(entry):
    """Admin when most of its references are admin sources (a tie goes to the public side)."""
    admin = sum(source.startswith(ADMIN_SOURCES) for source in entry.sources)
    return admin * 2 > len(entry.sources)


def informal_words(text):
    return INFORMAL.findall(text) + INFORMAL_IMPERATIVE.findall(text)


def formal_words(text):
    """Every "Sie", "Ihnen", "Ihr…"; the sentence-initial ones marked with a leading "^"."""
    found = []
    for match in FORMAL.finditer(text):
        initial = SENTENCE_START.search(text[: match.start()])
        found.append(("^" if initial else "") + match.group())
    return found


# Words that look like the wrong form of address but are not one, by the start of the msgid.
ALLOWED = {
    ("your session “%(title)s” at %(event)s has a new room or time.", "^Sie"): "„Sie“ is the session",
    ("Your session has been accepted. If you cannot hold it after all", "^Sie"): "„Sie“ is the session",
    ("Each person gets the message on their own", "du"): "tells editors how the site addresses participants",
}


def allowed(entry, word):
    return any(entry.msgid.startswith(start) and word == allowed_word for start, allowed_word in ALLOWED)


def wrong_address(entries, public_form="du"):
    """(msgid, words) of every message that uses the other side's form of address.

    ``public_form`` is the form the public side should use: "du" for the app's catalogue, "Sie"
    for the formal one; the admin always says "Sie". Sentence-initial "Sie" counts as an address
    unless ``ALLOWED`` says otherwise.
    """
    found = []
    for entry in entries:
        says_sie = public_form == "Sie" or is_admin(entry)
        words = informal_words(entry.text) if says_sie else formal_words(entry.text)
        words = [word for word in words if not allowed(entry, word)]
        if words:
            found.append((entry.msgid, words))
    return found


def formal_entries(app_entries, formal_catalogue_entries):
    """The formal catalogue's messages: the public "du" strings, with the formal wording kept."""
    written = {entry.key: entry for entry in formal_catalogue_entries}
    entries = []
    for source in app_entries:
        if is_admin(source) or not informal_words(source.text):
            continue
        entry = Entry()
        entry.references, entry.context, entry.msgid, entry.plural = (
            source.references,
            source.context,
            source.msgid,
            source.plural,
        )
        previous = written.get(source.key)
        if previous and previous.plural == source.plural and previous.translated:
            entry.msgstrs = previous.msgstrs
        else:
            entry.msgstrs = [""] * len(source.msgstrs)
        entries.append(entry)
    return entries


def write_formal_catalogue():
    _header, app_entries = parse(APP_CATALOGUE)
    header, written = parse(FORMAL_CATALOGUE)
    entries = formal_entries(app_entries, written)
    text = header + "\n\n" + "\n\n".join(entry.to_po() for entry in entries) + "\n"
    FORMAL_CATALOGUE.write_text(text, encoding="utf-8")
    missing = sum(not entry.translated for entry in entries)
    sys.stdout.write(f"{FORMAL_CATALOGUE.relative_to(ROOT)}: {len(entries)} messages, {missing} to translate\n")


if __name__ == "__main__":
    write_formal_catalogue()
