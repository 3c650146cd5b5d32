"""A call for sessions cannot be published with a consent checkbox that points at no privacy notice."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text

from barcamp_wagtail.models import ProposalPage

pytestmark = pytest.mark.django_db

NO_NOTICE = "Visitors agree to a privacy notice when they send a proposal"


def page_form(action, privacy_notice="", privacy_url=""):
    data = {
        "title": "Propose a session",
        "slug": "propose",
        "intro": rich_text(""),
        "notification_emails": "orga@example.org",
        "notify_submitters": "on",
        "privacy_notice": rich_text(privacy_notice),
        "privacy_url": privacy_url,
        "venue_code": "",
        "venue_networks": "",
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


def add_url(event):
    return f"/admin/pages/add/barcamp_wagtail/proposalpage/{event.pk}/"


def test_publishing_without_a_privacy_notice_or_link_is_refused_with_a_message(editor_client, event):
    response = editor_client.post(add_url(event), page_form("action-publish"))

    assert response.status_code == 200
    html = response.content.decode()
    assert NO_NOTICE in html
    assert "Or give the link to your privacy policy here." in html
    assert not ProposalPage.objects.exists()


def test_an_empty_paragraph_is_no_privacy_notice(editor_client, event):
    response = editor_client.post(add_url(event), page_form("action-publish", privacy_notice="<p> </p>"))

    assert NO_NOTICE in response.content.decode()
    assert not ProposalPage.objects.live().exists()


def test_a_draft_may_be_saved_without_a_notice(editor_client, event):
    response = editor_client.post(add_url(event), page_form(None))

    assert response.status_code == 302
    page = ProposalPage.objects.get()
    assert not page.live


@pytest.mark.parametrize(
    ("notice", "link"),
    [("<p>We keep your proposal until six months after the event.</p>", ""), ("", "https://example.org/privacy")],
    ids=["notice", "link"],
)
def test_a_notice_or_a_link_lets_the_page_be_published(editor_client, event, notice, link):
    response = editor_client.post(add_url(event), page_form("action-publish", privacy_notice=notice, privacy_url=link))

    assert response.status_code == 302
    assert ProposalPage.objects.get().live


def test_the_site_wide_privacy_page_is_enough_and_the_form_links_it(editor_client, client, event, settings):
    settings.BARCAMP_WAGTAIL |= {"PRIVACY_URL": "/datenschutz/"}

    response = editor_client.post(add_url(event), page_form("action-publish"))
    page = ProposalPage.objects.get()
    client.logout()
    html = client.get(page.url).content.decode()

    assert response.status_code == 302 and page.live
    assert 'href="/datenschutz/"' in html
