"""Decisions reach the visitor: a proposal sent in the browser, decided by a moderator in the
admin, the decision mail read from the outbox and its links followed; a move in the planner is
mailed to the host. Also: the private link after the event's end while the form is open, and a
venue code that lets the eleventh proposal from one address through."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from barcamp_wagtail.models import SessionProposal

from ..factories import make_event, make_proposal_page, make_room, make_slot
from .conftest import DESKTOP, PHONE
from .test_flows import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = timezone.localdate() + datetime.timedelta(days=30)
TITLE = "Gemeinsam kochen im Barcamp"


@pytest.fixture
def barcamp(live_server, settings):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 10}
    event = make_event(title="Barcamp Entscheidung", day=DAY)
    rooms = [make_room(event, "Plenum"), make_room(event, "Küche", sort_order=1)]
    slots = [make_slot(event, "10:00", "10:45", day=DAY), make_slot(event, "11:00", "11:45", day=DAY)]
    return {"event": event, "page": make_proposal_page(event), "rooms": rooms, "slots": slots}


def propose(page, base, proposal_page, title=TITLE, email="ada@example.org", venue_code=None, locale="en"):
    page.goto(base + proposal_page.url)
    page.get_by_label("Title of your session").fill(title)
    page.get_by_label("What is it about?").fill("Wir kochen zusammen und reden über Essen.")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_label("My name may be shown publicly with the session.").check()
    if venue_code is not None:
        page.get_by_label("Venue code").fill(venue_code)
    page.get_by_label("I agree that my proposal").check()
    page.get_by_role("button", name="Send proposal").click()


def link_in(message, pattern):
    return re.search(pattern, message.body).group(0)


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_visitor_hears_the_decision_and_the_move_and_follows_the_links(
    live_server, barcamp, moderator, new_page, shots, django_user_model
):
    base = live_server.url
    visitor = new_page(viewport=PHONE, locale="de-DE")
    visitor.goto(base + barcamp["page"].url)
    visitor.get_by_label("Titel deiner Session").fill(TITLE)
    visitor.get_by_label("Worum geht es?").fill("Wir kochen zusammen und reden über Essen.")
    visitor.get_by_label("Dein Name").fill("Ada Lovelace")
    visitor.get_by_label("Deine E-Mail-Adresse").fill("ada@example.org")
    visitor.get_by_label("Ich bin einverstanden").check()
    visitor.get_by_role("button", name="Vorschlag abschicken").click()
    visitor.get_by_role("heading", name="Danke für deinen Vorschlag!").wait_for()
    assert len(mails_to("ada@example.org")) == 1

    moderation = new_page(viewport=DESKTOP)
    log_in(moderation, base, moderator)
    moderation.goto(f"{base}/admin/barcamp/proposals/decide/")
    moderation.get_by_label(TITLE).check()
    shots(moderation, "decide")
    moderation.get_by_role("button", name="Accept and publish").click()
    moderation.wait_for_load_state()

    decision = mails_to("ada@example.org")[-1]
    assert decision.subject == f"Angenommen für Barcamp Entscheidung: {TITLE}"
    assert "Raum und Zeit stehen noch nicht fest" in decision.body
    session_url = link_in(decision, r"http://\S+/gemeinsam-kochen-im-barcamp/")
    withdraw_url = link_in(decision, r"http://\S+/edit/\S+/")
    visitor.goto(session_url.replace("http://localhost", base))
    assert visitor.get_by_role("heading", level=1).inner_text() == TITLE
    visitor.goto(withdraw_url.replace("http://localhost", base))
    assert visitor.get_by_role("button", name="Meinen Vorschlag zurückziehen").is_visible()
    shots(visitor, "withdraw-page")

    planner = new_page(viewport=DESKTOP)
    log_in(planner, base, django_user_model.objects.create_superuser("planner", "planner@example.org", PASSWORD))
    planner.goto(f"{base}/admin/barcamp/planner/{barcamp['event'].pk}/")
    kitchen, second = barcamp["rooms"][1], barcamp["slots"][1]
    session = SessionProposal.objects.get(title=TITLE).session
    planner.locator(f".barcamp-planner__unscheduled [data-session='{session.pk}'] button").click()
    cell = planner.locator(f"td[data-cell='{second.pk}:{kitchen.pk}']")
    with planner.expect_navigation():
        cell.get_by_role("button", name="Place here").click()

    moved = mails_to("ada@example.org")[-1]
    assert moved.subject == f"Neuer Raum oder neue Zeit für deine Session bei Barcamp Entscheidung: {TITLE}"
    assert "Raum: Küche" in moved.body and "11:00" in moved.body
    assert len(mails_to("ada@example.org")) == 3


def test_a_declined_proposal_gets_a_kind_mail(live_server, barcamp, moderator, new_page):
    base = live_server.url
    visitor = new_page()
    propose(visitor, base, barcamp["page"], title="Leider nicht")
    visitor.get_by_role("heading", name="Thank you for your proposal!").wait_for()

    moderation = new_page()
    log_in(moderation, base, moderator)
    moderation.goto(f"{base}/admin/barcamp/proposals/decide/")
    moderation.get_by_label("Leider nicht").check()
    moderation.locator("button[name=action][value=decline]").click()
    moderation.wait_for_load_state()

    declined = mails_to("ada@example.org")[-1]
    assert "Leider nicht" in declined.subject
    assert "no judgement on your idea" in declined.body
    assert SessionProposal.objects.get().status == "declined"


def test_the_private_link_works_after_the_events_end_while_the_form_is_open(live_server, barcamp, new_page, shots):
    base, event, page = live_server.url, barcamp["event"], barcamp["page"]
    now = timezone.now()
    event.start, event.end = now - datetime.timedelta(days=1), now - datetime.timedelta(minutes=10)
    event.save_revision().publish()
    page.submissions_close = now + datetime.timedelta(days=14)
    page.save_revision().publish()
    visitor = new_page(viewport=PHONE)
    propose(visitor, base, page, title="Nachgereicht")
    visitor.get_by_role("heading", name="Thank you for your proposal!").wait_for()

    edit_url = link_in(mails_to("ada@example.org")[0], r"http://\S+/edit/\S+/")
    visitor.goto(edit_url.replace("http://localhost", base))
    shots(visitor, "edit-after-the-end")

    assert visitor.get_by_role("heading", name="Your session proposal").is_visible()
    assert visitor.get_by_label("Title of your session").input_value() == "Nachgereicht"
    assert visitor.get_by_role("button", name="Save changes").is_visible()


def test_a_venue_code_lets_the_eleventh_proposal_from_one_address_through(live_server, barcamp, new_page, shots):
    base, page = live_server.url, barcamp["page"]
    page.venue_code = "Brezel"
    page.save_revision().publish()
    # Ten people at the venue have sent a proposal: the browser shares their address (127.0.0.1).
    for number in range(10):
        sent = Client(REMOTE_ADDR="127.0.0.1").post(page.url, {"title": f"Schon da {number}"})
        assert sent.status_code in (200, 429)
    assert Client(REMOTE_ADDR="127.0.0.1").post(page.url, {"title": "Elfter ohne Code"}).status_code == 429

    visitor = new_page(viewport=PHONE)
    propose(visitor, base, page, title="Ohne Code")
    refused = visitor.get_by_text("Too many proposals were sent from your connection")
    refused.wait_for()
    shots(visitor, "refused-without-code")
    assert "type the venue code shown in the room" in visitor.locator("[role=alert]").first.inner_text()

    propose(visitor, base, page, title="Mit Code", venue_code="brezel")
    visitor.get_by_role("heading", name="Thank you for your proposal!").wait_for()

    assert SessionProposal.objects.filter(title="Mit Code").exists()
