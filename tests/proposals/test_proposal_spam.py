"""Spam and abuse: reCAPTCHA (mocked at its client), honeypot, time trap and rate limit."""

import json
from unittest import mock
from urllib.error import HTTPError, URLError

import pytest
from django_recaptcha.client import RecaptchaResponse
from django_recaptcha.client import submit as real_submit

from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor

pytestmark = pytest.mark.django_db

COULD_NOT_VERIFY = "We could not verify that you are human"


def test_a_submission_google_calls_a_bot_is_not_stored(proposal_page, visitor, recaptcha):
    recaptcha.return_value = RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])

    response = visitor.send(proposal_page)

    assert response.status_code == 200
    assert "The spam protection did not accept this submission" in response.content.decode()
    assert not SessionProposal.objects.exists()


@pytest.mark.parametrize(
    "failure",
    [
        URLError("Name or service not known"),
        HTTPError("https://www.google.com/recaptcha/api/siteverify", 500, "Server Error", {}, None),
        TimeoutError("timed out"),
        TimeoutError("timed out"),
        json.JSONDecodeError("Expecting value", "<html>", 0),
        KeyError("success"),
    ],
    ids=["unreachable", "http-error", "socket-timeout", "timeout", "bad-json", "empty-reply"],
)
def test_when_google_fails_the_visitor_gets_a_clear_message_and_nothing_is_stored(
    proposal_page, visitor, recaptcha, failure
):
    recaptcha.side_effect = failure

    response = visitor.send(proposal_page)

    assert response.status_code == 200
    assert COULD_NOT_VERIFY in response.content.decode()
    assert not SessionProposal.objects.exists()
    # What the visitor typed is still there for the next try.
    assert "Open Data für Kommunen" in response.content.decode()


@pytest.mark.parametrize("reply", [b"{}", b"<html>busy</html>", b""], ids=["empty-json", "html", "nothing"])
def test_garbage_from_google_through_the_real_client_becomes_a_form_error(proposal_page, visitor, reply):
    """The library's own parsing of the reply raises KeyError or JSONDecodeError: never a 500."""
    answer = mock.Mock()
    answer.read.return_value = reply
    with (
        mock.patch("django_recaptcha.fields.client.submit", new=real_submit),
        mock.patch("django_recaptcha.client.recaptcha_request", return_value=answer),
    ):
        response = visitor.send(proposal_page)

    assert response.status_code == 200
    assert COULD_NOT_VERIFY in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_the_verify_request_uses_the_short_timeout(proposal_page, visitor):
    with (
        mock.patch("django_recaptcha.fields.client.submit", new=real_submit),
        mock.patch("django_recaptcha.client.build_opener") as build_opener,
    ):
        build_opener.return_value.open.side_effect = TimeoutError("timed out")
        response = visitor.send(proposal_page)

    assert build_opener.return_value.open.call_args.kwargs["timeout"] == 3
    assert COULD_NOT_VERIFY in response.content.decode()


def test_a_missing_recaptcha_answer_asks_the_visitor_to_confirm(proposal_page, visitor, recaptcha):
    response = visitor.send(proposal_page, {"g-recaptcha-response": None})

    assert "Please confirm that you are not a robot" in response.content.decode()
    assert not recaptcha.called
    assert not SessionProposal.objects.exists()


def test_google_is_told_the_client_address_not_a_forwarded_header(proposal_page, recaptcha):
    visitor = Visitor(REMOTE_ADDR="192.0.2.7")

    visitor.send(proposal_page, HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert recaptcha.call_args.kwargs["remoteip"] == "192.0.2.7"


def test_googles_script_is_not_in_the_page_until_the_visitor_asks_for_it(proposal_page, visitor):
    html = visitor.open(proposal_page).content.decode()

    assert '<script src="https://www.google.com' not in html
    assert 'data-src="https://www.google.com/recaptcha/api.js?render=explicit&amp;hl=en"' in html
    assert 'data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"' in html
    assert "Load Google reCAPTCHA" in html
    assert "<altcha-widget" in html


def test_recaptcha_v3_can_be_configured(proposal_page, visitor, settings, recaptcha):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RECAPTCHA_VERSION": 3, "PROPOSAL_RECAPTCHA_SCORE": 0.7}
    recaptcha.return_value = RecaptchaResponse(is_valid=True, extra_data={"score": 0.3}, action="proposal")

    html = visitor.open(proposal_page).content.decode()
    response = visitor.send(proposal_page, {"captcha": "v3-token"}, reopen=False)

    assert 'data-version="3"' in html and "api.js?render=6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI" in html
    assert "The spam protection did not accept this submission" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_recaptcha_v3_lets_a_good_score_through(proposal_page, visitor, settings, recaptcha):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RECAPTCHA_VERSION": 3}
    recaptcha.return_value = RecaptchaResponse(is_valid=True, extra_data={"score": 0.9}, action="proposal")

    assert visitor.send(proposal_page, {"captcha": "v3-token"}).status_code == 303
    assert SessionProposal.objects.count() == 1


def test_recaptcha_can_be_switched_off(proposal_page, visitor, settings, recaptcha):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RECAPTCHA": False}

    html = visitor.open(proposal_page).content.decode()
    response = visitor.send(proposal_page, {"g-recaptcha-response": None}, reopen=False)

    assert "g-recaptcha" not in html
    assert response.status_code == 303
    assert not recaptcha.called


def test_a_filled_honeypot_is_not_stored(proposal_page, visitor, recaptcha):
    response = visitor.send(proposal_page, {"website": "https://spam.example"})

    assert response.status_code == 200
    assert "looks automated" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_a_form_sent_faster_than_a_person_can_type_is_refused(proposal_page, visitor, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_MIN_SECONDS": 60}

    response = visitor.send(proposal_page)

    assert "faster than a person can type" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_a_form_left_open_too_long_asks_for_a_reload(proposal_page, visitor, settings):
    visitor.open(proposal_page)
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_MAX_SECONDS": -1}

    response = visitor.send(proposal_page, reopen=False)

    assert "open for too long" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_a_forged_form_token_is_refused(proposal_page, visitor):
    response = visitor.send(proposal_page, {"form_token": '{"n": "x", "t": 0}'})

    assert "could not be checked" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_a_corrected_form_can_be_sent_although_the_time_trap_is_on(proposal_page, visitor, settings):
    visitor.send(proposal_page, {"title": ""})
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_MIN_SECONDS": 0}
    response = visitor.send(proposal_page)

    assert response.status_code == 303


def test_too_many_submissions_from_one_address_get_429_with_the_form(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 2}
    visitor = Visitor(REMOTE_ADDR="198.51.100.1")

    first = visitor.send(proposal_page, {"title": "One"})
    second = visitor.send(proposal_page, {"title": "Two"})
    third = visitor.send(proposal_page, {"title": "Three"})

    assert first.status_code == second.status_code == 303
    assert third.status_code == 429
    html = third.content.decode()
    assert "Too many proposals were sent from your connection" in html
    assert 'name="title"' in html and "Three" in html
    assert SessionProposal.objects.count() == 2


def test_the_rate_limit_counts_each_address_separately(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1}

    assert Visitor(REMOTE_ADDR="198.51.100.1").send(proposal_page).status_code == 303
    assert Visitor(REMOTE_ADDR="198.51.100.1").send(proposal_page).status_code == 429
    assert Visitor(REMOTE_ADDR="198.51.100.2").send(proposal_page).status_code == 303


def test_a_forwarded_header_is_ignored_unless_it_is_trusted(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1}
    visitor = Visitor(REMOTE_ADDR="10.0.0.1")

    visitor.send(proposal_page, HTTP_X_FORWARDED_FOR="203.0.113.1")
    response = visitor.send(proposal_page, HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_limited(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1, "CLIENT_ADDRESS_HEADER": "HTTP_X_FORWARDED_FOR"}
    visitor = Visitor(REMOTE_ADDR="10.0.0.1")

    first = visitor.send(proposal_page, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.1")
    other = visitor.send(proposal_page, HTTP_X_FORWARDED_FOR="203.0.113.2")
    again = visitor.send(proposal_page, HTTP_X_FORWARDED_FOR="anything, 203.0.113.1")

    assert (first.status_code, other.status_code, again.status_code) == (303, 303, 429)


def test_the_rate_limit_window_ends(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1}
    visitor = Visitor(REMOTE_ADDR="198.51.100.3")
    visitor.send(proposal_page)
    from django.core.cache import cache

    cache.clear()  # what the cache does when the window's timeout passes

    assert visitor.send(proposal_page).status_code == 303


def test_the_429_page_says_when_to_come_back(proposal_page, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1, "PROPOSAL_RATE_WINDOW": 600}
    visitor = Visitor()
    visitor.send(proposal_page)

    assert visitor.send(proposal_page)["Retry-After"] == "600"
