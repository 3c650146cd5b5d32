"""The examples of docs/api.md, sent to the API: each documented response is what it answers.

docs/api.md shows each example as a fenced ``http`` block (the request line) followed by a
fenced ``json`` block (the response). Its section "How to read the examples" states the rules
this test applies, so that a reader knows what may differ on their site:

- ``"…"`` stands for any value; a list ending in ``"…"`` may go on; an object holding
  ``"…": "…"`` may have more keys; any other object has exactly the keys shown;
- ids differ from site to site: under the keys ``id``, ``room`` and ``time_slot`` a number
  is compared by its kind only, and so are the numbers in URL paths;
- the examples' site is ``https://barcamp.example.org`` and the ids in its requests are the
  event 12, the session 31 and the schedule page 14.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from wagtail.models import Site

from tests.factories import make_home
from tests.press_factories import make_sponsor
from tests.schedule_helpers import make_schedule_page

from .helpers import make_barcamp

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
HOST = "barcamp.example.org"
ANY = "…"
#: The ids the documented requests use, and what they stand for in ``documented_site``.
DOC_IDS = {12: "event", 31: "session", 14: "schedule"}
URL_ID = re.compile(r"(?<=/)\d+(?=/)")
ID_KEYS = {"id", "room", "time_slot"}


@dataclass(frozen=True)
class Example:
    line: int
    request: str
    response: object


def examples():
    """The (request, response) pairs of docs/api.md, in reading order."""
    found, fence, block, start, request = [], None, [], 0, None
    for number, line in enumerate(DOC.read_text().splitlines(), start=1):
        if fence is None:
            if line.startswith("```"):
                fence, block, start = line[3:].strip(), [], number
        elif line.startswith("```"):
            text = "\n".join(block)
            if fence == "http":
                request = (start, text.strip())
            elif fence == "json" and request is not None:
                found.append(Example(request[0], request[1], json.loads(text)))
                request = None
            fence = None
        else:
            block.append(line)
    return found


@pytest.fixture
def documented_site(settings):
    """The site of the examples: a barcamp at barcamp.example.org with one scheduled session."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    home = make_home()
    Site.objects.filter(root_page=home).update(hostname=HOST, port=443)
    barcamp = make_barcamp(sponsors=[make_sponsor("Küberit", "https://kueberit.example.org/")])
    event, session = barcamp.event, barcamp.session
    schedule = make_schedule_page(event, title="Programm", slug="programm")
    return {"event": event, "session": session, "schedule": schedule}


def real_request(request, site):
    """The documented request line as a path and query for ``site``'s ids."""
    method, target = request.split()[:2]
    assert method == "GET"

    def real_id(match):
        number = int(match.group(0))
        return str(site[DOC_IDS[number]].pk) if number in DOC_IDS else match.group(0)

    target = re.sub(r"(?<=/pages/)\d+(?=/)", real_id, target)
    return re.sub(r"(?<=child_of=)\d+", real_id, target)


def mismatches(documented, live, where="$"):
    """Where ``live`` differs from ``documented`` under the rules of the module docstring."""
    if documented == ANY:
        return []
    if isinstance(documented, dict):
        if not isinstance(live, dict):
            return [f"{where}: an object was documented, the API gave {live!r}"]
        problems = []
        open_ended = documented.get(ANY) == ANY
        keys = [key for key in documented if key != ANY]
        missing = [key for key in keys if key not in live]
        extra = [] if open_ended else [key for key in live if key not in documented]
        if missing or extra:
            problems.append(f"{where}: keys missing {missing}, not documented {extra}")
        for key in keys:
            if key in live:
                if key in ID_KEYS and isinstance(documented[key], int):
                    if type(documented[key]) is not type(live[key]):
                        problems.append(f"{where}.{key}: {live[key]!r} is not of the kind of {documented[key]!r}")
                else:
                    problems.extend(mismatches(documented[key], live[key], f"{where}.{key}"))
        return problems
    if isinstance(documented, list):
        if not isinstance(live, list):
            return [f"{where}: a list was documented, the API gave {live!r}"]
        open_ended = bool(documented) and documented[-1] == ANY
        items = documented[:-1] if open_ended else documented
        if len(live) < len(items) or (not open_ended and len(live) != len(items)):
            return [f"{where}: {len(items)} items documented, the API gave {len(live)}"]
        problems = []
        for index, item in enumerate(items):
            problems.extend(mismatches(item, live[index], f"{where}[{index}]"))
        return problems
    if isinstance(documented, str) and isinstance(live, str) and "://" in documented:
        documented, live = URL_ID.sub("<id>", documented), URL_ID.sub("<id>", live)
    if documented != live:
        return [f"{where}: documented {documented!r}, the API gave {live!r}"]
    return []


def test_the_documentation_has_examples_of_events_sessions_and_the_schedule():
    requests = [example.request for example in examples()]

    assert any("type=barcamp_wagtail.EventPage" in request for request in requests)
    assert any("type=barcamp_wagtail.SessionPage" in request for request in requests)
    assert any("/pages/14/" in request for request in requests)


@pytest.mark.parametrize("example", examples(), ids=lambda example: f"api.md:{example.line}")
def test_a_documented_example_is_what_the_api_answers(client, documented_site, example):
    path = real_request(example.request, documented_site)

    response = client.get(path, HTTP_HOST=HOST, secure=True, HTTP_ACCEPT="application/json")

    assert response.status_code == 200, response.content[:300]
    assert mismatches(example.response, response.json()) == []


def test_the_comparison_catches_a_changed_value_a_new_key_and_a_missing_item():
    documented = {"id": 1, "title": "A", "url": "https://x.example/a/3/", "items": [1, 2]}

    assert mismatches(documented, {"id": 9, "title": "A", "url": "https://x.example/a/7/", "items": [1, 2]}) == []
    assert mismatches(documented, {"id": 9, "title": "B", "url": "https://x.example/a/7/", "items": [1, 2]})
    assert mismatches(documented, {"id": 9, "title": "A", "url": "https://x.example/a/7/", "items": [1, 2], "new": 0})
    assert mismatches(documented, {"id": 9, "title": "A", "url": "https://x.example/a/7/", "items": [1]})
    assert mismatches({"id": 1, ANY: ANY, "items": [1, ANY]}, {"id": "1", "items": [1, 2, 3], "more": 0})
    assert not mismatches({"id": 1, ANY: ANY, "items": [1, ANY]}, {"id": 2, "items": [1, 2, 3], "more": 0})
