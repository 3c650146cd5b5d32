"""In Chromium: voter codes downloaded as cut-out cards from the admin screen; the demo's story
from the home page through the navigation and the press release to the next edition's open
proposal form; axe-core on the demo's home and the next edition's page, in German and English."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

from barcamp_wagtail.models import PressIndexPage, PressReleasePage, ProposalPage, SessionProposal, VoterCode
from tests.dayof.test_voter_sheet import qr_codes
from tests.demo_helpers import next_edition
from tests.export_helpers import pdf_text

from .conftest import DESKTOP, PHONE, axe_violations
from .test_flows import propose

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "cards-and-codes"  # noqa: S105  (a test account)


@pytest.fixture
def demo(live_server, settings, django_user_model):
    settings.BARCAMP_WAGTAIL = {"PROPOSAL_RECAPTCHA": False, "PROPOSAL_MIN_SECONDS": 0, "PROPOSAL_RATE_LIMIT": 1000}
    call_command("load_demo", "--no-admin", verbosity=0)
    django_user_model.objects.create_superuser("orga", "orga@example.org", PASSWORD)
    return next_edition()


def log_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "orga")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")


def test_a_moderator_downloads_voter_codes_as_cards_that_open_the_vote_page(live_server, demo, new_page, shots):
    base = live_server.url
    admin = new_page(viewport=DESKTOP)
    log_in(admin, base)
    admin.goto(f"{base}/admin/barcamp/plenary/{demo.pk}/codes/")
    shots(admin, "voter-codes")
    admin.get_by_label("How many cards").fill("6")
    admin.get_by_label("Language of the cards").select_option("de")

    with admin.expect_download() as download:
        admin.get_by_role("button", name="Make codes as cards (PDF)").click()
    content = io.BytesIO()
    with open(download.value.path(), "rb") as file:
        content.write(file.read())
    pdf = content.getvalue()

    assert download.value.suggested_filename.endswith("-voter-codes.pdf")
    assert VoterCode.objects.filter(event=demo).count() == 6
    text = pdf_text(pdf)
    assert text.count("Dein Abstimmungscode") == 6
    urls = qr_codes(pdf)
    assert len(set(urls)) == 6
    codes = [parse_qs(urlsplit(url).query)["code"][0] for url in urls]
    assert all(code in text and VoterCode.find(demo, code) for code in codes)

    # A participant scans a card: the vote page opens with the code filled in, and it works.
    phone = new_page(viewport=PHONE)
    phone.goto(base + urlsplit(urls[0]).path + "?" + urlsplit(urls[0]).query)
    assert phone.get_by_label("Voter code").input_value() == codes[0]
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_load_state()
    shots(phone, "vote-page-after-scan")
    assert phone.get_by_role("button", name="Use another code").is_visible()


def test_a_visitor_goes_from_home_through_the_press_release_to_the_next_editions_proposal_form(
    live_server, demo, new_page, shots
):
    base = live_server.url
    page = new_page(viewport=PHONE)
    page.goto(base + "/")
    shots(page, "home")
    release = PressReleasePage.objects.live().get()

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name=PressIndexPage.objects.get().title
    ).click()
    page.wait_for_url(f"**{PressIndexPage.objects.get().url}")
    shots(page, "press")
    page.get_by_role("link", name=release.title).first.click()
    page.wait_for_url(f"**{release.url}")
    shots(page, "press-release")
    page.get_by_role("link", name="zweite Barcamp").click()
    page.wait_for_url(f"**{demo.url}")
    shots(page, "next-edition")
    page.get_by_role("link", name="Propose a session").first.click()
    page.wait_for_url(f"**{ProposalPage.objects.get().url}")

    shots(page, "proposal-form")
    propose(page, base, ProposalPage.objects.get(), title="Ein Fahrplan für den Strukturwandel")
    shots(page, "thanks")

    assert SessionProposal.objects.get(title="Ein Fahrplan für den Strukturwandel").event_id == demo.pk


@pytest.mark.parametrize("locale", ["de-DE", "en-GB"])
def test_the_demo_home_and_navigation_are_accessible(live_server, demo, new_page, shots, locale):
    violations = {}
    for url, viewport in (("/", PHONE), ("/", DESKTOP), (demo.url, PHONE), (PressIndexPage.objects.get().url, PHONE)):
        page = new_page(viewport=viewport, locale=locale)
        assert page.goto(live_server.url + url).status == 200
        assert page.locator("html").get_attribute("lang") == locale[:2]
        nav = page.get_by_role("navigation", name="Hauptnavigation" if locale == "de-DE" else "Main navigation")
        assert nav.get_by_role("link").count() >= 3
        shots(page, f"{url.strip('/').replace('/', '-') or 'home'}-{viewport['width']}")
        found = axe_violations(page)
        if found:
            violations[f"{url} at {viewport['width']}px"] = found
        page.context.close()

    assert not violations, violations
