"""Participants in Chromium: registering on a phone and following the mailed links, the waiting list
with an offer that lapses and passes on, the door's check-in with the network cut in the middle,
the directory and its contact requests, accessibility, and the documentation's screenshots."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from barcamp_wagtail.models import Booking, CheckIn, ContactRequest, Participant, Profile
from barcamp_wagtail.participants import seats

from ..factories import make_event
from .conftest import DESKTOP, PHONE, assert_accessible
from .test_doc_screenshots import image_folder
from .test_flows import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def barcamp(live_server, settings):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    mail.outbox.clear()
    return make_event(
        title="Barcamp Browser",
        day=DAY,
        registration_enabled=True,
        capacity=1,
        directory_enabled=True,
        registration_privacy_notice="<p>Wir speichern deine Anmeldung bis 90 Tage nach dem Barcamp.</p>",
    )


@pytest.fixture
def organiser(django_user_model):
    return django_user_model.objects.create_superuser("orga", "orga@example.org", PASSWORD)


def private_link(message):
    return re.search(r"https?://\S+", message.body).group(0)


def on_server(base, url):
    return re.sub(r"^https?://[^/]+", base, url)


def register(page, base, event, name, email, locale="en"):
    page.goto(base + event.url)
    page.locator(".barcamp-register a").click()
    labels = {
        "en": ("Your name", "Your e-mail address", "I agree that my registration", "Register"),
        "de": ("Dein Name", "Deine E-Mail-Adresse", "Ich bin einverstanden, dass meine Anmeldung", "Anmelden"),
    }[locale]
    page.get_by_label(labels[0]).fill(name)
    page.get_by_label(labels[1]).fill(email)
    page.get_by_label(labels[2]).check()
    # The form posts to the short URL of barcamp_wagtail.urls (direct_post.py), which the example site includes.
    assert page.locator("form.barcamp-form").get_attribute("action") == f"/barcamp/post/{event.pk}/register/"
    page.get_by_role("button", name=labels[3], exact=True).click()
    page.wait_for_url(re.compile(r".*/register/thanks/$"))


def last_mail_to(address):
    return [message for message in mail.outbox if message.to == [address]][-1]


def confirm(page, base, email):
    page.goto(on_server(base, private_link(last_mail_to(email))))
    page.get_by_role("button", name="Yes, register me").click()
    page.get_by_text("Thank you: your address is confirmed.").wait_for()


def test_register_confirm_wait_be_offered_a_seat_and_see_the_offer_pass_on(live_server, barcamp, new_page, shots):
    base = live_server.url
    ada, grace, hedy = (new_page(viewport=PHONE) for _ in range(3))
    register(ada, base, barcamp, "Ada Lovelace", "ada@example.org")
    shots(ada, "thanks")
    confirm(ada, base, "ada@example.org")
    assert ada.get_by_text("You have a seat.").is_visible()
    shots(ada, "seated")

    register(grace, base, barcamp, "Grace Hopper", "grace@example.org")
    confirm(grace, base, "grace@example.org")
    assert grace.get_by_text("You are number 1 on the waiting list.").is_visible()
    register(hedy, base, barcamp, "Hedy Lamarr", "hedy@example.org")
    confirm(hedy, base, "hedy@example.org")
    assert hedy.get_by_text("You are number 2 on the waiting list.").is_visible()
    shots(hedy, "waiting")

    ada.get_by_label("Yes, I cannot come.").check()
    ada.get_by_role("button", name="Cancel my registration").click()
    ada.get_by_role("heading", name="Your registration is cancelled").wait_for()
    offer = last_mail_to("grace@example.org")
    assert "A seat for you" in offer.subject
    grace.goto(on_server(base, private_link(offer)))
    assert grace.get_by_role("button", name="Take the seat").is_visible()
    shots(grace, "offered")

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49)):
        grace.reload()
        grace.get_by_text("The offered seat was not taken in time").wait_for()
        shots(grace, "lapsed")
        passed_on = last_mail_to("hedy@example.org")
        assert "A seat for you" in passed_on.subject
        hedy.goto(on_server(base, private_link(passed_on)))
        hedy.get_by_role("button", name="Take the seat").click()
        hedy.get_by_text("The seat is yours. See you there!").wait_for()
        shots(hedy, "taken")
    statuses = {p.name: p.bookings.get().status for p in Participant.objects.all()}
    assert statuses == {
        "Ada Lovelace": Booking.Status.CANCELLED,
        "Grace Hopper": Booking.Status.EXPIRED,
        "Hedy Lamarr": Booking.Status.SEATED,
    }


def seated(event, count):
    people = []
    for number in range(count):
        participant = Participant.objects.create(
            event=event,
            name=f"Teilnehmerin {number:02d}",
            email=f"t{number}@example.org",
            consent_at=timezone.now(),
            confirmed_at=timezone.now(),
        )
        with transaction.atomic():
            seats.book(participant, event.event_days())
        people.append(participant)
    return people


def check_in_by_search(door, name):
    door.get_by_label("Search by name").fill(name)
    door.locator(f"[data-people] li:has-text('{name}') button").click()


def test_the_door_checks_people_in_on_a_phone_and_loses_nothing_when_the_network_drops(
    live_server, barcamp, organiser, new_page, shots
):
    barcamp.capacity, barcamp.venue_capacity = 10, 10
    barcamp.save_revision().publish()
    seated(barcamp, 4)
    door = new_page(viewport=PHONE)
    log_in(door, live_server.url, organiser)
    # The event is a month ahead: the door page is opened for its day.
    door.goto(f"{live_server.url}/admin/barcamp/participants/{barcamp.pk}/door/?day={DAY.isoformat()}")
    check_in_by_search(door, "Teilnehmerin 00")
    door.wait_for_function("document.querySelector('[data-present]').textContent === '1'")
    shots(door, "first-in")

    door.context.set_offline(True)
    check_in_by_search(door, "Teilnehmerin 01")
    check_in_by_search(door, "Teilnehmerin 02")
    door.get_by_text("Saved on this phone, not sent yet: 2").wait_for()
    shots(door, "offline-queue")
    assert CheckIn.objects.count() == 1

    door.context.set_offline(False)
    door.get_by_text("Everything is sent.").wait_for(timeout=20000)
    door.wait_for_function("document.querySelector('[data-present]').textContent === '3'")
    shots(door, "synced")
    # Who is in shows as such: the door offers to check them out, not in a second time.
    door.get_by_label("Search by name").fill("Teilnehmerin 01")
    assert door.locator("[data-people] li:has-text('Teilnehmerin 01') button").inner_text() == "Check out"
    assert CheckIn.objects.filter(checked_out_at__isnull=True).count() == 3
    assert sorted(CheckIn.objects.values_list("participant__name", flat=True)) == [
        "Teilnehmerin 00",
        "Teilnehmerin 01",
        "Teilnehmerin 02",
    ]


def test_participants_meet_in_the_directory_and_contact_needs_consent(live_server, barcamp, new_page, shots):
    base = live_server.url
    barcamp.capacity = 5
    barcamp.save_revision().publish()
    ada_page, grace_page = new_page(viewport=PHONE), new_page(viewport=PHONE)
    register(ada_page, base, barcamp, "Ada Lovelace", "ada@example.org")
    confirm(ada_page, base, "ada@example.org")
    register(grace_page, base, barcamp, "Grace Hopper", "grace@example.org")
    confirm(grace_page, base, "grace@example.org")

    ada_page.get_by_label("Role").fill("Mathematikerin")
    ada_page.get_by_label("About me").fill("Ich rechne gern.")
    ada_page.get_by_label("Link", exact=True).fill("https://ada.example.org")
    ada_page.get_by_role("button", name="Publish my profile").click()
    ada_page.get_by_text("Your profile is published in the directory.").wait_for()

    grace_page.get_by_role("link", name="Open the directory").click()
    grace_page.get_by_role("link", name="Ada Lovelace").click()
    shots(grace_page, "profile")
    assert_accessible(grace_page)
    grace_page.get_by_label("Your message").fill("Kaffee um zehn? Stichwort Rechenmaschine")
    grace_page.get_by_role("button", name="Send request").click()
    grace_page.get_by_text("Your request has been sent.").wait_for()
    notice = last_mail_to("ada@example.org")
    assert "Rechenmaschine" not in notice.body and "grace@example.org" not in notice.body

    ada_page.reload()
    assert ada_page.get_by_text("Kaffee um zehn?").is_visible()
    ada_page.get_by_role("button", name="Allow: mail it to me").click()
    ada_page.get_by_text("Your answer has been saved.").wait_for()
    message = last_mail_to("ada@example.org")
    assert "Rechenmaschine" in message.body and message.reply_to == ["grace@example.org"]
    assert ContactRequest.objects.get().status == ContactRequest.Status.ALLOWED

    outsider = new_page(viewport=PHONE)
    other = make_event(title="Anderes Barcamp", day=DAY, registration_enabled=True, capacity=5, directory_enabled=True)
    response = outsider.goto(
        f"{base}{other.url}participants/{Participant.objects.get(name='Ada Lovelace').token()}/directory/"
    )
    assert response.status == 404
    response = outsider.goto(f"{base}{barcamp.url}participants/1-{'0' * 32}/directory/{Profile.objects.get().pk}/")
    assert response.status == 404


@pytest.mark.parametrize("locale", ["de-DE", "en-GB"])
def test_the_participants_public_pages_are_accessible(live_server, barcamp, new_page, shots, locale):
    barcamp.capacity = 1
    barcamp.save_revision().publish()
    first = Participant.objects.create(
        event=barcamp, name="Ada Lovelace", email="ada@example.org", consent_at=timezone.now()
    )
    with transaction.atomic():
        seats.request_days(first, barcamp.event_days())
    seats.confirm(first)
    page = new_page(viewport=PHONE, locale=locale)
    base = live_server.url
    lang = locale[:2]
    urls = {
        "event": barcamp.url,
        "register": barcamp.url + "register/",
        "thanks": barcamp.url + "register/thanks/",
        "private": barcamp.url + f"participants/{first.token()}/",
        "directory": barcamp.url + f"participants/{first.token()}/directory/",
        "broken-link": barcamp.url + "participants/1-nothing/",
    }
    for name, url in urls.items():
        page.goto(base + url)
        assert page.locator("html").get_attribute("lang") == lang
        shots(page, f"{name}-{lang}")
        assert_accessible(page)
    page.goto(base + urls["register"])
    page.locator("form.barcamp-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".barcamp-field--error").count() >= 3
    assert_accessible(page)


@pytest.mark.parametrize("locale", ["en-GB", "de-DE"])
def test_the_participants_documentation_screenshots(live_server, barcamp, organiser, new_page, locale):
    folder = image_folder(locale)
    base = live_server.url
    lang = locale[:2]
    barcamp.capacity = 2
    barcamp.save_revision().publish()
    visitor = new_page(viewport=PHONE, locale=locale)
    visitor.goto(base + barcamp.url + "register/")
    visitor.screenshot(path=folder / "participants-register.png", full_page=True)
    people = seated(barcamp, 3)
    seats.cancel(people[0])
    offered = people[2]
    visitor.goto(base + barcamp.url + f"participants/{offered.token()}/")
    visitor.locator("section").first.screenshot(path=folder / "participants-offer.png")
    admin = new_page(viewport=DESKTOP, locale=locale)
    log_in(admin, base, organiser)
    admin.goto(f"{base}/admin/barcamp/participants/{barcamp.pk}/")
    admin.screenshot(path=folder / "participants-admin.png")
    door = new_page(viewport=PHONE, locale=locale)
    log_in(door, base, organiser)
    door.goto(f"{base}/admin/barcamp/participants/{barcamp.pk}/door/?day={DAY.isoformat()}")
    door.get_by_label("Search by name" if lang == "en" else "Nach Namen suchen").fill("Teil")
    door.screenshot(path=folder / "participants-door.png")
