"""The plenary board: the moderator steps through the pitches on a phone, the projector follows."""

import pytest
from django.urls import reverse

from barcamp_wagtail.models import SessionProposal, VoterCode

from .conftest import make_proposal, make_proposal_page

pytestmark = pytest.mark.django_db


def moderate_url(event):
    return reverse("barcamp_wagtail_plenary", args=[event.pk])


def board_url(event):
    return reverse("barcamp_wagtail_plenary_board", args=[event.pk])


def state_url(event):
    return reverse("barcamp_wagtail_plenary_state", args=[event.pk])


def codes_url(event):
    return reverse("barcamp_wagtail_voter_codes", args=[event.pk])


@pytest.fixture
def pitches(event):
    return [
        make_proposal(event, "Open Data", name="Ada Lovelace", show_name=True, email="ada@example.org"),
        make_proposal(event, "Green Coding", name="Secret Person", show_name=False, email="secret@example.org"),
        make_proposal(event, "Declined idea", status=SessionProposal.Status.DECLINED),
    ]


def state(client, event):
    response = client.get(state_url(event))
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("url", [moderate_url, board_url, state_url, codes_url])
def test_admin_users_without_the_moderate_permission_get_403(other_editor_client, event, url):
    assert other_editor_client.get(url(event)).status_code == 403


@pytest.mark.parametrize("url", [moderate_url, board_url, state_url, codes_url])
def test_visitors_are_sent_to_the_login(client, event, url):
    response = client.get(url(event))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_post_without_the_permission_changes_nothing(other_editor_client, event, pitches):
    response = other_editor_client.post(moderate_url(event), {"action": "next"})
    count = other_editor_client.post(
        moderate_url(event), {"action": "count", "proposal": pitches[0].pk, "hand_count": 99}
    )

    assert response.status_code == count.status_code == 403
    pitches[0].refresh_from_db()
    assert pitches[0].hand_count is None


def test_the_moderator_steps_through_the_pitches_and_the_board_follows(moderator_client, event, pitches):
    assert state(moderator_client, event)["current"] is None

    moderator_client.post(moderate_url(event), {"action": "next"})
    first = state(moderator_client, event)
    moderator_client.post(moderate_url(event), {"action": "next"})
    second = state(moderator_client, event)
    moderator_client.post(moderate_url(event), {"action": "next"})  # stays on the last one
    moderator_client.post(moderate_url(event), {"action": "previous"})

    assert (first["current"]["title"], first["position"], first["total"]) == ("Open Data", 1, 2)
    assert (second["current"]["title"], second["position"]) == ("Green Coding", 2)
    assert state(moderator_client, event)["current"]["title"] == "Open Data"
    assert first["version"] != second["version"]


def test_the_moderator_types_the_hand_count_and_moves_on(moderator_client, event, pitches):
    moderator_client.post(moderate_url(event), {"action": "next"})

    response = moderator_client.post(
        moderate_url(event), {"action": "count", "proposal": pitches[0].pk, "hand_count": "23", "advance": "1"}
    )

    assert response.status_code == 302
    pitches[0].refresh_from_db()
    assert pitches[0].hand_count == 23
    assert pitches[0].interest == 23
    data = state(moderator_client, event)
    assert data["current"]["title"] == "Green Coding"
    assert data["proposals"][0]["hand_count"] == 23


def test_a_negative_hand_count_is_refused(moderator_client, event, pitches):
    moderator_client.post(moderate_url(event), {"action": "next"})

    response = moderator_client.post(
        moderate_url(event), {"action": "count", "proposal": pitches[0].pk, "hand_count": "-4"}
    )

    assert response.status_code == 400
    pitches[0].refresh_from_db()
    assert pitches[0].hand_count is None


def test_the_moderator_can_show_any_pitch_and_the_whole_list(moderator_client, event, pitches):
    moderator_client.post(moderate_url(event), {"action": "show", "proposal": pitches[1].pk})
    assert state(moderator_client, event)["current"]["title"] == "Green Coding"

    moderator_client.post(moderate_url(event), {"action": "list", "show_list": "1"})
    data = state(moderator_client, event)

    assert data["show_list"] is True
    assert [item["title"] for item in data["proposals"]] == ["Open Data", "Green Coding"]


def test_the_board_shows_names_only_with_consent_and_never_an_email(moderator_client, event, pitches):
    moderator_client.post(moderate_url(event), {"action": "next"})
    html = moderator_client.get(board_url(event)).content.decode()
    data = moderator_client.get(state_url(event)).content.decode()

    assert "Open Data" in html and "Ada Lovelace" in html
    for text in (html, data):
        assert "Secret Person" not in text
        assert "@example.org" not in text
        assert "Declined idea" not in text


def test_the_board_is_a_full_screen_page_that_polls_the_state(moderator_client, event, pitches):
    html = moderator_client.get(board_url(event)).content.decode()

    assert 'class="barcamp-screen"' in html
    assert "wagtailadmin" not in html  # no admin chrome on the projector
    assert f'data-url="{state_url(event)}"' in html
    assert "barcamp_wagtail/js/plenary.js" in html


def test_visitor_text_is_escaped_on_the_board(moderator_client, event):
    make_proposal(event, "<img src=x onerror=alert(1)>")
    moderator_client.post(moderate_url(event), {"action": "next"})

    html = moderator_client.get(board_url(event)).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_late_proposal_is_added_on_the_spot_and_shown(moderator_client, event, pitches):
    response = moderator_client.post(
        moderate_url(event),
        {"action": "add", "title": "Lightning demos", "name": "Kim", "show_name": "on", "consent": "on"},
    )

    assert response.status_code == 302
    late = SessionProposal.objects.get(title="Lightning demos")
    assert late.status == SessionProposal.Status.SUBMITTED
    assert (late.name, late.show_name, late.privacy_consent) == ("Kim", True, True)
    assert late.consent_at is not None and late.email == ""
    data = state(moderator_client, event)
    assert data["current"]["title"] == "Lightning demos" and data["current"]["host"] == "Kim"


def test_a_late_proposal_without_consent_to_show_the_name_keeps_it_off_the_board(moderator_client, event):
    moderator_client.post(moderate_url(event), {"action": "add", "title": "Quiet one", "name": "Kim", "consent": "on"})

    late = SessionProposal.objects.get(title="Quiet one")
    assert late.show_name is False
    assert state(moderator_client, event)["current"]["host"] == ""


def test_a_late_proposal_with_a_name_needs_the_hosts_consent(moderator_client, event):
    response = moderator_client.post(moderate_url(event), {"action": "add", "title": "No consent", "name": "Kim"})

    assert response.status_code == 400
    assert not SessionProposal.objects.filter(title="No consent").exists()


def test_a_late_proposal_without_a_name_needs_no_consent(moderator_client, event):
    moderator_client.post(moderate_url(event), {"action": "add", "title": "Anonymous idea"})

    late = SessionProposal.objects.get(title="Anonymous idea")
    assert (late.name, late.privacy_consent, late.consent_at) == ("", False, None)


def test_the_moderator_page_lists_hand_counts_and_online_votes(moderator_client, event, pitches):
    pitches[0].hand_count = 12
    pitches[0].save()

    html = moderator_client.get(moderate_url(event)).content.decode()

    assert "12 hands" in html and "0 online votes" in html


def test_the_moderator_makes_voter_codes_that_are_shown_once(moderator_client, event):
    make_proposal_page(event)

    response = moderator_client.post(codes_url(event), {"count": "5"})
    html = response.content.decode()

    assert VoterCode.objects.filter(event=event).count() == 5
    codes = [line for line in html.split("<textarea")[1].split(">", 1)[1].split("</textarea>")[0].split() if line]
    assert len(codes) == 5 and all(len(code) == 11 and code[5] == "-" for code in codes)
    again = moderator_client.get(codes_url(event)).content.decode()
    assert codes[0] not in again and "5 voter codes" in again


def test_the_event_page_in_the_admin_offers_the_plenary(editor_client, event):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()

    assert moderate_url(event) in html


def test_the_board_in_list_mode_says_no_pitch_number_in_its_header(moderator_client, event, pitches):
    moderator_client.post(moderate_url(event), {"action": "next"})
    assert "Pitch 1 of 2" in moderator_client.get(board_url(event)).content.decode()

    moderator_client.post(moderate_url(event), {"action": "list", "show_list": "1"})
    html = moderator_client.get(board_url(event)).content.decode()

    assert "Pitch 1 of 2" not in html
    assert "data-board-position></p>" in html
    assert "All pitches" in html
