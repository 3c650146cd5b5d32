"""The admin's lists and words: the inbox and its exports read like the rest of the admin
(localised times, labels, hand counts and votes, empty cells empty), headings start upper-case,
warnings keep names as written, messages count what they say."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from barcamp_wagtail.models import EventPage, InterestVote, SessionProposal, VoterCode
from tests.factories import make_event, make_room, make_session, make_slot

from .conftest import make_proposal

pytestmark = pytest.mark.django_db

INBOX = "/admin/barcamp_wagtail/sessionproposal/"
DECIDE = "/admin/barcamp/proposals/decide/"
SUBMITTED = datetime.datetime(2026, 10, 2, 7, 30, 15, 123456, tzinfo=datetime.UTC)  # 09:30 in Berlin


def proposals_with_votes(event):
    counted = make_proposal(event, title="Counted", hand_count=0, created_at=SUBMITTED, link="", show_name=False)
    voted = make_proposal(event, title="Voted", format="workshop", created_at=SUBMITTED)
    for code in VoterCode.generate(event, 3):
        InterestVote.objects.create(proposal=voted, voter=VoterCode.find(event, code))
    return counted, voted


def csv_rows(client, language="en"):
    response = client.get(INBOX, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE=language)
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    return {row.get("Title", row.get("Titel")): row for row in rows}


def test_the_csv_export_has_local_times_labels_counts_and_empty_cells(editor_client, event):
    proposals_with_votes(event)

    rows = csv_rows(editor_client)

    counted, voted = rows["Counted"], rows["Voted"]
    assert counted["Submitted at"] == voted["Submitted at"] == "2026-10-02 09:30"
    assert (counted["Status"], voted["Format"]) == ("Submitted", "Workshop")
    assert (counted["Hand count"], counted["Votes"]) == ("0", "0")
    assert (voted["Hand count"], voted["Votes"]) == ("", "3")
    assert counted["Link"] == counted["Public name"] == ""
    assert not any(value in ("-", "'-") for row in rows.values() for value in row.values())


def test_the_german_csv_export_keeps_the_headings_as_written(editor_client, event):
    proposals_with_votes(event)
    editor_client.get("/admin/")

    with translation.override("de"):
        headings = next(iter(csv_rows(editor_client, "de").values())).keys()

    assert "Worum es geht" in headings and "Eingereicht am" in headings and "Handzeichen" in headings


def test_the_xlsx_export_has_times_in_the_sites_time_zone(editor_client, event):
    from openpyxl import load_workbook

    proposals_with_votes(event)

    response = editor_client.get(INBOX, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    times = [
        cell.value for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, datetime.datetime)
    ]

    assert times and all(
        value.replace(second=0, microsecond=0) == datetime.datetime(2026, 10, 2, 9, 30) for value in times
    )


def test_the_inbox_lists_hand_counts_and_votes_with_labels_and_without_mid_word_breaks(editor_client, event):
    proposals_with_votes(event)

    html = editor_client.get(INBOX, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "column-hand_count" in html and "column-vote_count" in html
    assert '<td class="field-vote_count' in html
    assert ">Submitted<" in html and ">Workshop<" in html
    assert "barcamp_wagtail/css/admin_lists.css" in html


def test_the_decide_page_can_select_every_proposal_at_once(editor_client, event):
    make_proposal(event, title="One")
    make_proposal(event, title="Two")

    html = editor_client.get(DECIDE).content.decode()

    assert 'data-controller="w-bulk"' in html
    assert 'data-action="w-bulk#toggleAll"' in html
    assert html.count('data-w-bulk-target="item"') == 2


def test_admin_panel_headings_start_with_a_capital(editor_client, event):
    html = editor_client.get(f"/admin/pages/{event.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    for heading in ("Dates", "Venue", "Rooms", "Time slots"):
        assert f">{heading}<" in html.replace("\n", "").replace("  ", "") or f"{heading}</" in html
    assert ">dates<" not in html and ">venue<" not in html


def test_the_host_conflict_warning_names_hosts_as_written():
    from barcamp_wagtail.planner.operations import Move, Plan, find_conflicts

    event = make_event(title="Conflict camp")
    plenum, studio = make_room(event, "Plenum"), make_room(event, "Studio", sort_order=1)
    slot = make_slot(event)
    make_session(event, "Open Data", room=plenum, time_slot=slot, hosts="Marie Ting, Oliver Schuster")
    moved = make_session(event, "Kreislauf", hosts="MARIE  TING")

    warnings = find_conflicts(event, Plan(action="place", moves=[Move(session=moved, room=studio, slot=slot)]))

    assert any(warning.startswith("Marie Ting would host") for warning in warnings), warnings


def test_purge_reports_the_proposals_it_deleted_not_their_votes():
    old = make_event(title="Long ago", slug="long-ago", day=timezone.localdate() - datetime.timedelta(days=400))
    proposal = make_proposal(old, title="Old idea")
    for code in VoterCode.generate(old, 4):
        InterestVote.objects.create(proposal=proposal, voter=VoterCode.find(old, code))
    out = io.StringIO()

    call_command("barcamp_privacy", "purge", stdout=out)

    assert "1 proposal(s) deleted." in out.getvalue()
    assert not SessionProposal.objects.exists() and EventPage.objects.filter(pk=old.pk).exists()
