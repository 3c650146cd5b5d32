"""Every public form sent from Chromium, as a visitor sends it: the proposal, its private link to
change or withdraw it, the language switch, the next-edition sign-up and its confirmation, the
online vote with a badge code, and the moderator's hand counts typed on a phone.

The test client sends no Origin header and no Referer; a browser does, and Django's CSRF check
reads them. Mailed links are taken from the outbox and opened as they were sent.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from barcamp_wagtail.models import InterestSignup, InterestVote, SessionProposal, VoterCode

from ..factories import make_event, make_proposal_page
from .conftest import PASSWORD, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = timezone.localdate() + datetime.timedelta(days=30)
TITLE = "Offene Daten für kleine Gemeinden"


@pytest.fixture
def barcamp(live_server, settings):
    """An open call for sessions with online votes; the Site's address is the live server's, so
    mailed links lead to it as they are."""
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    event = make_event(title="Barcamp Formulare", day=DAY)
    site = Site.objects.get(is_default_site=True)
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    return {"event": event, "proposal_page": make_proposal_page(event, votes_enabled=True)}


def mailed_link(pattern):
    """The first link in the outbox whose path matches ``pattern``."""
    for message in reversed(mail.outbox):
        for link in re.findall(r"https?://\S+", message.body):
            if re.search(pattern, urlsplit(link).path):
                return link
    raise AssertionError(f"no mailed link matches {pattern!r}: {[m.subject for m in mail.outbox]}")


def propose(page, url):
    page.goto(url)
    page.get_by_label("Title of your session").fill(TITLE)
    page.get_by_label("What is it about?").fill("Welche Daten es gibt und was Ehrenamtliche daraus machen.")
    page.get_by_label("Format").select_option("talk")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your e-mail address").fill("ada@example.org")
    page.get_by_label("I agree that my proposal").check()
    page.get_by_role("button", name="Send proposal").click()
    page.get_by_role("heading", name="Thank you for your proposal!").wait_for()


@pytest.fixture
def edit_link(live_server, barcamp, new_page):
    """A proposal sent from a phone; the private link the visitor got by mail."""
    page = new_page(viewport=PHONE)
    propose(page, live_server.url + barcamp["proposal_page"].url)
    page.context.close()
    return mailed_link(r"/edit/")


def test_a_visitor_changes_the_proposal_through_the_mailed_link(edit_link, new_page, shots):
    page = new_page(viewport=PHONE)
    page.goto(edit_link)
    page.get_by_label("Title of your session").fill("Offene Daten für Dörfer")
    page.get_by_role("button", name="Save changes").click()

    page.get_by_text("Your changes have been saved.").wait_for()
    shots(page, "saved")
    assert SessionProposal.objects.get().title == "Offene Daten für Dörfer"


def test_a_visitor_withdraws_the_proposal_through_the_mailed_link(edit_link, new_page, shots):
    page = new_page(viewport=PHONE)
    page.goto(edit_link)
    page.get_by_role("button", name="Withdraw my proposal").click()

    page.get_by_role("heading", name="Your proposal has been withdrawn").wait_for()
    shots(page, "withdrawn")
    assert SessionProposal.objects.get().status == SessionProposal.Status.WITHDRAWN


def test_the_private_link_keeps_its_token_from_other_sites_but_not_from_its_own_forms(edit_link, new_page):
    page = new_page(viewport=PHONE)
    response = page.goto(edit_link)

    assert response.headers["referrer-policy"] == "same-origin"
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "same-origin"
    origins = []
    page.on("request", lambda request: request.method == "POST" and origins.append(request.headers.get("origin")))
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Your changes have been saved.").wait_for()
    assert origins == [f"{urlsplit(edit_link).scheme}://{urlsplit(edit_link).netloc}"]


def test_a_visitor_switches_the_language_on_the_private_link(edit_link, new_page, shots):
    page = new_page(viewport=PHONE)
    page.goto(edit_link)
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Change", exact=True).click()

    page.get_by_role("heading", name="Dein Session-Vorschlag").wait_for()
    shots(page, "german")
    assert page.url == edit_link
    page.get_by_role("button", name="Änderungen speichern").click()
    page.get_by_text("Deine Änderungen wurden gespeichert.").wait_for()


def test_a_next_edition_sign_up_is_confirmed_through_the_mailed_link(live_server, barcamp, new_page, shots):
    event = barcamp["event"]
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}{event.url}next-edition/")
    page.get_by_label("Your e-mail address").fill("grace@example.org")
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_role("button", name="Keep me informed").click()
    page.wait_for_url("**/next-edition/thanks/")
    shots(page, "signed-up")
    assert not InterestSignup.objects.get().is_confirmed

    page.goto(mailed_link(r"/next-edition/confirm/"))
    page.get_by_role("button", name="Yes, keep me informed").click()

    page.get_by_role("heading", name="Thank you!").wait_for()
    shots(page, "confirmed")
    assert InterestSignup.objects.get().is_confirmed


def test_a_participant_votes_online_with_the_code_from_the_badge(live_server, barcamp, new_page, shots):
    event, proposal_page = barcamp["event"], barcamp["proposal_page"]
    proposal = SessionProposal.objects.create(
        event=event, title=TITLE, abstract="Daten.", email="ada@example.org", nonce="vote-1", privacy_consent=True
    )
    code = VoterCode.generate(event, 1)[0]
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}{proposal_page.url}vote/")
    page.get_by_label("Voter code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name=f"I want to attend “{TITLE}”").click()
    page.get_by_role("button", name=f"I no longer want to attend “{TITLE}”").wait_for()
    shots(page, "voted")
    assert InterestVote.objects.filter(proposal=proposal).count() == 1


def test_the_moderator_types_the_hand_counts_on_a_phone(live_server, barcamp, new_page, shots, moderator):
    event = barcamp["event"]
    first, second = (
        SessionProposal.objects.create(
            event=event, title=title, abstract="Pitch.", email="ada@example.org", nonce=title, privacy_consent=True
        )
        for title in ("Open Data", "Sketchnotes")
    )
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "mo")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/barcamp/plenary/{event.pk}/")
    page.get_by_role("button", name="Start with the first").click()
    page.get_by_role("heading", name="Open Data").wait_for()
    page.get_by_label("Hands raised").fill("23")
    page.get_by_role("button", name="Save and next").click()
    page.get_by_role("heading", name="Sketchnotes").wait_for()
    shots(page, "counted")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.hand_count, second.hand_count) == (23, None)
