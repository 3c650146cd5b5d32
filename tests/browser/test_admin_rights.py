"""The admin actions of a client's team, in the browser: an agency runs two clients' barcamps on one
site, and client A's team decides, exports, erases and deletes in its own barcamp only."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from barcamp_wagtail.models import InterestSignup, SessionPage, SessionProposal

from ..rights_helpers import SHARED_EMAIL, make_group, make_member, make_two_barcamps
from .conftest import DESKTOP
from .test_flows import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INBOX = "/admin/barcamp_wagtail/sessionproposal/"
SIGNUPS = "/admin/barcamp_wagtail/interestsignup/"


@pytest.fixture
def agency(live_server, settings, django_user_model):
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no broken avatar when offline
    site = make_two_barcamps()
    site["alice"] = make_member(django_user_model, "alice", make_group("Client A", site["folder"]), password=PASSWORD)
    return site


def test_a_client_team_decides_exports_erases_and_deletes_in_its_own_barcamp_only(live_server, agency, new_page, shots):
    base, alpha, beta = live_server.url, agency["alpha"], agency["beta"]
    assert agency["alice"].groups.get() == Group.objects.get(name="Client A")
    page = new_page(viewport=DESKTOP)
    log_in(page, base, agency["alice"])

    # The inbox shows client A's proposals only.
    page.get_by_role("link", name="Session proposals").first.click()
    page.wait_for_url(f"{base}{INBOX}")
    inbox = page.content()
    assert "Alpha talk" in inbox and "Alpha workshop" in inbox and "Beta" not in inbox
    shots(page, "inbox")

    # Decide: accepting publishes the session below client A's barcamp.
    page.get_by_role("link", name="Accept or decline").click()
    assert "Beta" not in page.content()
    page.get_by_label("Alpha talk").check()
    page.get_by_role("button", name="Accept and publish").click()
    page.get_by_text("1 proposal accepted.").wait_for()
    shots(page, "accepted")
    assert SessionProposal.objects.get(title="Alpha talk").status == SessionProposal.Status.ACCEPTED
    assert SessionPage.objects.live().child_of(alpha).filter(title="Alpha talk").exists()
    assert SessionProposal.objects.get(title="Beta talk").status == SessionProposal.Status.SUBMITTED

    # Privacy export: the JSON holds what client A's barcamp knows about the address, nothing else.
    page.goto(f"{base}{INBOX}")
    page.get_by_role("link", name="Privacy requests").click()
    page.get_by_label("E-mail address").fill(SHARED_EMAIL)
    page.get_by_role("radio", name="export as JSON").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Run").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [item["title"] for item in exported["session_proposals"]] == ["Alpha talk"]
    assert [item["event"] for item in exported["interest_signups"]] == ["Barcamp Alpha"]

    # Privacy erasure: client A's records of the address go, client B's stay.
    page.get_by_label("E-mail address").fill(SHARED_EMAIL)
    page.get_by_role("radio", name="erase").check()
    page.get_by_label("Yes, erase: this cannot be undone.").check()
    page.get_by_role("button", name="Run").click()
    page.get_by_text("1 proposal anonymised.").wait_for()
    page.get_by_text("1 next-edition sign-up deleted.").wait_for()
    shots(page, "erased")
    assert not SessionProposal.objects.filter(event=alpha, email=SHARED_EMAIL).exists()
    assert SessionProposal.objects.filter(event=beta, email=SHARED_EMAIL).exists()
    assert not InterestSignup.objects.filter(event=alpha, email=SHARED_EMAIL).exists()
    assert InterestSignup.objects.filter(event=beta, email=SHARED_EMAIL).exists()

    # Deleting a sign-up from the list: only client A's are listed, and one is deleted.
    page.get_by_role("link", name="Next edition sign-ups").first.click()
    page.wait_for_url(f"{base}{SIGNUPS}")
    listing = page.content()
    assert "alpha-fan@example.org" in listing and "beta-fan@example.org" not in listing
    page.locator("tr", has_text="alpha-fan@example.org").get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, delete").click()
    page.wait_for_url(f"{base}{SIGNUPS}")
    shots(page, "sign-up-deleted")
    assert not InterestSignup.objects.filter(email="alpha-fan@example.org").exists()
    assert InterestSignup.objects.filter(event=beta).count() == 2

    # Client B's barcamp is refused, with a page that says so.
    response = page.goto(f"{base}/admin/barcamp/plenary/{beta.pk}/")
    assert response.status == 403
    assert "You do not have permission to do this for this barcamp." in page.content()
    shots(page, "other-barcamp-refused")
