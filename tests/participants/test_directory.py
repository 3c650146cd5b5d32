"""The networking directory: only for participants of the event, through their private link, never
public; contact requests reach the recipient's mailbox only after they allowed it."""

import datetime

import pytest
import time_machine
from django.test import Client

from barcamp_wagtail.models import ContactRequest, Profile, SessionProposal

from ..factories import make_session
from .conftest import Visitor, make_participant, make_registration_event, private_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return make_registration_event(capacity=10, directory_enabled=True)


def directory_path(participant):
    return participant.event.url + participant.event.reverse_subpage("directory", args=[participant.token()])


def profile_path(viewer, profile):
    return viewer.event.url + viewer.event.reverse_subpage("directory_profile", args=[viewer.token(), profile.pk])


def publish(participant, **fields):
    data = {"action": "profile", "role": "Entwicklerin", "about": "Offene Daten.", "allow_contact": "on", **fields}
    return Visitor().post(private_path(participant), data)


def test_a_participant_publishes_a_profile_that_another_participant_sees(event):
    ada, grace = make_participant(event, "Ada Lovelace"), make_participant(event, "Grace Hopper")
    assert publish(ada, link_1="https://ada.example.org").status_code == 303
    html = Client().get(directory_path(grace)).content.decode()
    assert "Ada Lovelace" in html
    assert "ada@example.org" not in html
    profile = Profile.objects.get()
    detail = Client().get(profile_path(grace, profile))
    assert detail.status_code == 200
    assert "https://ada.example.org" in detail.content.decode()
    assert detail["Cache-Control"] == "private, no-store"
    assert "noindex" in detail["X-Robots-Tag"]


def test_outsiders_guessed_links_waiting_and_other_events_get_404(event):
    ada = make_participant(event, "Ada Lovelace")
    publish(ada)
    profile = Profile.objects.get()
    other_event = make_registration_event(title="Anderes", capacity=10, directory_enabled=True)
    stranger = make_participant(other_event, "Hedy Lamarr")
    full = make_registration_event(title="Voll", capacity=1, directory_enabled=True)
    make_participant(full, "Katherine Johnson")
    waiting = make_participant(full, "Mary Jackson")
    unconfirmed = make_participant(event, "Annie Easley", confirm=False)

    assert Client().get(event.url + f"participants/{ada.pk}-{'a' * 32}/directory/").status_code == 404
    assert Client().get(other_event.url + f"participants/{ada.token()}/directory/").status_code == 404
    assert Client().get(event.url + f"participants/{stranger.token()}/directory/{profile.pk}/").status_code == 404
    assert Client().get(directory_path(waiting)).status_code == 404
    assert Client().get(directory_path(unconfirmed)).status_code == 404


def test_the_directory_is_off_unless_the_event_switches_it_on_and_closes_after_the_event(event, settings):
    ada = make_participant(event, "Ada Lovelace")
    settings.BARCAMP_WAGTAIL = settings.BARCAMP_WAGTAIL | {"DIRECTORY_OPEN_DAYS": 10}
    assert Client().get(directory_path(ada)).status_code == 200
    with time_machine.travel(event.end + datetime.timedelta(days=11)):
        assert Client().get(directory_path(ada)).status_code == 404
    plain = make_registration_event(title="Ohne Verzeichnis", capacity=5)
    grace = make_participant(plain, "Grace Hopper")
    assert Client().get(directory_path(grace)).status_code == 404
    assert "Networking directory" not in Client().get(private_path(grace)).content.decode()


def test_links_must_be_http_or_https(event):
    ada = make_participant(event, "Ada Lovelace")
    response = publish(ada, link_1="javascript:alert(1)")
    assert response.status_code == 400
    assert "starting with https:// or http://" in response.content.decode()
    assert not Profile.objects.exists()


def test_a_profile_is_withdrawn_at_any_moment(event):
    ada, grace = make_participant(event, "Ada Lovelace"), make_participant(event, "Grace Hopper")
    publish(ada)
    Visitor().post(private_path(ada), {"action": "withdraw-profile"})
    assert not Profile.objects.exists()
    assert "Ada Lovelace" not in Client().get(directory_path(grace)).content.decode()


def test_a_contact_message_is_mailed_only_after_the_recipient_allows_it(
    event, outbox, django_capture_on_commit_callbacks
):
    ada, grace = make_participant(event, "Ada Lovelace"), make_participant(event, "Grace Hopper")
    publish(ada)
    profile = Profile.objects.get()
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = Visitor().post(profile_path(grace, profile), {"message": "Lust auf einen Kaffee? Geheimwort 4711"})
    assert response.status_code == 200 and "Your request has been sent" in response.content.decode()
    assert [message.to for message in outbox] == [["ada@example.org"]]
    assert "4711" not in outbox[0].body and "grace@example.org" not in outbox[0].body
    assert not outbox[0].reply_to

    page = Client().get(private_path(ada)).content.decode()
    assert "Geheimwort 4711" in page
    contact = ContactRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        Visitor().post(private_path(ada), {"action": "allow", "contact": contact.pk})
    assert len(outbox) == 2
    assert outbox[1].to == ["ada@example.org"] and outbox[1].reply_to == ["grace@example.org"]
    assert "Geheimwort 4711" in outbox[1].body


def test_a_declined_request_mails_nothing_and_others_cannot_answer_it(
    event, outbox, django_capture_on_commit_callbacks
):
    ada, grace = make_participant(event, "Ada Lovelace"), make_participant(event, "Grace Hopper")
    publish(ada)
    with django_capture_on_commit_callbacks(execute=True):
        Visitor().post(profile_path(grace, Profile.objects.get()), {"message": "Hallo"})
    contact = ContactRequest.objects.get()
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Visitor().post(private_path(grace), {"action": "allow", "contact": contact.pk})  # not hers to allow
        Visitor().post(private_path(ada), {"action": "decline-contact", "contact": contact.pk})
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.DECLINED
    assert outbox == []


def test_contact_requests_are_rate_limited(event, settings, django_capture_on_commit_callbacks):
    settings.BARCAMP_WAGTAIL = settings.BARCAMP_WAGTAIL | {"CONTACT_RATE_LIMIT": 2}
    sender = make_participant(event, "Grace Hopper")
    for number in range(3):
        publish(make_participant(event, f"Person {number}"))
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for profile in Profile.objects.all():
            statuses.append(Visitor().post(profile_path(sender, profile), {"message": "Hallo"}).status_code)
    assert statuses == [200, 200, 429]
    assert ContactRequest.objects.count() == 2


def test_a_profile_without_contact_takes_no_requests(event):
    ada, grace = make_participant(event, "Ada Lovelace"), make_participant(event, "Grace Hopper")
    publish(ada, allow_contact="")
    response = Visitor().post(profile_path(grace, Profile.objects.get()), {"message": "Hallo"})
    assert "Send request" not in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_hosts_are_linked_to_their_sessions_when_both_agreed(event):
    ada, grace = make_participant(event, "Ada Lovelace"), make_participant(event, "Grace Hopper")
    session = make_session(event, "Open Data für alle", hosts="Ada Lovelace")
    for show_name in (True, False):
        SessionProposal.objects.create(
            event=event,
            title="Open Data für alle" if show_name else "Geheim",
            abstract="x",
            name="Ada Lovelace",
            email="ada@example.org",
            show_name=show_name,
            status=SessionProposal.Status.ACCEPTED,
            session=session if show_name else make_session(event, "Geheim"),
            nonce=f"n-{show_name}",
        )
    publish(ada, link_sessions="on")
    html = Client().get(profile_path(grace, Profile.objects.get())).content.decode()
    assert "Open Data für alle" in html and "Geheim" not in html
    publish(ada)  # without link_sessions
    html = Client().get(profile_path(grace, Profile.objects.get())).content.decode()
    assert "Open Data für alle" not in html


def test_the_directory_is_absent_from_search_sitemap_and_api(event, client):
    from django.contrib.sites.requests import RequestSite
    from django.test import RequestFactory
    from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
    from wagtail.models import Page

    ada = make_participant(event, "Ada Lovelace", organisation="Analytical Engines")
    publish(ada, about="Einzigartiges Profilwort")
    results = Page.objects.live().search("Einzigartiges")
    assert list(results) == []
    assert client.get("/search/?q=Einzigartiges").status_code in (200, 404)
    request = RequestFactory().get("/", SERVER_NAME="localhost")
    urls = [entry["location"] for entry in Sitemap(request=request).get_urls(site=RequestSite(request))]
    assert any(event.url in url for url in urls)
    assert not any("participants" in url or "register" in url for url in urls)


def test_the_api_shows_nothing_of_participants_or_profiles(event, client):
    ada = make_participant(event, "Ada Lovelace", organisation="Analytical Engines")
    publish(ada, about="Einzigartiges Profilwort")
    for url in (f"/api/v2/pages/{event.pk}/", "/api/v2/pages/"):
        text = client.get(url, {"format": "json", "fields": "*"}).content.decode()
        assert "Ada Lovelace" not in text and "Einzigartiges" not in text and "ada@example.org" not in text
