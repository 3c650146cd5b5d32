"""The registration and proposal forms' short URLs (``barcamp_wagtail.urls``, direct_post.py):
what a visitor sends is stored as through the page's URL, with fewer queries, and every refusal
of Wagtail's routing (unpublished, restricted, a host site's hook) still refuses."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches
from wagtail import hooks
from wagtail.models import PageViewRestriction

from barcamp_wagtail.models import Participant, SessionProposal
from barcamp_wagtail.participants.models import Booking
from tests.factories import make_proposal_page
from tests.participants.conftest import VALID as REGISTRATION
from tests.participants.conftest import hidden, make_registration_event, register_url
from tests.proposals.conftest import VALID as PROPOSAL
from tests.proposals.conftest import proposal_settings, recaptcha  # noqa: F401  (autouse: no time trap, Google says yes)

ACTION = re.compile(r'<form method="post" action="([^"]*)" class="barcamp-form"')


@pytest.fixture
def event(db):
    return make_registration_event(capacity=10)


def open_form(client, url):
    html = client.get(url).content.decode()
    return ACTION.search(html).group(1), {
        "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
        "form_token": hidden(html, "form_token"),
    }


def test_the_registration_form_posts_to_its_short_url_and_the_registration_is_stored(event):
    client = Client(enforce_csrf_checks=True)
    action, tokens = open_form(client, register_url(event))
    assert action == f"/barcamp/post/{event.pk}/register/"

    response = client.post(action, {**REGISTRATION, **tokens})

    assert response.status_code == 303
    assert response["Location"] == event.url + event.reverse_subpage("register_thanks")
    participant = Participant.objects.get(event=event)
    assert (participant.name, participant.email) == ("Ada Lovelace", "ada@example.org")
    assert response.wsgi_request.path == action
    # Stored as through the page's URL: waiting for the address to be confirmed, no seat yet.
    assert not Booking.objects.filter(participant=participant).exclude(status=Booking.Status.REQUESTED).exists()


def test_the_proposal_form_posts_to_its_short_url_and_the_proposal_is_stored(event):
    page = make_proposal_page(event)
    client = Client(enforce_csrf_checks=True)
    action, tokens = open_form(client, page.url)
    assert action == f"/barcamp/post/{page.pk}/propose/"

    response = client.post(action, {**PROPOSAL, **tokens})

    assert response.status_code == 303
    assert response["Location"] == page.url + page.reverse_subpage("thanks")
    assert SessionProposal.objects.get(event=event).title == "Open Data für Kommunen"


def test_a_bad_form_is_answered_at_the_short_url_with_the_form_and_its_messages(event):
    client = Client(enforce_csrf_checks=True)
    action, tokens = open_form(client, register_url(event))

    response = client.post(action, {**REGISTRATION, **tokens, "email": "not an address"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "You are not registered yet. Please check the marked fields." in html
    assert ACTION.search(html).group(1) == action  # sent again to the same place
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not Participant.objects.exists()


def test_the_short_url_posts_with_fewer_queries_than_the_page_url(event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url, number):
        client = Client()
        _action, tokens = open_form(client, register_url(event))
        data = {**REGISTRATION, **tokens, "email": f"person{number}@example.org"}
        with CaptureQueriesContext(connection) as captured:
            assert client.post(url, data).status_code == 303
        return len(captured.captured_queries)

    through_page = queries(register_url(event), 1)
    short = queries(f"/barcamp/post/{event.pk}/register/", 2)
    # The page's URL: the Site, the home page, the pages on the path, the event as itself
    # (barcamp_wagtail.routing); the short URL: the event in one query. The rest (the view
    # restrictions in one query, the form token's nonce, the rows stored) is the same.
    assert (short, through_page) == (7, 10)
    assert Participant.objects.count() == 2


def test_opening_the_short_url_leads_to_the_form_on_the_page(event):
    page = make_proposal_page(event)
    response = Client().get(f"/barcamp/post/{event.pk}/register/")
    assert (response.status_code, response["Location"]) == (303, register_url(event))
    response = Client().get(f"/barcamp/post/{page.pk}/propose/")
    assert (response.status_code, response["Location"]) == (303, page.url)


@pytest.mark.parametrize(
    "url",
    [
        "/barcamp/post/{event}/propose/",  # an event is no proposal page
        "/barcamp/post/{proposals}/register/",  # and a proposal page no event
        "/barcamp/post/{event}/unknown/",
        "/barcamp/post/999999/register/",
        "/barcamp/post/99999999999999999999999/register/",
    ],
)
def test_a_short_url_of_no_such_form_is_not_found(event, url):
    page = make_proposal_page(event)
    response = Client().post(url.format(event=event.pk, proposals=page.pk), REGISTRATION)
    assert response.status_code == 404
    assert not Participant.objects.exists() and not SessionProposal.objects.exists()


def test_an_unpublished_event_takes_no_registration_at_its_short_url(event):
    url = f"/barcamp/post/{event.pk}/register/"
    event.unpublish()
    assert Client().post(url, REGISTRATION).status_code == 404
    assert Client().post(register_url(event), REGISTRATION).status_code == 404  # as at the page's URL
    assert not Participant.objects.exists()


def test_a_page_outside_every_site_takes_nothing_at_its_short_url(event):
    from wagtail.models import Site

    url = f"/barcamp/post/{event.pk}/register/"
    Site.objects.all().delete()
    assert Client().post(url, REGISTRATION).status_code == 404
    assert not Participant.objects.exists()


def test_a_password_restricted_event_asks_for_the_password_at_its_short_url_too(event):
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    short = Client().post(f"/barcamp/post/{event.pk}/register/", REGISTRATION)
    through_page = Client().post(register_url(event), REGISTRATION)
    assert short.status_code == through_page.status_code == 200  # Wagtail's password form
    assert b'name="password"' in short.content and b'name="password"' in through_page.content
    assert not Participant.objects.exists()


def test_an_event_for_logged_in_visitors_sends_others_to_the_log_in_at_its_short_url_too(event):
    PageViewRestriction.objects.create(page=event.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    short = Client().post(f"/barcamp/post/{event.pk}/register/", REGISTRATION)
    assert short.status_code == 302
    assert "login" in short["Location"] and "next=" in short["Location"]
    assert not Participant.objects.exists()


def test_a_host_sites_before_serve_page_hook_refuses_at_the_short_url_too(event):
    from django.http import HttpResponseForbidden

    def closed_for_maintenance(page, request, args, kwargs):
        return HttpResponseForbidden("closed for maintenance")

    with hooks.register_temporarily("before_serve_page", closed_for_maintenance):
        response = Client().post(f"/barcamp/post/{event.pk}/register/", REGISTRATION)
    assert (response.status_code, response.content) == (403, b"closed for maintenance")
    assert not Participant.objects.exists()


URLS_WITHOUT_THE_APP = "tests.urls_without_barcamp"


@pytest.fixture
def site_without_the_apps_urls():
    with override_settings(ROOT_URLCONF=URLS_WITHOUT_THE_APP):
        clear_url_caches()
        yield
    clear_url_caches()


def test_without_the_apps_urls_the_forms_post_to_their_pages(event, site_without_the_apps_urls):
    page = make_proposal_page(event)
    client = Client(enforce_csrf_checks=True)
    action, tokens = open_form(client, register_url(event))
    assert action == register_url(event)
    assert client.post(action, {**REGISTRATION, **tokens}).status_code == 303
    action, tokens = open_form(client, page.url)
    assert action == page.url
    assert client.post(action, {**PROPOSAL, **tokens}).status_code == 303
    assert Participant.objects.count() == SessionProposal.objects.count() == 1
