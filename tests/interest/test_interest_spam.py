"""Spam and abuse on the sign-up form: the proposal form's defences, reused."""

import pytest
from django.core import mail
from django_recaptcha.client import RecaptchaResponse

from barcamp_wagtail.models import InterestSignup

from .conftest import Visitor

pytestmark = pytest.mark.django_db


def test_a_submission_google_calls_a_bot_is_not_stored(event, visitor, recaptcha):
    recaptcha.return_value = RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])

    response = visitor.send(event)

    assert response.status_code == 200
    assert "The spam protection did not accept this submission" in response.content.decode()
    assert not InterestSignup.objects.exists()


@pytest.mark.parametrize("failure", [OSError("unreachable"), ValueError("bad json"), KeyError("success")])
def test_when_google_fails_the_visitor_gets_a_clear_message(event, visitor, recaptcha, failure):
    recaptcha.side_effect = failure

    response = visitor.send(event)

    assert response.status_code == 200
    assert "We could not verify that you are human" in response.content.decode()
    assert not InterestSignup.objects.exists()


def test_google_is_told_the_client_address_not_a_forwarded_header(event, visitor, recaptcha):
    visitor.send(event, HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="198.51.100.7")

    assert recaptcha.call_args.kwargs["remoteip"] == "198.51.100.7"


def test_the_honeypot_catches_naive_bots(event, visitor):
    response = visitor.send(event, {"website": "https://spam.example"})

    assert response.status_code == 200
    assert "This submission looks automated" in response.content.decode()
    assert not InterestSignup.objects.exists()
    assert mail.outbox == []


def test_a_form_sent_back_too_fast_is_refused(event, visitor, spam_settings):
    spam_settings.BARCAMP_WAGTAIL |= {"PROPOSAL_MIN_SECONDS": 60}

    response = visitor.send(event)

    assert response.status_code == 200
    assert "faster than a person can type" in response.content.decode()
    assert not InterestSignup.objects.exists()


def test_a_forged_form_token_is_refused(event, visitor):
    response = visitor.send(event, {"form_token": "forged"})

    assert "This form could not be checked" in response.content.decode()
    assert not InterestSignup.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(event, visitor):
    response = visitor.send(event, {"csrfmiddlewaretoken": "wrong"})

    assert response.status_code == 403
    assert not InterestSignup.objects.exists()


def test_the_rate_limit_stops_a_flood_of_sign_ups(event, spam_settings):
    spam_settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 2, "PROPOSAL_RATE_WINDOW": 600}
    visitor = Visitor()

    responses = [visitor.send(event, {"email": f"victim{index}@example.org"}) for index in range(3)]

    assert [response.status_code for response in responses] == [303, 303, 429]
    assert responses[2]["Retry-After"] == "600"
    assert "Too many sign-ups were sent from your connection" in responses[2].content.decode()
    assert InterestSignup.objects.count() == 2


def test_the_rate_limit_counts_sign_ups_apart_from_proposals(event, spam_settings):
    from django.test import RequestFactory

    from barcamp_wagtail import ratelimit

    spam_settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1}
    ratelimit.hit("proposal", RequestFactory().get("/"))

    response = Visitor().send(event)

    assert response.status_code == 303
