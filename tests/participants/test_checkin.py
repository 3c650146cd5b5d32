"""Check-in at the door: idempotent requests, no double check-in, the count in the building."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from barcamp_wagtail.models import CheckIn
from barcamp_wagtail.participants.codes import current_code

from .conftest import make_participant, make_registration_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return make_registration_event(capacity=3, venue_capacity=5)


def door_api(event):
    day = event.event_days()[0].isoformat()
    return reverse("barcamp_wagtail_participants_door_api", args=[event.pk]) + f"?day={day}"


def send(client, event, **payload):
    return client.post(door_api(event), json.dumps(payload), content_type="application/json")


def test_the_same_request_sent_twice_checks_in_once_and_gets_the_same_answer(editor_client, event):
    ada = make_participant(event, "Ada Lovelace")
    first = send(editor_client, event, id="a1", action="in", participant=ada.pk).json()
    again = send(editor_client, event, id="a1", action="in", participant=ada.pk).json()
    assert first["status"] == "checked_in" and first["present"] == 1
    assert again["status"] == "checked_in" and again["repeated"] is True
    assert CheckIn.objects.count() == 1


def test_two_phones_checking_in_the_same_person_count_them_once(editor_client, event):
    ada = make_participant(event, "Ada Lovelace")
    send(editor_client, event, id="phone-1", action="in", participant=ada.pk)
    answer = send(editor_client, event, id="phone-2", action="in", participant=ada.pk).json()
    assert answer["status"] == "already_in" and answer["present"] == 1


def test_the_badge_qr_code_or_the_typed_code_finds_the_participant(editor_client, event):
    ada = make_participant(event, "Ada Lovelace")
    code = current_code(ada)
    answer = send(editor_client, event, id="c1", action="in", code=f"https://x.example/vote/?code={code}").json()
    assert (answer["status"], answer["name"]) == ("checked_in", "Ada Lovelace")
    send(editor_client, event, id="c2", action="out", participant=ada.pk)
    answer = send(editor_client, event, id="c3", action="in", code=code.lower().replace("-", " ")).json()
    assert answer["status"] == "checked_in"
    assert send(editor_client, event, id="c4", action="in", code="AAAAA-BBBBB").json()["status"] == "not_found"


def test_checking_out_lowers_the_count_against_the_venue_capacity(editor_client, event):
    people = [make_participant(event, name) for name in ("Ada Lovelace", "Grace Hopper")]
    for number, person in enumerate(people):
        send(editor_client, event, id=f"in-{number}", action="in", participant=person.pk)
    answer = send(editor_client, event, id="out-0", action="out", participant=people[0].pk).json()
    assert (answer["status"], answer["present"], answer["capacity"]) == ("checked_out", 1, 5)
    state = editor_client.get(door_api(event)).json()
    assert state["present"] == 1
    assert [person["in"] for person in state["people"]] == [False, True]


def test_a_participant_of_another_event_is_not_found(editor_client, event):
    other = make_registration_event(title="Anders")
    stranger = make_participant(other, "Hedy Lamarr")
    answer = send(editor_client, event, id="x1", action="in", participant=stranger.pk).json()
    assert answer["status"] == "not_found"
    assert not CheckIn.objects.exists()


def test_bad_payloads_are_refused_without_a_server_error(editor_client, event):
    response = editor_client.post(door_api(event), "not json", content_type="application/json")
    assert response.status_code == 400
    assert send(editor_client, event, id="", action="in").json()["status"] == "invalid"
    assert send(editor_client, event, id="z", action="dance").json()["status"] == "invalid"


def test_the_door_needs_the_manage_permission_and_the_events_page_permission(client, django_user_model, event):
    user = django_user_model.objects.create_user("door", "door@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    page = reverse("barcamp_wagtail_participants_door", args=[event.pk])
    assert client.get(page).status_code == 403
    assert send(client, event, id="p1", action="in").status_code == 403
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_participant", "manage_participants"]))
    client.force_login(user)
    assert client.get(page).status_code == 200  # Editors may edit every page of the example site


def test_the_bundled_qr_reader_is_the_pinned_npm_package():
    """The door's camera scan uses jsQR from the app's static files (``make vendor``), the very
    file of the version package.json pins."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    package = root / "node_modules" / "jsqr"
    vendored = root / "barcamp_wagtail" / "static" / "barcamp_wagtail" / "participants" / "vendor"
    if not package.exists():
        pytest.fail("node_modules/jsqr is missing: run npm ci (make test does)")

    pinned = json.loads((root / "package.json").read_text())["devDependencies"]["jsqr"]
    assert json.loads((package / "package.json").read_text())["version"] == pinned
    assert (vendored / "jsQR.js").read_bytes() == (package / "dist" / "jsQR.js").read_bytes()
    assert (vendored / "jsQR-LICENSE.txt").read_bytes() == (package / "LICENSE").read_bytes()
