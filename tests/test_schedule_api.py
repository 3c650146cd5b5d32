import pytest
from django.template import Context, Template

from .factories import make_event, make_room, make_session, make_slot
from .schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(django_user_model):
    event = make_event()
    room, slot = make_room(event, "Werkstatt", capacity=16), make_slot(event, "11:00", "11:40", label="Runde 1")
    owner = django_user_model.objects.create_user("owner", "private-owner@example.org", "password")
    session = make_session(
        event, "Kreislaufwirtschaft", room=room, time_slot=slot, hosts="Marie Ting", topics=["Nachhaltigkeit"]
    )
    session.owner = owner
    session.save()
    make_session(event, "Draft", room=room, time_slot=slot, publish=False)
    return event, room, slot, session, make_schedule_page(event)


def test_api_gives_the_grid_as_data_without_private_details(client, programme):
    event, room, slot, session, page = programme

    response = client.get(f"/api/v2/pages/{page.pk}/", {"format": "json"})
    data = response.json()["schedule"]

    assert response.status_code == 200
    assert data["rooms"] == [{"id": room.pk, "name": "Werkstatt", "capacity": 16}]
    day = data["days"][0]
    assert day["date"] == "2026-10-16"
    assert day["slots"][0]["label"] == "Runde 1" and day["slots"][0]["kind"] == "session"
    [shown] = day["slots"][0]["cells"][0]["sessions"]
    assert shown["title"] == "Kreislaufwirtschaft"
    assert shown["hosts"] == "Marie Ting"
    assert shown["topics"] == ["Nachhaltigkeit"]
    assert shown["url"].endswith(session.url)
    assert "Draft" not in response.content.decode()
    assert "@" not in response.content.decode()


def test_template_tag_gives_the_grid_of_an_event_or_its_schedule_page(programme):
    event, room, slot, session, page = programme
    template = Template(
        "{% load barcamp_wagtail_tags %}{% schedule_grid page as grid %}"
        "{% for day in grid.days %}{% for row in day.rows %}{% for cell in row.cells %}{% for s in cell %}"
        "{{ row.slot.label }}|{{ s.title }}|{{ s.room.name }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
    )

    assert template.render(Context({"page": page})) == "Runde 1|Kreislaufwirtschaft|Werkstatt"
    assert (
        Template("{% load barcamp_wagtail_tags %}{% schedule_grid e as g %}{{ g.rooms.0.name }}").render(
            Context({"e": event})
        )
        == "Werkstatt"
    )
