"""The spam check in the browser: Google's script loads only after the visitor's click, a blocked
Google gets a plain message, and the check without Google sends the proposal with no request
leaving the site."""

import datetime
import re
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse

from barcamp_wagtail.models import InterestSignup, SessionProposal

from ..factories import make_event, make_proposal_page
from ..interest.conftest import add_signup_block
from .conftest import PHONE, assert_accessible
from .test_doc_screenshots import image_folder

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = timezone.localdate() + datetime.timedelta(days=30)
GOOGLE = re.compile(r"^https?://([^/]*\.)?(google\.com|gstatic\.com|recaptcha\.net)/")

# What Google's api.js does for the form, enough to test the page around it: render() puts the
# answer into the form, and the onload callback named in the URL is called.
GOOGLE_STUB = """
window.grecaptcha = {
  render: function (slot) {
    var answer = document.createElement("textarea");
    answer.name = "g-recaptcha-response"; answer.value = "token-from-google"; answer.hidden = true;
    slot.appendChild(answer);
    slot.insertAdjacentHTML("beforeend", "<p>reCAPTCHA: checked</p>");
    return 0;
  },
  ready: function (callback) { callback(); },
  execute: function () { return Promise.resolve("token-from-google"); }
};
window[new URL(document.currentScript.src).searchParams.get("onload")]();
"""


@pytest.fixture
def call(live_server, settings):
    """An open call for sessions with reCAPTCHA on (and the check without Google beside it)."""
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    event = make_event(title="Barcamp ohne Google", day=DAY)
    return make_proposal_page(event)


def fill_proposal(page, title):
    page.get_by_label("Title of your session").fill(title)
    page.get_by_label("What is it about?").fill("Wie ein Formular ohne Google auskommt.")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your e-mail address").fill("ada@example.org")
    page.get_by_label("I agree that my proposal").check()


def elsewhere(requests, live_server):
    """The requests that went to another host than the site (the widget's workers are blob: URLs
    made in the page, which are no requests to anyone)."""
    own = urlsplit(live_server.url).netloc
    return [url for url in requests if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != own]


def record_requests(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_googles_script_loads_only_after_the_visitors_click(live_server, call, new_page, shots):
    page = new_page(viewport=PHONE)
    requests = record_requests(page)
    page.context.route(GOOGLE, lambda route: route.fulfill(content_type="text/javascript", body=GOOGLE_STUB))

    page.goto(live_server.url + call.url)
    fill_proposal(page, "Erst klicken, dann Google")
    page.wait_for_load_state("networkidle")
    before = [url for url in requests if GOOGLE.match(url)]
    shots(page, "before-consent")
    assert_accessible(page)

    page.get_by_role("button", name="Load Google reCAPTCHA").click()
    page.get_by_text("reCAPTCHA: checked").wait_for()
    after = [url for url in requests if GOOGLE.match(url)]
    shots(page, "after-consent")
    with mock.patch("django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)) as verify:
        page.get_by_role("button", name="Send proposal").click()
        page.get_by_role("heading", name="Thank you for your proposal!").wait_for()

    assert before == []
    assert len(after) == 1 and "/recaptcha/api.js?render=explicit" in after[0]
    assert verify.call_args.kwargs["recaptcha_response"] == "token-from-google"
    assert SessionProposal.objects.get().spam_check == "recaptcha"


def test_a_visitor_whose_browser_cannot_reach_google_sends_through_the_check_without_google(
    live_server, call, new_page, shots
):
    page = new_page(viewport=PHONE)
    requests = record_requests(page)
    page.context.route(GOOGLE, lambda route: route.abort("blockedbyclient"))

    page.goto(live_server.url + call.url)
    fill_proposal(page, "Ohne Google vorgeschlagen")
    page.get_by_role("button", name="Load Google reCAPTCHA").click()
    failure = page.get_by_text("Google reCAPTCHA could not be loaded")
    failure.wait_for()
    shots(page, "google-blocked")
    assert failure.is_visible()
    assert "Please use the check without Google instead" in failure.inner_text()

    page.get_by_text("I am not a robot (checked in this browser, without Google)").click()
    page.wait_for_function("document.querySelector('input[name=challenge]')?.value.length > 20", timeout=60_000)
    shots(page, "checked-without-google")
    page.locator("fieldset.barcamp-spam-check").screenshot(path=image_folder("en-GB") / "spam-check.png")
    assert_accessible(page)
    page.get_by_role("button", name="Send proposal").click()
    page.get_by_role("heading", name="Thank you for your proposal!").wait_for()

    proposal = SessionProposal.objects.get()
    assert (proposal.title, proposal.spam_check) == ("Ohne Google vorgeschlagen", "challenge")
    # The only request that tried to leave the site was the one for Google's script, after the click.
    left = elsewhere(requests, live_server)
    assert len(left) == 1 and GOOGLE.match(left[0])


def test_without_consent_the_form_is_sent_with_no_request_leaving_the_site(live_server, call, new_page):
    page = new_page(locale="de-DE")
    requests = record_requests(page)

    page.goto(live_server.url + call.url)
    page.get_by_label("Titel deiner Session").fill("Ganz ohne Google")
    page.get_by_label("Worum geht es?").fill("Nur mit der eigenen Prüfung.")
    page.get_by_label("Dein Name").fill("Grace Hopper")
    page.get_by_label("Deine E-Mail-Adresse").fill("grace@example.org")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_text("Ich bin kein Roboter (Prüfung in diesem Browser, ohne Google)").click()
    page.wait_for_function("document.querySelector('input[name=challenge]')?.value.length > 20", timeout=60_000)
    page.locator("fieldset.barcamp-spam-check").screenshot(path=image_folder("de-DE") / "spam-check.png")
    page.get_by_role("button", name="Vorschlag abschicken").click()
    page.get_by_role("heading", name="Danke für deinen Vorschlag!").wait_for()

    assert elsewhere(requests, live_server) == []
    assert SessionProposal.objects.get().spam_check == "challenge"


def test_the_next_edition_sign_up_works_without_google_too(
    live_server, call, new_page, django_capture_on_commit_callbacks
):
    event = add_signup_block(call.get_parent().specific)
    page = new_page()
    page.context.route(GOOGLE, lambda route: route.abort("blockedbyclient"))

    page.goto(live_server.url + event.url)
    form = page.locator("form.barcamp-interest-form")
    form.get_by_label("Your e-mail address").fill("later@example.org")
    form.get_by_text("I am not a robot (checked in this browser, without Google)").click()
    page.wait_for_function("document.querySelector('input[name=challenge]')?.value.length > 20", timeout=60_000)
    form.get_by_role("button", name="Keep me informed").click()
    page.wait_for_url("**/next-edition/thanks/")

    assert InterestSignup.objects.get().email == "later@example.org"
    assert [message.to for message in mail.outbox] == [["later@example.org"]]
