"""The moderation inbox: for moderators only, with decisions that create or hide the public session."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page

from barcamp_wagtail.models import SessionPage, SessionProposal

from .conftest import make_proposal

pytestmark = pytest.mark.django_db

INBOX = "/admin/barcamp_wagtail/sessionproposal/"
DECIDE = "/admin/barcamp/proposals/decide/"
PRIVACY = "/admin/barcamp/proposals/privacy/"


@pytest.fixture
def editor(client, django_user_model):
    """A Wagtail editor: admin access, page permissions, nothing about proposals."""
    user = django_user_model.objects.create_user("eddie", "eddie@example.org", "password")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", [INBOX, DECIDE, PRIVACY, INBOX + "?export=csv"])
def test_an_editor_without_permission_gets_403(editor, event, url):
    make_proposal(event)

    assert editor.get(url).status_code == 403


def test_an_editor_without_permission_cannot_accept_by_posting(editor, event):
    proposal = make_proposal(event)

    response = editor.post(DECIDE, {"action": "accept", "proposals": [proposal.pk]})

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == SessionProposal.Status.SUBMITTED


def test_a_reader_without_moderate_permission_can_list_but_not_decide(client, django_user_model, event):
    user = django_user_model.objects.create_user("reader", "r@example.org", "password")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.get(codename="view_sessionproposal"))
    client.force_login(user)
    make_proposal(event)

    assert client.get(INBOX).status_code == 200
    assert client.get(DECIDE).status_code == 403


def test_the_moderator_sees_the_inbox_with_the_submitters_address(moderator, event):
    proposal = make_proposal(event, title="Inbox item", email="inbox@example.org")

    index = moderator.get(INBOX)
    inspect = moderator.get(f"{INBOX}inspect/{proposal.pk}/")

    assert index.status_code == inspect.status_code == 200
    assert "Inbox item" in index.content.decode()
    assert "inbox@example.org" in inspect.content.decode()
    assert proposal.edit_key not in inspect.content.decode()
    assert "Accept or decline" in inspect.content.decode()


def test_nobody_creates_or_edits_proposals_in_the_admin(editor_client, event):
    proposal = make_proposal(event)

    assert editor_client.get(f"{INBOX}create/").status_code == 403
    assert editor_client.get(f"{INBOX}edit/{proposal.pk}/").status_code == 403


def test_the_inbox_filters_by_status_event_and_topic_and_searches(editor_client, event):
    make_proposal(event, title="Waiting one", topic="Open Data")
    declined = make_proposal(event, title="Declined one", topic="Energy")
    declined.decline()

    by_status = editor_client.get(INBOX, {"status__exact": "declined"}).content.decode()
    by_topic = editor_client.get(INBOX, {"topic": "Open Data"}).content.decode()
    by_event = editor_client.get(INBOX, {"event__page_ptr__exact": event.pk}).content.decode()
    searched = editor_client.get(INBOX, {"q": "waiting"}).content.decode()

    assert "Declined one" in by_status and "Waiting one" not in by_status
    assert "Waiting one" in by_topic and "Declined one" not in by_topic
    assert "Waiting one" in by_event and "Declined one" in by_event
    assert "Waiting one" in searched and "Declined one" not in searched


def test_visitor_text_is_escaped_in_the_admin(editor_client, event):
    proposal = make_proposal(event, title="<script>alert(1)</script>", abstract="<img src=x onerror=alert(2)>")

    index = editor_client.get(INBOX).content.decode()
    inspect = editor_client.get(f"{INBOX}inspect/{proposal.pk}/").content.decode()
    decide = editor_client.get(DECIDE).content.decode()

    for html in (index, inspect, decide):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html
    assert "<img src=x" not in inspect


def test_bulk_accept_publishes_sessions_under_the_event(moderator, event, client):
    shown = make_proposal(event, title="With name", topic="Open Data", format="workshop", show_name=True)
    hidden = make_proposal(event, title="Without name", name="Secret Person", show_name=False)

    response = moderator.post(DECIDE, {"action": "accept", "proposals": [shown.pk, hidden.pk]})

    assert response.status_code == 302
    with_name = SessionPage.objects.get(title="With name")
    without_name = SessionPage.objects.get(title="Without name")
    assert with_name.live and without_name.live
    assert with_name.get_parent().pk == event.pk
    assert (with_name.hosts, with_name.format) == ("Grace Hopper", "workshop")
    assert [tag.name for tag in with_name.topics.all()] == ["Open Data"]
    assert without_name.hosts == ""
    assert set(SessionProposal.objects.values_list("status", flat=True)) == {"accepted"}
    client.logout()
    public = client.get(without_name.url).content.decode() + client.get(event.url).content.decode()
    assert "Secret Person" not in public
    assert "grace@example.org" not in public


def test_accepting_again_updates_the_same_session(event):
    proposal = make_proposal(event, title="First title")
    session = proposal.accept()
    proposal.title = "Second title"

    again = proposal.accept()

    assert again.pk == session.pk
    assert SessionPage.objects.get(pk=session.pk).title == "Second title"
    assert SessionPage.objects.count() == 1


def test_accepted_titles_get_free_slugs(event):
    first = make_proposal(event, title="Same").accept()
    second = make_proposal(event, title="Same").accept()
    emoji = make_proposal(event, title="🙂🙂").accept()

    assert {first.slug, second.slug, emoji.slug} == {"same", "same-2", "session"}


def test_bulk_decline_keeps_the_proposal_private(moderator, event, client):
    proposal = make_proposal(event, title="Not this time")

    moderator.post(DECIDE, {"action": "decline", "proposals": [proposal.pk]})

    proposal.refresh_from_db()
    assert proposal.status == SessionProposal.Status.DECLINED
    assert not SessionPage.objects.exists()
    client.logout()
    assert "Not this time" not in client.get(event.url).content.decode()


def test_declining_an_accepted_proposal_takes_its_session_offline(event):
    proposal = make_proposal(event)
    session = proposal.accept()

    proposal.decline()

    assert not Page.objects.get(pk=session.pk).live


def test_the_decide_view_lists_only_waiting_proposals(moderator, event):
    make_proposal(event, title="Waiting")
    make_proposal(event, title="Done").decline()

    html = moderator.get(DECIDE).content.decode()

    assert "Waiting" in html and "Done" not in html


def test_a_decided_proposal_cannot_be_decided_again_in_bulk(moderator, event):
    proposal = make_proposal(event)
    proposal.decline()

    response = moderator.post(DECIDE, {"action": "accept", "proposals": [proposal.pk]})

    assert response.status_code == 200
    assert not SessionPage.objects.exists()


def export(client, fmt):
    return client.get(INBOX, {"export": fmt})


FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]


def test_the_csv_export_neutralises_formulas_and_leaves_out_private_data(editor_client, event):
    for index, text in enumerate(FORMULAS):
        make_proposal(
            event, title=text, topic=text[:50], name=f"Hidden {index}", show_name=False, email=f"p{index}@x.org"
        )
    make_proposal(event, title="Shown", name="Public Name", show_name=True)

    response = export(editor_client, "csv")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))

    titles = {row[0] for row in rows[1:]}
    assert {"'" + text for text in FORMULAS} <= titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert "@x.org" not in body and "grace@example.org" not in body
    assert "Hidden" not in body
    assert "Public Name" in body


def test_the_xlsx_export_neutralises_formulas(editor_client, event):
    from openpyxl import load_workbook

    for text in FORMULAS:
        make_proposal(event, title=text)

    response = export(editor_client, "xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]

    assert {"'" + text for text in FORMULAS} <= set(values)
    assert not any(value.startswith(("=", "+", "-", "@")) for value in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_inbox_link_in_the_notification_points_to_the_inspect_view(editor_client, event):
    proposal = make_proposal(event)

    url = reverse("barcamp_wagtail_sessionproposal_modeladmin_inspect", args=[proposal.pk])

    assert editor_client.get(url).status_code == 200


def test_proposals_are_not_in_the_search_index():
    from wagtail.search.index import get_indexed_models

    assert SessionProposal not in get_indexed_models()


def test_the_inbox_needs_the_same_number_of_queries_for_many_proposals(
    editor_client, event, django_assert_max_num_queries
):
    for index in range(3):
        make_proposal(event, title=f"Few {index}")
    editor_client.get(INBOX)
    with django_assert_max_num_queries(60) as few:
        editor_client.get(INBOX)
    for index in range(30):
        make_proposal(event, title=f"Many {index}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get(INBOX)

    assert "Many 29" in response.content.decode()


def test_visitor_text_is_escaped_on_the_public_pages(event, client):
    from .conftest import make_proposal_page

    page = make_proposal_page(event)
    proposal = make_proposal(event, title="<script>alert(1)</script>", abstract="<b onmouseover=x>hi</b>")
    edit = client.get(page.url + page.reverse_subpage("edit", args=[proposal.edit_token()])).content.decode()
    session = proposal.accept()
    public = client.get(session.url).content.decode() + client.get(event.url).content.decode()

    for html in (edit, public):
        assert "<script>alert(1)</script>" not in html
        assert "<b onmouseover" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_accepting_many_proposals_of_one_event_in_a_row(event):
    proposals = [make_proposal(event, title=f"Row {index}") for index in range(4)]
    stale = SessionProposal.objects.select_related("event").filter(pk__in=[p.pk for p in proposals])

    sessions = [proposal.accept() for proposal in stale]

    assert len({session.path for session in sessions}) == 4
    assert all(session.get_parent().pk == event.pk for session in sessions)
