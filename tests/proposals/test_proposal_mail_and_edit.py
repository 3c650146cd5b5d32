"""Mails after commit, links from the configured site, and the private edit link."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor, make_proposal

pytestmark = pytest.mark.django_db


def edit_link(message):
    return re.search(r"http://localhost/\S+/edit/\S+/", message.body).group(0)


def path_of(url):
    return url.removeprefix("http://localhost")


def test_mails_go_out_only_after_the_transaction_commits(proposal_page, visitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        visitor.send(proposal_page)

    assert callbacks
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [["ada@example.org"], ["orga@example.org", "team@example.org"]]


def test_the_submitter_gets_a_confirmation_with_a_private_edit_link(
    proposal_page, visitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.send(proposal_page)

    confirmation = mail.outbox[0]
    assert "Your session proposal for Barcamp Test" in confirmation.subject
    assert "Open Data für Kommunen" in confirmation.body
    assert "Hello Ada Lovelace" in confirmation.body
    response = visitor.client.get(path_of(edit_link(confirmation)))
    assert response.status_code == 200
    assert "Open Data für Kommunen" in response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"


def test_the_organisers_get_a_notification_with_an_inbox_link_but_no_address(
    proposal_page, visitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.send(proposal_page)

    notification = mail.outbox[1]
    proposal = SessionProposal.objects.get()
    assert notification.subject == "New session proposal for Barcamp Test: Open Data für Kommunen"
    assert f"http://testserver/admin/barcamp_wagtail/sessionproposal/inspect/{proposal.pk}/" in notification.body
    assert "ada@example.org" not in notification.body


def test_links_in_mails_come_from_the_site_not_the_host_header(
    proposal_page, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    visitor = Visitor()

    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.send(proposal_page, HTTP_HOST="evil.example")

    assert response.status_code == 303
    assert "evil.example" not in mail.outbox[0].body
    assert "http://localhost/" in mail.outbox[0].body


def test_mail_text_is_plain_and_never_html_escaped_or_rendered(
    proposal_page, visitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visitor.send(proposal_page, {"title": "<b>Tom & Jerry</b>", "abstract": "<script>x()</script>"})

    body = mail.outbox[0].body
    assert "<b>Tom & Jerry</b>" in body and "&amp;" not in body
    assert mail.outbox[0].content_subtype == "plain"


def test_a_broken_mail_server_does_not_lose_the_proposal(proposal_page, visitor, django_capture_on_commit_callbacks):
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = visitor.send(proposal_page)

    assert response.status_code == 303
    assert SessionProposal.objects.count() == 1


def test_no_notification_without_organiser_addresses(event, visitor, django_capture_on_commit_callbacks):
    from .conftest import make_proposal_page

    page = make_proposal_page(event, notification_emails="")
    with django_capture_on_commit_callbacks(execute=True):
        visitor.send(page)

    assert [message.to for message in mail.outbox] == [["ada@example.org"]]


def test_notification_addresses_are_validated(event):
    from django.core.exceptions import ValidationError

    from .conftest import make_proposal_page

    page = make_proposal_page(event)
    page.notification_emails = "orga@example.org, not an address"

    with pytest.raises(ValidationError):
        page.full_clean()


def test_the_submitter_can_change_the_proposal_through_the_link(proposal_page, event):
    proposal = make_proposal(event)
    visitor = Visitor()
    url = proposal_page.url + proposal_page.reverse_subpage("edit", args=[proposal.edit_token()])
    html = visitor.client.get(url).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = visitor.client.post(
        url,
        {
            "csrfmiddlewaretoken": csrf,
            "action": "save",
            "title": "A better title",
            "abstract": "Now clearer.",
            "format": "workshop",
            "topic": "",
            "link": "",
            "status": "accepted",
            "email": "attacker@example.org",
        },
    )

    proposal.refresh_from_db()
    assert "Your changes have been saved." in response.content.decode()
    assert (proposal.title, proposal.format, proposal.status) == ("A better title", "workshop", "submitted")
    assert proposal.email == "grace@example.org"


def test_bad_input_through_the_edit_link_is_refused(proposal_page, event, client):
    proposal = make_proposal(event)
    url = proposal_page.url + proposal_page.reverse_subpage("edit", args=[proposal.edit_token()])

    response = client.post(url, {"action": "save", "title": "Evil\u202egnp.exe", "abstract": "x", "format": "talk"})

    assert "not allowed" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "A proposed session"


def test_the_submitter_can_withdraw_and_then_the_link_stops_working(proposal_page, event, client):
    proposal = make_proposal(event)
    url = proposal_page.url + proposal_page.reverse_subpage("edit", args=[proposal.edit_token()])

    response = client.post(url, {"action": "withdraw"})
    again = client.get(url)

    proposal.refresh_from_db()
    assert "Your proposal has been withdrawn" in response.content.decode()
    assert proposal.status == SessionProposal.Status.WITHDRAWN
    assert again.status_code == 404
    assert "This link no longer works" in again.content.decode()


def test_the_edit_link_stops_working_once_the_proposal_is_declined(proposal_page, event, client):
    proposal = make_proposal(event)
    url = proposal_page.url + proposal_page.reverse_subpage("edit", args=[proposal.edit_token()])
    proposal.decline()

    assert client.get(url).status_code == 404


def test_the_edit_link_stops_working_when_the_event_is_over(proposal_page, event, client):
    proposal = make_proposal(event)
    url = proposal_page.url + proposal_page.reverse_subpage("edit", args=[proposal.edit_token()])
    event.start = timezone.now() - datetime.timedelta(days=2)
    event.end = timezone.now() - datetime.timedelta(days=1)
    event.save_revision().publish()

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("token", ["nonsense", "eyJwIjoxLCJrIjoieCJ9:forged:signature"])
def test_a_forged_edit_link_shows_nothing(proposal_page, event, client, token):
    make_proposal(event)

    response = client.get(proposal_page.url + f"edit/{token}/")

    assert response.status_code == 404
    assert "grace@example.org" not in response.content.decode()


def test_an_edit_link_of_another_event_does_not_work_here(proposal_page, event, client):
    from tests.factories import make_event

    from .conftest import FUTURE_DAY

    other = make_event(title="Other", day=FUTURE_DAY)
    proposal = make_proposal(other)

    response = client.get(proposal_page.url + proposal_page.reverse_subpage("edit", args=[proposal.edit_token()]))

    assert response.status_code == 404
