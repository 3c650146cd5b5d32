"""The double opt-in: sign up through the block, confirm through the mailed link, and nothing more."""

import datetime
from urllib.parse import urlsplit

import django
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from barcamp_wagtail.models import InterestSignup
from tests.factories import make_event

from .conftest import Visitor, add_signup_block, confirm_link, hidden

pytestmark = pytest.mark.django_db

NEUTRAL = "We have sent a link to the address you gave."


def sign_up(page, visitor, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.send(page, data)
    return response


def confirm_page(client, link):
    return client.get(urlsplit(link).path)


def press_button(link):
    """Open the confirmation link in a browser with CSRF checks and press the button."""
    browser = Client(enforce_csrf_checks=True)
    page = confirm_page(browser, link)
    token = hidden(page.content.decode(), "csrfmiddlewaretoken")
    return browser.post(urlsplit(link).path, {"csrfmiddlewaretoken": token})


def test_the_event_page_shows_the_sign_up_form_of_the_block(event, client):
    html = client.get(event.url).content.decode()

    assert "Next year again?" in html
    assert "We use your address for this one message." in html
    assert f'action="{event.url}next-edition/"' in html
    assert 'name="email"' in html and 'name="form_token"' in html


def test_a_visitor_confirms_through_the_mailed_link_and_only_then_counts(
    event, visitor, django_capture_on_commit_callbacks
):
    response = sign_up(event, visitor, django_capture_on_commit_callbacks)

    assert response.status_code == 303
    thanks = visitor.client.get(response["Location"])
    assert NEUTRAL in thanks.content.decode()
    signup = InterestSignup.objects.get()
    assert (signup.email, signup.name, signup.event_id, signup.confirmed_at) == (
        "ada@example.org",
        "Ada Lovelace",
        event.pk,
        None,
    )
    assert not InterestSignup.objects.confirmed().exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Barcamp 2026" in message.subject
    link = confirm_link(message)
    # Built from the Wagtail Site, not from the request's Host header.
    assert link.startswith("http://localhost/")

    page = confirm_page(Client(), link)
    assert page.status_code == 200
    assert "Confirm your e-mail address" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex" and page["Referrer-Policy"] == "same-origin"
    signup.refresh_from_db()
    assert signup.confirmed_at is None, "opening the link alone must not confirm (mail scanners open links)"

    confirmed = press_button(link)

    assert confirmed.status_code == 200
    assert "Your address is confirmed." in confirmed.content.decode()
    signup.refresh_from_db()
    assert signup.confirmed_at is not None
    assert list(InterestSignup.objects.confirmed()) == [signup]


def test_the_confirm_button_needs_the_csrf_token(event, visitor, django_capture_on_commit_callbacks):
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])

    response = Client(enforce_csrf_checks=True).post(urlsplit(link).path)

    assert response.status_code == 403
    assert InterestSignup.objects.get().confirmed_at is None


def test_a_link_used_twice_is_fine(event, visitor, django_capture_on_commit_callbacks):
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])
    press_button(link)
    first = InterestSignup.objects.get().confirmed_at

    reopened = confirm_page(Client(), link)
    again = press_button(link)

    assert "Your address is confirmed." in reopened.content.decode()
    assert again.status_code == 200
    assert "Your address is confirmed." in again.content.decode()
    assert InterestSignup.objects.get().confirmed_at == first


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-3] + "abc",
        lambda token: "x" + token,
        lambda token: "nonsense",
    ],
    ids=["signature", "payload", "garbage"],
)
def test_a_tampered_link_gives_a_clear_page(event, visitor, django_capture_on_commit_callbacks, mangle):
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])
    prefix, token = link.split("/next-edition/confirm/")
    bad = f"{urlsplit(prefix).path}/next-edition/confirm/{mangle(token.rstrip('/'))}/"

    browser = Client()
    for response in (browser.get(bad), browser.post(bad)):
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert InterestSignup.objects.get().confirmed_at is None


def test_a_link_with_characters_no_route_takes_is_a_plain_404(event, visitor, django_capture_on_commit_callbacks):
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    prefix, token = urlsplit(confirm_link(mail.outbox[0])).path.split("/next-edition/confirm/")

    response = Client().post(f"{prefix}/next-edition/confirm/{token.rstrip('/').replace('/', ':')}/")

    assert response.status_code == 404


def test_an_expired_link_gives_a_clear_page(event, visitor, django_capture_on_commit_callbacks, time_machine, settings):
    settings.BARCAMP_WAGTAIL |= {"INTEREST_CONFIRM_DAYS": 2}
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])
    assert "The link is valid for 2 days." in mail.outbox[0].body

    time_machine.move_to(timezone.now() + datetime.timedelta(days=3))
    response = Client().post(urlsplit(link).path)

    assert response.status_code == 404
    assert "older than 2 days" in response.content.decode()
    assert InterestSignup.objects.get().confirmed_at is None


def test_a_link_of_one_event_does_not_confirm_under_another(event, visitor, django_capture_on_commit_callbacks):
    other = make_event(title="Other barcamp")
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    token = confirm_link(mail.outbox[0]).split("/next-edition/confirm/")[1]

    response = Client().post(f"{other.url}next-edition/confirm/{token}")

    assert response.status_code == 404
    assert InterestSignup.objects.get().confirmed_at is None


def test_signing_up_twice_keeps_one_entry_resends_the_mail_and_says_the_same(
    event, visitor, django_capture_on_commit_callbacks
):
    first = sign_up(event, visitor, django_capture_on_commit_callbacks)
    InterestSignup.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=1))

    second = sign_up(event, Visitor(), django_capture_on_commit_callbacks, email="ADA@example.org")

    assert InterestSignup.objects.count() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["ada@example.org"]
    assert first["Location"] == second["Location"]


def test_signing_up_again_within_minutes_sends_no_second_mail(event, visitor, django_capture_on_commit_callbacks):
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    response = sign_up(event, Visitor(), django_capture_on_commit_callbacks)

    assert response.status_code == 303
    assert InterestSignup.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_confirmed_address_is_not_told_apart_and_not_changed(event, visitor, django_capture_on_commit_callbacks):
    sign_up(event, visitor, django_capture_on_commit_callbacks)
    press_button(confirm_link(mail.outbox[0]))
    new_visitor = Visitor()

    response = sign_up(event, new_visitor, django_capture_on_commit_callbacks, name="Mallory")

    assert response.status_code == 303
    assert NEUTRAL in new_visitor.client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    signup = InterestSignup.objects.get()
    assert signup.name == "Ada Lovelace" and signup.confirmed_at is not None


def test_the_same_address_may_sign_up_for_two_events(event, django_capture_on_commit_callbacks):
    other = add_signup_block(make_event(title="Other barcamp"))

    sign_up(event, Visitor(), django_capture_on_commit_callbacks)
    sign_up(other, Visitor(), django_capture_on_commit_callbacks)

    assert InterestSignup.objects.count() == 2
    assert len(mail.outbox) == 2


def test_only_the_forms_fields_are_read(event, visitor, django_capture_on_commit_callbacks):
    other = make_event(title="Other barcamp")

    sign_up(
        event,
        visitor,
        django_capture_on_commit_callbacks,
        confirmed_at="2020-01-01T00:00:00Z",
        event=str(other.pk),
        language="xx",
        confirm_key="chosen",
    )

    signup = InterestSignup.objects.get()
    assert signup.event_id == event.pk
    assert signup.confirmed_at is None
    assert signup.confirm_key != "chosen"
    assert signup.language == "en"


def test_the_name_is_optional(event, visitor, django_capture_on_commit_callbacks):
    response = sign_up(event, visitor, django_capture_on_commit_callbacks, name=None)

    assert response.status_code == 303
    assert InterestSignup.objects.get().name == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "This field is required."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"email": "a" * 250 + "@example.org"}, "Ensure this value has at most 254 characters"),
        ({"name": "Ada\nLovelace"}, "Please write this on one line."),
        ({"name": "Ada\u202eLovelace"}, "characters that are not allowed"),
        ({"name": "x" * 101}, "Ensure this value has at most 100 characters"),
    ],
    ids=["missing", "invalid", "too-long", "line-break", "bidi", "long-name"],
)
def test_bad_input_is_refused_with_a_message(event, visitor, django_capture_on_commit_callbacks, data, message):
    response = sign_up(event, visitor, django_capture_on_commit_callbacks, **data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "You have not been signed up yet." in html
    assert not InterestSignup.objects.exists()
    assert mail.outbox == []


def test_the_mail_carries_no_visitor_text(event, visitor, django_capture_on_commit_callbacks):
    sign_up(event, visitor, django_capture_on_commit_callbacks, name="Buy pills at https://spam.example")

    assert "spam.example" not in mail.outbox[0].body
    assert "Buy pills" not in mail.outbox[0].subject + mail.outbox[0].body


def test_visitor_text_is_escaped_when_the_form_is_shown_again(event, visitor, django_capture_on_commit_callbacks):
    response = sign_up(event, visitor, django_capture_on_commit_callbacks, email="<script>x</script>@example.org")

    html = response.content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html


def test_the_next_edition_page_offers_the_form_on_its_own(event, client):
    response = client.get(f"{event.url}next-edition/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tell me about the next barcamp" in html
    assert 'name="email"' in html


def test_a_broken_mail_server_does_not_break_the_sign_up(
    event, visitor, django_capture_on_commit_callbacks, settings, caplog
):
    backend = "tests.interest.test_interest_signup.BrokenBackend"
    if django.VERSION >= (6, 1):
        settings.MAILERS = {"default": {"BACKEND": backend}}
    else:
        settings.EMAIL_BACKEND = backend

    response = sign_up(event, visitor, django_capture_on_commit_callbacks)

    assert response.status_code == 303
    assert InterestSignup.objects.count() == 1
    assert "Could not send the confirmation mail" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_sign_ups_are_not_in_the_search_index():
    from wagtail.search.index import get_indexed_models

    assert InterestSignup not in get_indexed_models()
