"""Every URL the app serves, admin and public, answers hostile input with 4xx or an empty result.

The URLs are not listed by hand: the admin ones are read from the URLconf (every pattern the app
registers, modeladmin's and the sponsor snippets' included) and the public ones from the routes
of the app's page types, so that a view added later is walked too. Each URL is requested with
NUL bytes and other hostile values in its path, in every query parameter the app reads or its
pages link to, and (for the app's own admin forms and the public forms) in every form field.
NUL bytes matter on PostgreSQL, which refuses them in text (``DataError``) where SQLite does not:
run this module on both (``BARCAMP_TEST_DB=postgresql``).
"""

import datetime
import re
import sys
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from barcamp_wagtail.models import InterestSignup, SessionPage, SessionProposal, VoterCode

from .factories import make_event, make_proposal_page, make_room, make_session, make_slot
from .participants.conftest import make_participant
from .press_factories import make_press_index, make_release, make_sponsor
from .schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db

NUL = "\x00"
# Values anyone can type into a query string or a form: a NUL byte inside text (alone, it is sent
# in one parameter at a time and in every form field), a digit
# that str.isdigit() accepts but int() refuses (alone and in a "slot:room" pair), quotes and
# markup, numbers out of every integer range, a lone percent sign, a date that is not one.
HOSTILE_VALUES = [f"a{NUL}b", "²", "²:²", "'\"<script>", "-1", "99999999999999999999999", "%", "2026-02-30", "x" * 2000]
POSTED_VALUES = [NUL, "²", "99999999999999999999999"]
# The same for path segments, percent-encoded as they arrive.
HOSTILE_SEGMENTS = ["%00", "%C2%B2", "0", "99999999999999999999999", "x" * 300]
# Query parameters the app's lists and pages read, each also sent alone with a NUL byte (a list
# refusing the first bad filter reads no further), and lookups Django's admin would filter by.
LIST_KEYS = ["q", "p", "o", "page", "export", "event", "proposal", "day", "topic", "status__exact", "confirmed"]
EXTRA_KEYS = [
    *LIST_KEYS,
    "event__page_ptr__exact",
    "created_at__gte",
    "email__startswith",
    "event__owner__password__startswith",
]
PLACEHOLDER = 987654321
FORM_FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", re.I)
LINK = re.compile(r"href=\"([^\"]*\?[^\"]*)\"")
DAY = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def site(settings):
    """A barcamp with everything the app serves and stores: sessions with topics in the grid and
    waiting, a call for sessions with votes, a schedule page, a press release, proposals,
    voter codes, sign-ups and a sponsor."""
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 100000}
    event = make_event(
        day=DAY,
        venue_name="Rathaus",
        venue_address="Markt 1\r\n58636 Iserlohn",
        registration_enabled=True,
        capacity=10,
    )
    room = make_room(event, "Plenum")
    make_room(event, "Studio", capacity=10, sort_order=1)
    slot = make_slot(event, "10:00", "10:45", day=DAY)
    make_slot(event, "12:00", "13:00", day=DAY, kind="break", label="Lunch")
    make_session(event, "Open Data", room=room, time_slot=slot, topics=["Open Data"], hosts="Ada")
    make_session(event, "Waiting", topics=["Open Data", "KI"])
    make_proposal_page(event, votes_enabled=True)
    make_schedule_page(event)
    make_release(make_press_index(), event=event)
    proposal = SessionProposal.objects.create(
        event=event, title="Hostile", abstract="A", nonce="hostile", email="p@example.org"
    )
    signup = InterestSignup.objects.create(event=event, email="signup@example.org", confirmed_at=timezone.now())
    VoterCode.generate(event, 2)
    participant = make_participant(event)
    return {
        "event": event,
        "proposal": proposal,
        "signup": signup,
        "sponsor": make_sponsor(),
        "participant": participant,
        "booking": participant.bookings.first(),
    }


def _patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def _parameters(pattern):
    return list(pattern.pattern.regex.groupindex)


def app_admin_url_patterns():
    """(name, parameter names) of every URL the app adds to the URLconf."""
    found = {}
    for name, pattern in _patterns(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "")
        if "barcamp_wagtail" in name or module.startswith("barcamp_wagtail"):
            found[name] = _parameters(pattern)
    return found


def admin_value(name, parameter, objects):
    """A real value for a URL parameter, so that the walk reaches the view's code."""
    if parameter in ("event_id", "page_id"):
        return objects["event"].pk
    if parameter == "form":  # barcamp_wagtail:post, the registration form's short URL
        return "register"
    if parameter == "participant_id":
        return objects["participant"].pk
    if parameter == "booking_id":
        return objects["booking"].pk
    if "sessionproposal" in name:
        return objects["proposal"].pk
    if "interestsignup" in name:
        return objects["signup"].pk
    if "sponsor" in name:
        return objects["sponsor"].pk
    if "_participant_" in name:
        return objects["participant"].pk
    return PLACEHOLDER


def admin_urls(objects):
    urls = []
    for name, parameters in app_admin_url_patterns().items():
        unknown = set(parameters) - {"event_id", "page_id", "instance_pk", "pk", "participant_id", "booking_id", "form"}
        assert not unknown, f"{name} has a parameter this walk does not know: {unknown}"
        urls.append(
            reverse(name, kwargs={parameter: admin_value(name, parameter, objects) for parameter in parameters})
        )
    return urls


def public_urls():
    """Every live page of the app's page types and every route of those pages, by page type."""
    urls = {}
    for page in Page.objects.live().specific():
        if not type(page).__module__.startswith("barcamp_wagtail"):
            continue
        found = urls.setdefault(type(page).__name__, [])
        found.append(page.url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_resolver().url_patterns:
                kwargs = {parameter: _route_value(page, parameter) for parameter in _parameters(pattern)}
                url = page.url + page.reverse_subpage(pattern.name, kwargs=kwargs).lstrip("/")
                if url not in found:  # the index route is the page itself
                    found.append(url)
    return urls


def _route_value(page, parameter):
    if parameter == "session_id":
        return SessionPage.objects.child_of(page).filter(time_slot__isnull=False).first().pk
    if parameter == "room_id":
        return page.rooms.first().pk
    if parameter == "identifier":
        return "ical"
    return str(PLACEHOLDER)


class ServerErrors:
    """A client that answers like a real server (500 instead of a raised exception) and keeps
    the exception behind every 500."""

    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.failures = []
        self._exception = None
        got_request_exception.connect(self._record)

    def _record(self, sender, request=None, **kwargs):
        self._exception = repr(sys.exc_info()[1])[:300]

    def request(self, method, url, data=None):
        self._exception = None
        response = getattr(self.client, method)(url, data or {})
        if response.status_code >= 500:
            shown = {key: value[:20] for key, value in (data or {}).items()}
            self.failures.append(f"{method.upper()} {url[:120]!r} {str(shown)[:200]}: {self._exception}")
        return response

    def close(self):
        got_request_exception.disconnect(self._record)


@pytest.fixture
def server():
    errors = ServerErrors()
    yield errors
    errors.close()


def harvested_keys(url, html):
    """The fields of the page's forms, and the query parameters it links to on its own URL."""
    path = urlsplit(url).path
    linked = set()
    for link in LINK.findall(html.replace("&amp;", "&")):
        parts = urlsplit(link)
        if not parts.path or parts.path == path:
            linked.update(key for key, _value in parse_qsl(parts.query, keep_blank_values=True))
    return set(FORM_FIELD.findall(html)) - {"csrfmiddlewaretoken"}, linked


def hostile_paths(url):
    """``url`` with each of its numeric segments, one at a time, replaced by hostile segments,
    and with hostile segments added at its end."""
    parts = url.split("/")
    for index, part in enumerate(parts):
        if part.isdigit():
            for segment in HOSTILE_SEGMENTS:
                yield "/".join([*parts[:index], segment, *parts[index + 1 :]])
    yield url + "%00/"


def walk(server, urls):
    """Request every URL with hostile query strings, form data and paths."""
    for url in urls:
        response = server.request("get", url)
        html = "" if response.streaming else response.content.decode(errors="replace")
        fields, linked = harvested_keys(url, html)
        for value in HOSTILE_VALUES:
            server.request("get", url, dict.fromkeys(fields | linked | set(EXTRA_KEYS), value))
        for key in sorted(linked | set(LIST_KEYS)):
            server.request("get", url, {key: NUL})
        if "delete" not in url:
            for value in POSTED_VALUES:
                server.request("post", url, dict.fromkeys(fields | linked, value))
        for path in hostile_paths(url):
            server.request("get", path)


def test_the_walk_finds_every_kind_of_url_the_app_serves(site):
    admin = set(app_admin_url_patterns())
    public = public_urls()

    assert {"barcamp_wagtail_decide", "barcamp_wagtail_privacy", "barcamp_wagtail_next_edition"} <= admin
    assert {"barcamp_wagtail_plenary_state", "barcamp_wagtail_voter_codes", "barcamp_wagtail_planner_propose"} <= admin
    assert "barcamp_wagtail_sessionproposal_modeladmin_inspect" in admin
    assert "barcamp_wagtail_interestsignup_modeladmin_delete" in admin
    assert "wagtailsnippets_barcamp_wagtail_sponsor:list_results" in admin
    assert "wagtailsnippetchoosers_barcamp_wagtail_sponsor:chosen" in admin
    assert set(public) == {
        "EventPage",
        "SessionPage",
        "ProposalPage",
        "SchedulePage",
        "PressIndexPage",
        "PressReleasePage",
    }
    assert any("/next-edition/confirm/" in url for url in public["EventPage"])
    assert any("/vote/" in url for url in public["ProposalPage"])


def test_no_admin_url_of_the_app_answers_hostile_input_with_a_server_error(site, server, django_user_model):
    server.client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "password"))

    walk(server, admin_urls(site))

    assert not server.failures, "\n".join(server.failures)


def test_no_public_url_of_the_app_answers_hostile_input_with_a_server_error(site, server):
    walk(server, [url for urls in public_urls().values() for url in urls])

    assert not server.failures, "\n".join(server.failures)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/barcamp_wagtail/sessionproposal/",
        "/admin/barcamp_wagtail/interestsignup/",
        "/admin/barcamp/proposals/decide/",
        "/admin/barcamp/proposals/privacy/",
        "/admin/snippets/barcamp_wagtail/sponsor/",
        "/admin/snippets/barcamp_wagtail/sponsor/results/",
    ],
)
def test_a_nul_byte_in_an_admin_search_or_filter_answers_400(site, editor_client, url):
    searched = editor_client.get(url, {"q": f"Hostile{NUL}"})
    filtered = editor_client.get(url, {"event": NUL, "topic": f"a{NUL}"})

    assert searched.status_code == filtered.status_code == 400
    assert "cannot be used here" in searched.content.decode()


SPONSOR_SEARCHES = [
    "/admin/snippets/barcamp_wagtail/sponsor/results/",
    "/admin/snippets/choose/barcamp_wagtail/sponsor/results/",
]


@pytest.mark.parametrize("url", SPONSOR_SEARCHES)
def test_the_sponsor_list_and_chooser_find_by_name_with_quotes_in_the_query(site, editor_client, url):
    found = editor_client.get(url, {"q": "devsp"}).content.decode()
    quoted = editor_client.get(url, {"q": "'\"<Dev"})

    assert "Devspire" in found
    assert quoted.status_code == 200


def test_the_inbox_reads_only_its_own_filters(site, editor_client):
    """Django's admin would filter by any lookup, a way to probe fields the list never shows."""
    probe = editor_client.get("/admin/barcamp_wagtail/sessionproposal/", {"email__startswith": "p@"})
    owner = editor_client.get("/admin/barcamp_wagtail/sessionproposal/", {"event__owner__password__startswith": "m"})
    known = editor_client.get("/admin/barcamp_wagtail/sessionproposal/", {"status__exact": "submitted"})

    assert probe.status_code == owner.status_code == 400
    assert known.status_code == 200 and "Hostile" in known.content.decode()


def test_ids_that_are_no_numbers_answer_404(site, editor_client):
    proposal, sponsor = site["proposal"], site["sponsor"]

    assert editor_client.get(f"/admin/barcamp_wagtail/sessionproposal/inspect/{proposal.pk}/").status_code == 200
    assert editor_client.get("/admin/barcamp_wagtail/sessionproposal/inspect/%C2%B2/").status_code == 404
    assert editor_client.get(f"/admin/snippets/barcamp_wagtail/sponsor/edit/{sponsor.pk}/").status_code == 200
    assert editor_client.get("/admin/snippets/barcamp_wagtail/sponsor/edit/abc/").status_code == 404
    assert editor_client.get("/admin/barcamp/plenary/99999999999999999999999/").status_code == 404
