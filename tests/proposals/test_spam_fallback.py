"""The check without Google: a visitor who cannot or will not load reCAPTCHA solves the site's own
proof-of-work challenge; the check stays fail-closed and such proposals are marked in the inbox."""

import datetime
import html
import json
import re

import altcha
import pytest
import time_machine
from django.contrib.auth.models import Group, Permission

from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor

pytestmark = pytest.mark.django_db

INBOX = "/admin/barcamp_wagtail/sessionproposal/"


def challenge_in(page_html):
    match = re.search(r'<altcha-widget [^>]*challenge="([^"]+)"', page_html)
    return altcha.Challenge.from_dict(json.loads(html.unescape(match.group(1))))


def solve(page_html):
    """What the widget does in the browser: solve the challenge and encode the answer."""
    challenge = challenge_in(page_html)
    return altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()


@pytest.fixture(autouse=True)
def cheap_challenge(proposal_settings):
    proposal_settings.BARCAMP_WAGTAIL |= {"PROPOSAL_CHALLENGE_COST": 10}


def test_a_proposal_goes_through_with_the_check_without_google(proposal_page, visitor, recaptcha):
    page_html = visitor.open(proposal_page).content.decode()

    response = visitor.send(proposal_page, {"g-recaptcha-response": None, "challenge": solve(page_html)}, reopen=False)

    assert response.status_code == 303
    assert not recaptcha.called
    assert SessionProposal.objects.get().spam_check == "challenge"


def test_a_proposal_checked_by_google_is_marked_so(proposal_page, visitor):
    visitor.send(proposal_page)

    assert SessionProposal.objects.get().spam_check == "recaptcha"


def test_the_inbox_marks_proposals_checked_without_google(proposal_page, visitor, client, django_user_model):
    page_html = visitor.open(proposal_page).content.decode()
    visitor.send(proposal_page, {"g-recaptcha-response": None, "challenge": solve(page_html)}, reopen=False)
    visitor.send(proposal_page, {"title": "Mit Google geprüft"})
    user = django_user_model.objects.create_user("mo", "mo@example.org", "password")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.get(codename="view_sessionproposal"))
    client.force_login(user)

    listing = client.get(INBOX).content.decode()
    filtered = client.get(INBOX, {"spam_check__exact": "challenge"}).content.decode()

    assert listing.count("checked without Google") == 1
    assert "Open Data für Kommunen" in filtered and "Mit Google geprüft" not in filtered


def test_a_solved_challenge_counts_once(proposal_page, visitor):
    answer = solve(visitor.open(proposal_page).content.decode())
    first = visitor.send(proposal_page, {"g-recaptcha-response": None, "challenge": answer}, reopen=False)

    again = Visitor().send(proposal_page, {"g-recaptcha-response": None, "challenge": answer, "title": "Noch mal"})

    assert first.status_code == 303
    assert "The check without Google did not succeed" in again.content.decode()
    assert SessionProposal.objects.count() == 1


def test_a_challenge_the_site_did_not_sign_is_refused(proposal_page, visitor):
    visitor.open(proposal_page)
    forged = altcha.create_challenge(algorithm="PBKDF2/SHA-256", cost=10, hmac_secret="not the site's key")
    answer = altcha.Payload(forged, altcha.solve_challenge(forged)).to_base64()

    response = visitor.send(proposal_page, {"g-recaptcha-response": None, "challenge": answer}, reopen=False)

    assert "The check without Google did not succeed" in response.content.decode()
    assert not SessionProposal.objects.exists()


@pytest.mark.parametrize("answer", ["nonsense", "e30=", "x" * 5000], ids=["garbage", "empty-json", "huge"])
def test_garbage_instead_of_an_answer_is_refused_with_a_message(proposal_page, visitor, answer):
    response = visitor.send(proposal_page, {"g-recaptcha-response": None, "challenge": answer})

    assert response.status_code == 200
    assert "The check without Google did not succeed" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_an_expired_challenge_is_refused(proposal_page, visitor, settings):
    answer = solve(visitor.open(proposal_page).content.decode())
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=5), tick=False):
        # A fresh form (the time trap would refuse the old one), with the old answer.
        response = visitor.send(proposal_page, {"g-recaptcha-response": None, "challenge": answer})

    assert "The check without Google did not succeed" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_without_any_check_nothing_is_stored_and_both_ways_are_named(proposal_page, visitor, recaptcha):
    response = visitor.send(proposal_page, {"g-recaptcha-response": None})

    page_html = response.content.decode()
    assert "Please confirm that you are not a robot: with Google reCAPTCHA, or with the check without Google." in (
        html.unescape(page_html)
    )
    assert not recaptcha.called
    assert not SessionProposal.objects.exists()


def test_the_fallback_can_be_switched_off_and_then_only_google_counts(proposal_page, visitor, settings):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_CHALLENGE": False}
    page_html = visitor.open(proposal_page).content.decode()

    response = visitor.send(proposal_page, {"g-recaptcha-response": None, "challenge": "anything"}, reopen=False)

    assert "<altcha-widget" not in page_html
    assert "Please confirm that you are not a robot." in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_the_check_without_google_can_be_the_only_one(proposal_page, visitor, settings, recaptcha):
    settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_CHALLENGE": True}
    page_html = visitor.open(proposal_page).content.decode()

    missing = Visitor().send(proposal_page, {"g-recaptcha-response": None})
    sent = visitor.send(proposal_page, {"challenge": solve(page_html)}, reopen=False)

    assert "Load Google reCAPTCHA" not in page_html
    assert "Please confirm that you are not a robot." in missing.content.decode()
    assert sent.status_code == 303
    assert not recaptcha.called


def test_the_widget_and_its_challenge_come_from_the_site_itself(proposal_page, visitor):
    page_html = visitor.open(proposal_page).content.decode()

    sources = re.findall(r'<script[^>]* src="([^"]+)"', page_html)
    assert sources and all(source.startswith("/static/") for source in sources)
    assert "/static/barcamp_wagtail/vendor/altcha/altcha.min.js" in sources
    assert '"hideFooter": true' in page_html and '"humanInteractionSignature": false' in page_html
