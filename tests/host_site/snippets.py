"""The documentation's snippets, as a host site applies them.

Every fenced block of docs/integrators.md, and of the installing and configuring sections of
README.md, says by its language and first line what a reader does with it:

    sh                                     run in the host project's folder
    python   # settings.py ...             appended to the host's settings
    python   # urls.py ...                 appended to the host's urls.py
    python   # python manage.py shell ...  run with ``manage.py shell`` once the site has an event
    css      /* your site's CSS ... */     appended to the host's stylesheet
    django   {# in your base.html ... #}   put into the host's base.html
    django   {# templates/<path> ... #}    compiled by the host's template engine

The host-site job (.ci/jobs/30-host-site) applies them in that way; a block that says none of
these fails it, so the documentation cannot drift from what a pasted install does.
"""

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = {
    # Only the README's sections on adding the app to a site: its other blocks are about the
    # repository (make demo, make test) or show output (benchmarks).
    "README.md": ("Installation", "Settings", "Overriding templates"),
    "docs/integrators.md": None,
}
KINDS = [
    ("sh", None, "shell"),
    ("python", "# settings.py", "settings"),
    ("python", "# urls.py", "urls"),
    ("python", "# python manage.py shell", "manage-shell"),
    ("css", "/* your site's CSS", "css"),
    ("django", "{# in your base.html", "base-html"),
    ("django", "{# templates/", "template"),
]


@dataclass(frozen=True)
class Snippet:
    document: str
    line: int
    language: str
    text: str

    @property
    def kind(self):
        first = self.text.lstrip().splitlines()[0] if self.text.strip() else ""
        for language, start, kind in KINDS:
            if self.language == language and (start is None or first.startswith(start)):
                return kind
        raise ValueError(
            f"{self.document}:{self.line}: a ```{self.language} block that says neither where it goes nor how it "
            f"is run (first line: {first!r}); see tests/host_site/snippets.py"
        )

    @property
    def template_path(self):
        """For a template snippet: the path under templates/ it names on its first line."""
        return re.match(r"\{# templates/(\S+?):?\s", self.text).group(1)


def snippets(root=ROOT):
    """Every snippet of the documents, in reading order."""
    found = []
    for document, sections in DOCUMENTS.items():
        found.extend(_document_snippets(document, (root / document).read_text(), sections))
    return found


def _document_snippets(document, text, sections):
    found, section, fence, start, block = [], None, None, 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        if fence is None:
            if line.startswith("## "):
                section = line[3:].strip()
            elif line.startswith("```"):
                fence, start, block = line[3:].strip(), number, []
        elif line.startswith("```"):
            if sections is None or section in sections:
                found.append(Snippet(document, start, fence, "\n".join(block) + "\n"))
            fence = None
        else:
            block.append(line)
    return found


def of_kind(kind, root=ROOT):
    return [snippet for snippet in snippets(root) if snippet.kind == kind]
