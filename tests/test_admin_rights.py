"""Admin rights follow Wagtail's page permissions of the event: two barcamps × two groups × every
admin URL and action of the app. Nothing of the other barcamp shows in lists, filters, counts
or exports, and nothing of it can be changed."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from barcamp_wagtail.models import InterestSignup, PlenaryState, SessionPage, SessionProposal, VoterCode

from .rights_helpers import ALL_PAGE_PERMISSIONS, SHARED_EMAIL, make_group, make_member, make_two_barcamps

pytestmark = pytest.mark.django_db

INBOX = "/admin/barcamp_wagtail/sessionproposal/"
SIGNUPS = "/admin/barcamp_wagtail/interestsignup/"
DECIDE = "/admin/barcamp/proposals/decide/"
PRIVACY = "/admin/barcamp/proposals/privacy/"

EVENT_URLS = {
    "plenary": "barcamp_wagtail_plenary",
    "board": "barcamp_wagtail_plenary_board",
    "board state": "barcamp_wagtail_plenary_state",
    "voter codes": "barcamp_wagtail_voter_codes",
    "planner": "barcamp_wagtail_planner",
    "grid proposal": "barcamp_wagtail_planner_propose",
    "next edition": "barcamp_wagtail_next_edition",
}
RECORD_URLS = {
    "proposal inspect": (SessionProposal, INBOX + "inspect/{}/"),
    "proposal history": (SessionProposal, INBOX + "history/{}/"),
    "proposal delete": (SessionProposal, INBOX + "delete/{}/"),
    "sign-up history": (InterestSignup, SIGNUPS + "history/{}/"),
    "sign-up delete": (InterestSignup, SIGNUPS + "delete/{}/"),
}
MODERATION = ("plenary", "board", "board state", "voter codes")
PLANNING = ("planner", "grid proposal")

ALLOWED_A = (200, 403)  # (Alpha, Beta)
ALLOWED_B = (403, 200)
NEITHER = (403, 403)
BOTH = (200, 200)

# What each person may open, for the barcamps Alpha (client A) and Beta (client B).
EXPECTED_EVENT_URLS = {
    # Client A's team: the app's permissions and add/edit/publish on the folder holding Alpha.
    "alice": dict.fromkeys(EVENT_URLS, ALLOWED_A),
    # Client B's team: the same rights given on the event Beta itself. Copying Beta as its next
    # edition needs the right to add pages next to it, which the group does not have.
    "bob": {**dict.fromkeys(EVENT_URLS, ALLOWED_B), "next edition": NEITHER},
    # The app's permissions, but on Alpha only "Edit": reads lists, may neither moderate nor plan.
    "reader": {**dict.fromkeys(EVENT_URLS, NEITHER)},
    # Alpha's web editor: all page rights on it, none of the app's: plans and copies, never moderates.
    "editor": {
        **dict.fromkeys(EVENT_URLS, NEITHER),
        "planner": ALLOWED_A,
        "grid proposal": ALLOWED_A,
        "next edition": ALLOWED_A,
    },
    "superuser": dict.fromkeys(EVENT_URLS, BOTH),
}
EXPECTED_RECORD_URLS = {
    "alice": dict.fromkeys(RECORD_URLS, ALLOWED_A),
    "bob": dict.fromkeys(RECORD_URLS, ALLOWED_B),
    "reader": {
        "proposal inspect": ALLOWED_A,
        "proposal history": ALLOWED_A,
        "proposal delete": NEITHER,
        "sign-up history": ALLOWED_A,
        "sign-up delete": NEITHER,
    },
    "editor": dict.fromkeys(RECORD_URLS, NEITHER),
    "superuser": dict.fromkeys(RECORD_URLS, BOTH),
}
EXPECTED_LISTS = {
    # inbox, sign-up list, decide, privacy
    "alice": (200, 200, 200, 200),
    "bob": (200, 200, 200, 200),
    "reader": (200, 200, 403, 403),
    "editor": (403, 403, 403, 403),
    "superuser": (200, 200, 200, 200),
}


@pytest.fixture
def agency(django_user_model):
    """Two clients' barcamps on one site, and the people working on them."""
    site = make_two_barcamps()
    client_a = make_group("Client A", site["folder"])
    client_b = make_group("Client B", site["beta"])
    readers = make_group("Client A readers", site["folder"], page_permissions=("change",))
    editors = make_group("Client A web editors", site["folder"], app_permissions=())
    site["users"] = {
        "alice": make_member(django_user_model, "alice", client_a),
        "bob": make_member(django_user_model, "bob", client_b),
        "reader": make_member(django_user_model, "reader", readers),
        "editor": make_member(django_user_model, "editor", editors),
        "superuser": django_user_model.objects.create_superuser("root", "root@example.org", "password"),
    }
    return site


def client_for(agency, name):
    client = Client()
    client.force_login(agency["users"][name])
    return client


def record_of(agency, model, event_key):
    return model.objects.filter(event=agency[event_key]).order_by("pk").first()


def streamed(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    return list(csv.reader(io.StringIO(streamed(response).decode())))


@pytest.mark.parametrize("person", EXPECTED_EVENT_URLS)
def test_every_event_url_answers_as_the_page_permissions_say(agency, person):
    client = client_for(agency, person)

    answers = {
        name: tuple(client.get(reverse(url_name, args=[agency[key].pk])).status_code for key in ("alpha", "beta"))
        for name, url_name in EVENT_URLS.items()
    }

    assert answers == EXPECTED_EVENT_URLS[person]


@pytest.mark.parametrize("person", EXPECTED_RECORD_URLS)
def test_every_record_url_answers_as_the_page_permissions_say(agency, person):
    client = client_for(agency, person)

    answers = {
        name: tuple(client.get(url.format(record_of(agency, model, key).pk)).status_code for key in ("alpha", "beta"))
        for name, (model, url) in RECORD_URLS.items()
    }

    assert answers == EXPECTED_RECORD_URLS[person]


@pytest.mark.parametrize("person", EXPECTED_LISTS)
def test_the_lists_answer_as_the_rights_say(agency, person):
    client = client_for(agency, person)

    assert tuple(client.get(url).status_code for url in (INBOX, SIGNUPS, DECIDE, PRIVACY)) == EXPECTED_LISTS[person]


@pytest.mark.parametrize(("person", "own", "other"), [("alice", "Alpha", "Beta"), ("bob", "Beta", "Alpha")])
def test_the_inbox_its_filters_and_exports_hold_only_the_own_barcamp(agency, person, own, other):
    client = client_for(agency, person)
    other_event = agency["beta" if other == "Beta" else "alpha"]

    html = client.get(INBOX).content.decode()
    filtered_to_other = client.get(INBOX, {"event__page_ptr__exact": other_event.pk}).content.decode()
    rows = csv_rows(client.get(INBOX, {"export": "csv"}))

    assert f"{own} talk" in html and f"{own} workshop" in html
    assert other not in html  # no title, topic, host or event name of the other barcamp, not even in the filters
    assert f"{own} talk" not in filtered_to_other and other not in filtered_to_other
    assert sorted(row[0] for row in rows[1:]) == [f"{own} talk", f"{own} workshop"]


@pytest.mark.parametrize(("person", "own", "other"), [("alice", "Alpha", "Beta"), ("bob", "Beta", "Alpha")])
def test_the_sign_up_list_and_its_exports_hold_only_the_own_barcamp(agency, person, own, other):
    from openpyxl import load_workbook

    client = client_for(agency, person)

    html = client.get(SIGNUPS).content.decode()
    rows = csv_rows(client.get(SIGNUPS, {"export": "csv"}))
    sheet = load_workbook(io.BytesIO(streamed(client.get(SIGNUPS, {"export": "xlsx"})))).active

    assert f"{own.lower()}-fan@example.org" in html and other not in html
    assert sorted(row[0] for row in rows[1:]) == sorted([SHARED_EMAIL, f"{own.lower()}-fan@example.org"])
    assert {row[2] for row in rows[1:]} == {f"Barcamp {own}"}
    assert {cell.value for cell in sheet["C"][1:]} == {f"Barcamp {own}"}


def test_the_decide_view_lists_and_decides_only_the_own_barcamp(agency):
    client = client_for(agency, "alice")
    own = record_of(agency, SessionProposal, "alpha")
    other = record_of(agency, SessionProposal, "beta")

    html = client.get(DECIDE).content.decode()
    refused = client.post(DECIDE, {"action": "accept", "proposals": [other.pk]})
    mixed = client.post(DECIDE, {"action": "decline", "proposals": [own.pk, other.pk]})
    accepted = client.post(DECIDE, {"action": "accept", "proposals": [own.pk]})

    assert "Alpha talk" in html and "Beta" not in html
    assert refused.status_code == mixed.status_code == 200  # the form says the choice is not valid
    assert accepted.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == SessionProposal.Status.ACCEPTED
    assert other.status == SessionProposal.Status.SUBMITTED
    assert not SessionPage.objects.child_of(agency["beta"]).exists()


def test_the_decide_view_filtered_to_another_barcamp_is_empty(agency):
    client = client_for(agency, "alice")

    html = client.get(DECIDE, {"event": agency["beta"].pk}).content.decode()

    assert "Beta" not in html and "Alpha talk" not in html


def test_a_moderator_who_may_only_edit_the_event_cannot_decide(agency, django_user_model):
    """The moderate permission counts where the user may publish: accepting publishes a session."""
    group = make_group("Client A helpers", agency["folder"], page_permissions=("add", "change"))
    client = Client()
    client.force_login(make_member(django_user_model, "helper", group))
    proposal = record_of(agency, SessionProposal, "alpha")

    inbox = client.get(INBOX)
    decide = client.post(DECIDE, {"action": "accept", "proposals": [proposal.pk]})
    inspect = client.get(f"{INBOX}inspect/{proposal.pk}/")

    assert inbox.status_code == 200 and "Alpha talk" in inbox.content.decode()
    assert "Accept or decline" not in inbox.content.decode() and "Accept or decline" not in inspect.content.decode()
    assert decide.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == SessionProposal.Status.SUBMITTED


def test_deleting_is_refused_for_the_other_barcamp(agency):
    client = client_for(agency, "alice")
    own_proposal, other_proposal = (record_of(agency, SessionProposal, key) for key in ("alpha", "beta"))
    own_signup, other_signup = (record_of(agency, InterestSignup, key) for key in ("alpha", "beta"))

    assert client.post(f"{INBOX}delete/{other_proposal.pk}/").status_code == 403
    assert client.post(f"{SIGNUPS}delete/{other_signup.pk}/").status_code == 403
    assert client.post(f"{INBOX}delete/{own_proposal.pk}/").status_code == 302
    assert client.post(f"{SIGNUPS}delete/{own_signup.pk}/").status_code == 302

    assert SessionProposal.objects.filter(pk=other_proposal.pk).exists()
    assert InterestSignup.objects.filter(pk=other_signup.pk).exists()
    assert not SessionProposal.objects.filter(pk=own_proposal.pk).exists()
    assert not InterestSignup.objects.filter(pk=own_signup.pk).exists()


def test_a_privacy_export_holds_only_the_own_barcamp(agency):
    client = client_for(agency, "alice")

    response = client.post(PRIVACY, {"email": SHARED_EMAIL, "action": "export"})

    data = json.loads(response.content)
    assert [item["title"] for item in data["session_proposals"]] == ["Alpha talk"]
    assert [item["event"] for item in data["interest_signups"]] == ["Barcamp Alpha"]
    assert "Beta" not in response.content.decode()


def test_a_privacy_erasure_touches_only_the_own_barcamp(agency):
    client = client_for(agency, "alice")
    page = client.get(PRIVACY).content.decode()

    response = client.post(PRIVACY, {"email": SHARED_EMAIL, "action": "erase", "confirm": "on"}, follow=True)

    html = response.content.decode()
    assert "Barcamp Alpha" in page and "Barcamp Beta" not in page
    assert "1 proposal anonymised." in html and "1 next-edition sign-up deleted." in html
    assert not SessionProposal.objects.filter(event=agency["alpha"], email=SHARED_EMAIL).exists()
    assert SessionProposal.objects.filter(event=agency["beta"], email=SHARED_EMAIL, name="Beta Host").exists()
    assert not InterestSignup.objects.filter(event=agency["alpha"], email=SHARED_EMAIL).exists()
    assert InterestSignup.objects.filter(event=agency["beta"], email=SHARED_EMAIL).exists()


def test_a_superuser_erasure_touches_every_barcamp(agency):
    client = client_for(agency, "superuser")

    client.post(PRIVACY, {"email": SHARED_EMAIL, "action": "erase", "confirm": "on"})

    assert not SessionProposal.objects.filter(email=SHARED_EMAIL).exists()
    assert not InterestSignup.objects.filter(email=SHARED_EMAIL).exists()


def test_the_privacy_command_can_be_limited_to_events(agency, capsys):
    call_command("barcamp_privacy", "erase", SHARED_EMAIL, "--event", str(agency["beta"].pk))

    assert SessionProposal.objects.filter(event=agency["alpha"], email=SHARED_EMAIL).exists()
    assert not SessionProposal.objects.filter(event=agency["beta"], email=SHARED_EMAIL).exists()
    assert InterestSignup.objects.filter(event=agency["alpha"], email=SHARED_EMAIL).exists()
    assert "1 proposal(s) anonymised." in capsys.readouterr().out


def test_the_privacy_command_refuses_an_unknown_event(agency):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No barcamp event with the id 999999"):
        call_command("barcamp_privacy", "export", SHARED_EMAIL, "--event", "999999")


def test_the_plenary_of_the_other_barcamp_cannot_be_moved_or_counted(agency):
    client = client_for(agency, "alice")
    beta = agency["beta"]
    other = record_of(agency, SessionProposal, "beta")
    codes_before = VoterCode.objects.filter(event=beta).count()

    moved = client.post(reverse("barcamp_wagtail_plenary", args=[beta.pk]), {"action": "show", "proposal": other.pk})
    counted_there = client.post(
        reverse("barcamp_wagtail_plenary", args=[beta.pk]), {"action": "count", "proposal": other.pk, "hand_count": 9}
    )
    counted_here = client.post(
        reverse("barcamp_wagtail_plenary", args=[agency["alpha"].pk]),
        {"action": "count", "proposal": other.pk, "hand_count": 9},
    )
    codes = client.post(reverse("barcamp_wagtail_voter_codes", args=[beta.pk]), {"count": 5})

    assert moved.status_code == counted_there.status_code == codes.status_code == 403
    assert counted_here.status_code == 400
    other.refresh_from_db()
    assert other.hand_count is None
    assert VoterCode.objects.filter(event=beta).count() == codes_before
    assert not PlenaryState.objects.filter(event=beta, current__isnull=False).exists()


def test_menu_items_show_only_to_those_who_can_use_them(agency):
    menus = {person: client_for(agency, person).get("/admin/").content.decode() for person in EXPECTED_LISTS}

    for person, (inbox, signups, _decide, _privacy) in EXPECTED_LISTS.items():
        assert (INBOX in menus[person]) == (inbox == 200), person
        assert (SIGNUPS in menus[person]) == (signups == 200), person


def test_event_buttons_show_only_to_those_who_can_use_them(agency):
    alpha = agency["alpha"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[alpha.pk])
    plenary = reverse("barcamp_wagtail_plenary", args=[alpha.pk])
    planner = reverse("barcamp_wagtail_planner", args=[alpha.pk])
    next_edition = reverse("barcamp_wagtail_next_edition", args=[alpha.pk])

    shown = {
        person: client_for(agency, person).get(edit_url).content.decode() for person in ("alice", "reader", "editor")
    }

    assert all(url in shown["alice"] for url in (plenary, planner, next_edition))
    assert not any(url in shown["reader"] for url in (plenary, planner, next_edition))
    assert plenary not in shown["editor"] and planner in shown["editor"] and next_edition in shown["editor"]


def test_inbox_buttons_show_only_to_those_who_can_use_them(agency):
    alpha_proposal = record_of(agency, SessionProposal, "alpha")
    alice, reader = client_for(agency, "alice"), client_for(agency, "reader")

    assert "Accept or decline" in alice.get(INBOX).content.decode()
    assert "Privacy requests" in alice.get(INBOX).content.decode()
    assert "Accept or decline" not in reader.get(INBOX).content.decode()
    assert "Privacy requests" not in reader.get(INBOX).content.decode()
    assert f"{INBOX}delete/{alpha_proposal.pk}/" in alice.get(INBOX).content.decode()
    assert f"{INBOX}delete/{alpha_proposal.pk}/" not in reader.get(INBOX).content.decode()


def test_the_rights_need_both_the_app_permission_and_the_page_permission(agency, django_user_model):
    pages_only = make_group("Pages only", agency["folder"], app_permissions=())
    app_only = make_group("App only", agency["folder"], page_permissions=())
    assert ALL_PAGE_PERMISSIONS == ("add", "change", "publish")

    for group in (pages_only, app_only):
        client = Client()
        client.force_login(make_member(django_user_model, group.name.replace(" ", "-").lower(), group))
        assert client.get(INBOX).status_code == 403
        assert client.get(reverse("barcamp_wagtail_plenary", args=[agency["alpha"].pk])).status_code == 403


def test_the_rights_cost_no_query_per_row_of_the_inbox(agency):
    """Each row's buttons ask the rule for its event: answered from Wagtail's cached page permissions."""
    client = client_for(agency, "alice")
    alpha = agency["alpha"]

    def queries_for_inbox():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(INBOX).status_code == 200
        return len(captured)

    few = queries_for_inbox()
    for number in range(10):
        SessionProposal.objects.create(event=alpha, title=f"More {number}", abstract="More.", nonce=f"more-{number}")

    assert queries_for_inbox() == few
