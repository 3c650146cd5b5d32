"""The planner's board on the day: the waiting list by interest, conflicts on the cards, targets
for a picked session (never in breaks or plenaries), the target buttons and the admin menu."""

import json
import re

import pytest
from django.urls import reverse

from barcamp_wagtail.models import EventPage, ScheduleChange, SessionPage, TimeSlot
from tests.factories import make_event, make_room, make_session, make_slot

from .conftest import accepted, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(db):
    event = make_event()
    event.plenum = make_room(event, "Plenum", capacity=40, sort_order=0)
    event.studio = make_room(event, "Studio", capacity=10, sort_order=1)
    event.welcome = make_slot(event, "09:00", "10:00", kind=TimeSlot.Kind.PLENARY, label="Begrüßung")
    event.first = make_slot(event, "10:00", "10:40", label="Runde 1")
    event.lunch = make_slot(event, "12:00", "13:00", kind=TimeSlot.Kind.BREAK, label="Mittagspause")
    event.second = make_slot(event, "13:00", "13:40", label="Runde 2")
    return event


def planner_url(event, **query):
    url = reverse("barcamp_wagtail_planner", args=[event.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def targets(client, event, session):
    url = reverse("barcamp_wagtail_planner_targets", args=[event.pk])
    response = client.get(url, {"session": session.pk})
    assert response.status_code == 200
    return response.json()


def cell(slot, room):
    return f"{slot.pk}:{room.pk}"


def where(session):
    session = SessionPage.objects.get(pk=session.pk)
    return session.room, session.time_slot


def waiting_list(html):
    part = html.split('class="barcamp-planner__waiting"')[1].split("</ol>")[0]
    return re.findall(r'aria-pressed="false">([^<]+)</button>', part)


def test_the_waiting_list_puts_the_most_wanted_first_and_shows_hands_or_votes(editor_client, venue):
    accepted(venue, "Few hands", hands=3)
    accepted(venue, "Many votes", votes=7)
    accepted(venue, "Crowd pleaser", hands=30)
    make_session(EventPage.objects.get(pk=venue.pk), "Typed in on the day")

    html = editor_client.get(planner_url(venue)).content.decode()

    assert waiting_list(html) == ["Crowd pleaser", "Many votes", "Few hands", "Typed in on the day"]
    assert '<span class="barcamp-planner__interest">30 hands</span>' in html
    assert '<span class="barcamp-planner__interest">7 votes</span>' in html
    assert '<span class="barcamp-planner__interest">3 hands</span>' in html


def test_the_waiting_list_can_be_filtered_by_topic_without_javascript(editor_client, venue):
    make_session(venue, "Green IT", topics=["Nachhaltigkeit"])
    make_session(venue, "AI at work", topics=["Digitalisierung"])

    html = editor_client.get(planner_url(venue, topic="nachhaltigkeit")).content.decode()

    assert '<option value="nachhaltigkeit" selected>Nachhaltigkeit</option>' in html
    items = re.findall(r"<li( hidden)?><div[^>]*>\s*<button[^>]*>([^<]+)</button>", html)
    assert {title: bool(hidden) for hidden, title in items} == {"Green IT": False, "AI at work": True}


def test_breaks_and_plenaries_offer_no_place_and_no_empty_cell_repeats_a_list(editor_client, venue):
    for number in range(3):
        make_session(venue, f"Waiting {number}")

    html = editor_client.get(planner_url(venue)).content.decode()

    assert "<select" not in html.split('class="barcamp-planner__days"')[1]
    # The welcome plenary and the lunch break: one cell each.
    assert html.count('<td class="barcamp-planner__closed" colspan="2">') == 2
    assert f'data-cell="{cell(venue.lunch, venue.plenum)}"' not in html


def test_picking_a_waiting_session_offers_free_cells_to_place_and_taken_ones_to_swap(editor_client, venue):
    waiting = make_session(venue, "Loose idea")
    placed = make_session(venue, "Open Data", room=venue.plenum, time_slot=venue.first)

    data = targets(editor_client, venue, waiting)

    assert set(data["cells"]) == {
        cell(venue.first, venue.plenum),
        cell(venue.first, venue.studio),
        cell(venue.second, venue.plenum),
        cell(venue.second, venue.studio),
    }
    assert f'value="place:{cell(venue.second, venue.studio)}"' in data["cells"][cell(venue.second, venue.studio)]
    assert "Place here" in data["cells"][cell(venue.second, venue.studio)]
    taken = data["cells"][cell(venue.first, venue.plenum)]
    assert f'value="swap:{placed.pk}"' in taken and "Swap with “Open Data”" in taken
    assert data["remove"] is None


def test_a_waiting_session_swapped_into_a_cell_sends_the_other_to_the_waiting_list(editor_client, venue):
    waiting = make_session(venue, "Loose idea")
    placed = make_session(venue, "Open Data", room=venue.plenum, time_slot=venue.first)

    response = editor_client.post(planner_url(venue), {"session": waiting.pk, "target": f"swap:{placed.pk}"})

    assert response.status_code == 302
    assert where(waiting) == (venue.plenum, venue.first)
    assert where(placed) == (None, None)
    assert {change.action for change in ScheduleChange.objects.all()} == {"swap"}


def test_picking_a_placed_session_offers_moves_swaps_and_the_way_back(editor_client, venue):
    placed = make_session(venue, "Open Data", room=venue.plenum, time_slot=venue.first)
    other = make_session(venue, "Green IT", room=venue.studio, time_slot=venue.second)

    data = targets(editor_client, venue, placed)

    assert cell(venue.first, venue.plenum) not in data["cells"]  # its own cell
    assert f'value="swap:{other.pk}"' in data["cells"][cell(venue.second, venue.studio)]
    assert f'value="move:{cell(venue.second, venue.plenum)}"' in data["cells"][cell(venue.second, venue.plenum)]
    assert 'value="remove"' in data["remove"]


def test_the_targets_warn_before_saving_about_hosts_and_capacity(editor_client, venue):
    make_session(venue, "Open Data", room=venue.plenum, time_slot=venue.first, hosts="Marie Ting")
    crowd = accepted(venue, "Crowd pleaser", hands=25, name="Marie Ting")

    cells = targets(editor_client, venue, crowd)["cells"]

    studio_first = cells[cell(venue.first, venue.studio)]
    assert "Marie Ting also hosts “Open Data” in Plenum" in studio_first
    assert "25 interested, 10 seats" in studio_first
    assert "aria-describedby" in studio_first
    assert "⚠" not in cells[cell(venue.second, venue.plenum)] and "<ul" not in cells[cell(venue.second, venue.plenum)]


def test_placed_cards_show_their_conflicts(editor_client, venue):
    make_session(venue, "Open Data", room=venue.studio, time_slot=venue.first, hosts="Marie Ting")
    make_session(venue, "Kreislauf", room=venue.plenum, time_slot=venue.first, hosts="Marie Ting, Ole")
    crowd = accepted(venue, "Crowd pleaser", hands=25)
    crowd.room, crowd.time_slot = venue.studio, venue.second
    crowd.save_revision().publish()

    html = editor_client.get(planner_url(venue)).content.decode()

    assert html.count("has-conflicts") == 3
    assert "Marie Ting also hosts “Kreislauf” in Plenum" in html
    assert "25 interested, 10 seats" in html


def test_without_javascript_a_picked_session_shows_its_targets_in_the_page(editor_client, venue):
    waiting = make_session(venue, "Loose idea")

    html = editor_client.get(planner_url(venue, pick=waiting.pk)).content.decode()

    assert f'name="session" value="{waiting.pk}"' in html
    assert 'aria-pressed="true">Loose idea</button>' in html
    assert html.count('name="target" value="place:') == 4
    assert "“Loose idea” picked: choose a cell." in html


@pytest.mark.parametrize("kind", ["place", "move", "swap", "remove", "undo"])
def test_every_target_button_does_what_it_says(editor_client, venue, kind):
    a = make_session(venue, "A", room=venue.plenum, time_slot=venue.first)
    b = make_session(venue, "B", room=venue.studio, time_slot=venue.second)
    loose = make_session(venue, "Loose")
    url = planner_url(venue)
    if kind == "place":
        response = editor_client.post(url, {"session": loose.pk, "target": f"place:{cell(venue.second, venue.plenum)}"})
        assert where(loose) == (venue.plenum, venue.second)
    elif kind == "move":
        response = editor_client.post(url, {"session": a.pk, "target": f"move:{cell(venue.first, venue.studio)}"})
        assert where(a) == (venue.studio, venue.first)
    elif kind == "swap":
        response = editor_client.post(url, {"session": a.pk, "target": f"swap:{b.pk}"})
        assert (where(a), where(b)) == ((venue.studio, venue.second), (venue.plenum, venue.first))
    elif kind == "remove":
        response = editor_client.post(url, {"session": a.pk, "target": "remove"})
        assert where(a) == (None, None)
    else:
        editor_client.post(url, {"session": a.pk, "target": "remove"})
        change = ScheduleChange.objects.get()
        response = editor_client.post(url, {"session": "", "target": f"undo:{change.pk}"})
        assert where(a) == (venue.plenum, venue.first)
    assert response.status_code == 302
    assert response["Location"].startswith(url + "#session-")


def test_a_target_of_an_unknown_kind_is_refused(editor_client, venue):
    loose = make_session(venue, "Loose")

    response = editor_client.post(planner_url(venue), {"session": loose.pk, "target": "teleport:1:2"})

    assert response.status_code == 400
    assert where(loose) == (None, None)


def test_a_late_session_typed_in_without_a_cell_waits_among_the_unscheduled(editor_client, venue):
    response = editor_client.post(planner_url(venue), {"action": "create", "title": "Spontan", "hosts": "Ada"})

    assert response.status_code == 302
    session = SessionPage.objects.get(title="Spontan")
    assert session.live and where(session) == (None, None)
    assert ScheduleChange.objects.get(session=session).action == "create"
    assert "Spontan" in waiting_list(editor_client.get(planner_url(venue)).content.decode())


def test_the_type_in_form_offers_the_free_cells_of_session_slots_only(editor_client, venue):
    make_session(venue, "Open Data", room=venue.plenum, time_slot=venue.first)

    html = editor_client.get(planner_url(venue)).content.decode()
    form = html.split('id="planner-create-cell"')[1].split("</select>")[0]

    assert re.findall(r'<option value="([^"]*)"', form) == [
        "",
        cell(venue.first, venue.studio),
        cell(venue.second, venue.plenum),
        cell(venue.second, venue.studio),
    ]


@pytest.mark.parametrize("sessions", [4, 24])
def test_the_board_and_the_targets_ask_the_same_queries_however_many_sessions(
    editor_client, venue, sessions, django_assert_max_num_queries
):
    for number in range(sessions):
        accepted(venue, f"Session {number}", hands=number, name=f"Host {number % 3}")
    first = SessionPage.objects.order_by("pk").first()
    editor_client.get(planner_url(venue))  # Wagtail's caches of the admin

    with django_assert_max_num_queries(20):
        editor_client.get(planner_url(venue, pick=first.pk))
    with django_assert_max_num_queries(16):
        targets(editor_client, venue, first)


def test_the_planner_page_and_targets_url_refuse_editors_who_may_not_plan(client, django_user_model, venue):
    client.force_login(make_user(django_user_model, "reader"))
    session = make_session(venue, "Loose")

    assert (
        client.get(reverse("barcamp_wagtail_planner_targets", args=[venue.pk]), {"session": session.pk}).status_code
        == 403
    )


def test_targets_of_a_session_of_another_event_are_not_found(editor_client, venue):
    stranger = make_session(make_event(title="Other"), "Stranger")

    response = editor_client.get(reverse("barcamp_wagtail_planner_targets", args=[venue.pk]), {"session": stranger.pk})

    assert response.status_code == 404


def test_the_admin_menu_lists_the_events_the_editor_may_plan(client, django_user_model, venue, editor_client):
    other = make_event(title="Barcamp Herbst")
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    props = json.loads(
        re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    menu = json.dumps(props)

    assert "Schedule planner" in menu
    assert planner_url(venue) in menu and planner_url(other) in menu

    client.force_login(make_user(django_user_model, "reader"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/barcamp/planner/" not in html


def test_the_event_editor_loads_the_script_that_shows_the_planner_beside_the_header_menu(editor_client, venue):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[venue.pk])).content.decode()

    assert "barcamp_wagtail/js/header-buttons.js" in html
    assert f'<a href="{planner_url(venue)}"' in html.split('id="w-slim-header-buttons"')[1]


def test_the_planner_menu_puts_coming_events_first_and_leads_to_all_events_beyond_eight(editor_client, venue):
    from tests.factories import EVENT_DAY

    for year in range(1, 9):
        make_event(title=f"Barcamp past {year}", day=EVENT_DAY.replace(year=EVENT_DAY.year - year))
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    menu = json.dumps(json.loads(props.group(1)), ensure_ascii=False)

    assert menu.index("Barcamp past 1") < menu.index("Barcamp past 7")
    assert "Barcamp past 8" not in menu
    assert "All events" in menu and "content_type=barcamp_wagtail.eventpage" in menu
