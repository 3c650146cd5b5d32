""" "Draft a press release": the draft written from the demo event's data, the refusal to publish
empty quotes (Publish button, workflow approval in the editor and from the dashboard), the rights,
the missing press index and the German text."""

import datetime
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import ListBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from barcamp_wagtail.models import CheckIn, EventOrganiser, PressReleasePage, SessionPage, sponsor_tiers
from barcamp_wagtail.press_draft.publishing import PublishingRefused

from .demo_helpers import load_demo, next_edition, past_edition
from .factories import make_event, make_home, make_room, make_session, make_slot
from .press_factories import list_block, make_press_index
from .rights_helpers import make_group, make_member

pytestmark = pytest.mark.django_db


def draft_url(event):
    return reverse("barcamp_wagtail_press_draft", args=[event.pk])


def draft(client, event, language="en", participants="40"):
    """Use the action as an editor does; return the drafted page."""
    data = {"language": language}
    if participants is not None:
        data["participants"] = participants
    response = client.post(draft_url(event), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PressReleasePage.objects.filter(event=event).order_by("-pk").first()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    return page


def rendered_draft(client, page):
    """The draft as the editor's "Preview" shows it."""
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def figures(soup):
    return {
        item.dd.get_text(" ", strip=True): item.dt.get_text(strip=True)
        for item in soup.select(".barcamp-key-figures__item")
    }


@pytest.fixture
def demo():
    load_demo()
    return past_edition()


@pytest.fixture
def small():
    """A small past barcamp with a press index next to it: for the tests of publishing and rights."""
    index = make_press_index(make_home())
    event = make_event(
        title="Barcamp Small", venue_address="Werkstraße 1\n58636 Iserlohn", contact_email="press@example.org"
    )
    EventOrganiser.objects.create(event=event, name="visibleRuhr eG", role="organiser", sort_order=0)
    room, slot = make_room(event), make_slot(event)
    make_session(event, "Open data", room=room, time_slot=slot, topics=["Data"], notes="<p>Results.</p>")
    event.index = index
    return event


def held_sessions(event):
    return [s for s in SessionPage.objects.live().child_of(event) if s.time_slot_id and s.room_id]


def form_value(block, value):
    """``value`` of ``block`` as the page editor posts it (for ``nested_form_data``)."""
    if isinstance(block, StreamBlock):
        return streamfield([(child.block_type, form_value(child.block, child.value)) for child in value])
    if isinstance(block, StructBlock):
        return {name: form_value(child, value.get(name)) for name, child in block.child_blocks.items()}
    if isinstance(block, ListBlock):
        return list_block([form_value(block.child_block, item) for item in value])
    if isinstance(block, RichTextBlock):
        return rich_text(value.source if value else "")
    if hasattr(value, "pk"):
        return value.pk
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def edit_form_data(page, fill_quotes=False, **buttons):
    page = PressReleasePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    body = page.body
    if fill_quotes:
        for block in body:
            if block.block_type == "quote_to_fill":
                block.value["text"] = "A day full of ideas."
                block.value["person"] = "Marie Ting"
    data = {
        "title": page.title,
        "slug": page.slug,
        "dateline_place": page.dateline_place,
        "dateline_date": page.dateline_date.isoformat(),
        "lead": page.lead,
        "body": form_value(PressReleasePage.body.field.stream_block, body),
        "event": page.event_id,
        **buttons,
    }
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# The draft's facts


def test_the_draft_of_the_demo_event_reports_its_own_figures_topics_sponsors_and_dateline(editor_client, demo):
    page = draft(editor_client, demo)
    soup = rendered_draft(editor_client, page)
    text = soup.get_text(" ", strip=True)
    sessions = held_sessions(demo)
    rooms = {s.room_id for s in sessions}
    topics = Counter(tag.name for s in sessions for tag in s.topics.all())
    last_day = timezone.localtime(demo.end).date()

    assert page.dateline_place == "Iserlohn"
    assert page.dateline_date == last_day
    assert f"Iserlohn, {last_day:%B} {last_day.day}" in text.replace("Sept.", "September") or "Iserlohn," in text
    shown = figures(soup)
    assert shown["participants"] == "40"
    assert shown["sessions"] == str(len(sessions))
    assert shown["rooms"] == str(len(rooms))
    top_topic, top_count = topics.most_common(1)[0]
    assert shown[f"sessions on {top_topic}"] == str(top_count)
    sentence = soup.find(string=lambda s: s and "The sessions of the day covered" in s).parent.get_text()
    for name, count in topics.items():
        assert f"{name} (one session)" in sentence if count == 1 else f"{name} ({count} sessions)" in sentence
    assert f"{top_topic} ({top_count} sessions)" in sentence
    assert "40 participants met at Barcamp Südwestfalen + Ruhrgebiet" in page.lead
    assert f"{len(sessions)} sessions made it into the grid" in page.lead
    for _tier, sponsors in sponsor_tiers(demo):
        for sponsor in sponsors:
            assert sponsor.name in text
    assert [tier for tier in page.body if tier.block_type == "sponsor_wall"][0].value["tiers"][0]["name"] == (
        sponsor_tiers(demo)[0][0]
    )
    for organiser in demo.organisers.all():
        assert f"{organiser.name} ({organiser.role})" in text
    assert demo.contact_email in text


def test_the_draft_links_the_documentation_and_the_next_edition(editor_client, demo):
    page = draft(editor_client, demo)
    soup = rendered_draft(editor_client, page)
    documented = [s for s in held_sessions(demo) if s.notes.strip() or s.slides_url]
    assert documented
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    for session in documented:
        assert session.url in hrefs
    upcoming = next_edition()
    assert upcoming.url in hrefs
    outlook = soup.select_one(f'.barcamp-body a[href="{upcoming.url}"]').parent.get_text(" ", strip=True)
    assert upcoming.title in outlook
    assert "Dortmund" in outlook


def test_the_draft_is_a_draft_below_the_press_index_with_quotes_to_fill_in(editor_client, demo):
    page = draft(editor_client, demo)
    page.refresh_from_db()
    assert not page.live
    assert page.live_revision is None
    assert page.get_parent().specific_class.__name__ == "PressIndexPage"
    assert [b.block_type for b in page.body].count("quote_to_fill") == 2
    assert page.owner.username == "editor"


def test_the_demo_shows_a_drafted_press_release_of_the_past_edition(demo):
    drafts = PressReleasePage.objects.filter(event=demo, live=False)
    assert drafts.count() == 1
    assert "Teilnehmende" in drafts.get().lead
    load_demo()
    assert PressReleasePage.objects.filter(event=demo, live=False).count() == 1


def test_the_participants_registration_gives_the_figures_when_it_was_used(editor_client):
    from tests.participants.conftest import make_participant

    event = make_event(title="Barcamp Count", registration_enabled=True, capacity=10)
    make_press_index()
    room, slot = make_room(event), make_slot(event)
    make_session(event, "Counting", room=room, time_slot=slot, topics=["Data"])
    people = [make_participant(event, name=f"Person {n}", email=f"p{n}@example.org") for n in range(3)]
    CheckIn.objects.create(participant=people[0], event=event, day=timezone.localtime(event.start).date())
    response = editor_client.get(draft_url(event))
    assert "participants" not in BeautifulSoup(response.content, "html.parser").find("form").get_text()
    page = draft(editor_client, event, participants=None)
    shown = figures(rendered_draft(editor_client, page))
    assert shown["registered participants"] == "3"
    assert shown["participant on site"] == "1"


def test_the_number_of_participants_is_asked_when_the_registration_was_not_used(editor_client, demo):
    response = editor_client.post(draft_url(demo), {"language": "en"})
    assert response.status_code == 200
    assert "how many people took part" in response.content.decode()
    assert not PressReleasePage.objects.filter(event=demo, live=False, owner__username="editor").exists()


def test_the_german_draft_is_written_in_german_in_the_third_person(editor_client, demo):
    page = draft(editor_client, demo, language="de")
    soup = rendered_draft(editor_client, page)
    text = soup.get_text(" ", strip=True)
    last_day = timezone.localtime(demo.end).date()
    assert "40 Teilnehmende trafen sich am" in page.lead
    assert "beim Barcamp Südwestfalen + Ruhrgebiet." in page.lead
    assert f"am {last_day.day}." in page.lead
    shown = figures(soup)
    assert shown["Teilnehmende"] == "40"
    assert "Räume" in shown
    assert "Die Sessions des Tages behandelten" in text
    assert "Danke an die Sponsoren" in text
    words = set(text.replace(",", " ").replace(".", " ").split())
    assert not words & {"du", "dich", "dir", "dein", "deine", "Sie", "Ihnen", "Ihr", "Ihre"}


# Publishing


def test_publishing_with_an_empty_quote_is_refused_with_a_message_and_the_draft_kept(editor_client, small):
    page = draft(editor_client, small)
    response = editor_client.post(edit_url(page), edit_form_data(page, **{"action-publish": "publish"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be published yet: 2 quotes are still to be filled in" in html
    page.refresh_from_db()
    assert not page.live


def test_saving_a_draft_with_empty_quotes_is_fine(editor_client, small):
    page = draft(editor_client, small)
    response = editor_client.post(edit_url(page), edit_form_data(page))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.revisions.count() == 2


def test_a_filled_in_draft_is_published(editor_client, small):
    page = draft(editor_client, small)
    data = edit_form_data(page, fill_quotes=True, **{"action-publish": "publish"})
    response = editor_client.post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    public = BeautifulSoup(editor_client.get(page.url).content, "html.parser")
    assert "A day full of ideas." in public.get_text()
    assert not public.select(".barcamp-quote-to-fill")


@pytest.fixture
def moderated(small, django_user_model, editor_client):
    """A draft, submitted to a one-step workflow whose moderators may approve it."""
    page = draft(editor_client, small)
    moderators = make_group("Press moderators", page.get_parent(), page_permissions=("add", "change", "publish"))
    task = GroupApprovalTask.objects.create(name="Check")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name="Press")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=page.get_parent())
    workflow.start(page, django_user_model.objects.get(username="editor"))
    page.refresh_from_db()
    moderator = make_member(django_user_model, "moderator", moderators)
    return page, moderator


def test_approving_an_empty_quote_in_the_editor_is_refused_with_a_message(client, moderated):
    page, moderator = moderated
    client.force_login(moderator)
    data = edit_form_data(page, **{"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "cannot be published yet" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state is not None


def test_approving_an_empty_quote_from_the_dashboard_publishes_nothing(client, moderated):
    """Wagtail answers the refusal on this road with its own "permission denied" message."""
    page, moderator = moderated
    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state is not None
    assert page.current_workflow_task_state.status == "in_progress"


def test_approving_a_filled_in_draft_publishes_it(client, moderated):
    page, moderator = moderated
    client.force_login(moderator)
    data = edit_form_data(
        page, fill_quotes=True, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
    )
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_code_cannot_publish_an_empty_quote_either(editor_client, small):
    page = draft(editor_client, small)
    with pytest.raises(PublishingRefused):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live


# Rights and the press index


def test_an_editor_without_add_rights_below_the_press_index_gets_403_and_no_button(client, django_user_model, small):
    editors = make_group("Event editors", small, page_permissions=("change", "publish"))
    client.force_login(make_member(django_user_model, "eve", editors))
    assert client.get(draft_url(small)).status_code == 403
    assert client.post(draft_url(small), {"language": "en", "participants": "40"}).status_code == 403
    assert not PressReleasePage.objects.exists()
    header = client.get(reverse("wagtailadmin_pages:edit", args=[small.pk])).content.decode()
    assert draft_url(small) not in header


def test_an_editor_who_may_add_below_the_press_index_sees_and_uses_the_action(client, django_user_model, small):
    index = small.index
    press = make_group("Press office", index, page_permissions=("add",))
    editors = make_group("Event editors", small, page_permissions=("change",))
    client.force_login(make_member(django_user_model, "pia", press, editors))
    header = client.get(reverse("wagtailadmin_pages:edit", args=[small.pk])).content.decode()
    assert draft_url(small) in header
    page = draft(client, small)
    assert page.get_parent().pk == index.pk
    assert client.get(edit_url(page)).status_code == 200


def test_without_a_press_index_the_action_says_how_to_create_one(editor_client):
    event = make_event(title="Barcamp Nowhere")
    response = editor_client.get(draft_url(event))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is no press index" in html
    assert reverse("wagtailadmin_pages:add", args=("barcamp_wagtail", "pressindexpage", make_home().pk)) in html
    assert editor_client.post(draft_url(event), {"language": "en", "participants": "3"}).status_code == 200
    assert not PressReleasePage.objects.exists()


def test_the_nearest_press_index_is_chosen(editor_client):
    home = make_home()
    far = make_press_index(home, title="Press", slug="press")
    folder = home.add_child(instance=Page(title="Client", slug="client"))
    near = make_press_index(folder, title="Client press", slug="client-press")
    event = make_event(parent=folder, title="Barcamp Client", day=datetime.date(2026, 10, 16))
    other = make_event(title="Barcamp Home", day=datetime.date(2026, 10, 16))
    assert draft(editor_client, event).get_parent().pk == near.pk
    assert draft(editor_client, other).get_parent().pk == far.pk


def test_an_unknown_event_is_404(editor_client):
    assert editor_client.get(reverse("barcamp_wagtail_press_draft", args=[999999])).status_code == 404


def test_the_dateline_city_is_read_from_the_venue_address(editor_client, small):
    page = draft(editor_client, small)
    assert page.dateline_place == "Iserlohn"
    assert page.dateline_date == timezone.localtime(small.end).date()


def test_the_draft_costs_the_same_number_of_queries_for_many_sessions(small):
    """Reading the facts and writing the text; saving the page is Wagtail's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from barcamp_wagtail.press_draft.drafting import draft_fields

    def queries():
        with CaptureQueriesContext(connection) as captured:
            draft_fields(small, "en", participants=12)
        return len(captured)

    few = queries()
    room = make_room(small, "Werkstatt", sort_order=1)
    for number in range(6):
        slot = make_slot(small, f"1{number}:00", f"1{number}:45")
        make_session(small, f"Session {number}", room=room, time_slot=slot, topics=[f"Topic {number}", "Data"])
    assert queries() == few
