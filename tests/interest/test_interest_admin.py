"""The organisers' list of sign-ups: permission-protected, exporting confirmed addresses only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from barcamp_wagtail.models import InterestSignup

pytestmark = pytest.mark.django_db

LIST = "/admin/barcamp_wagtail/interestsignup/"


def make_signup(event, email="grace@example.org", confirmed=True, **fields):
    return InterestSignup.objects.create(
        event=event, email=email, confirmed_at=timezone.now() if confirmed else None, **fields
    )


@pytest.fixture
def editor(client, django_user_model):
    """A Wagtail editor: admin access, page permissions, nothing about sign-ups."""
    user = django_user_model.objects.create_user("eddie", "eddie@example.org", "password")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def organiser(client, django_user_model):
    user = django_user_model.objects.create_user("orga", "orga@example.org", "password")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="barcamp_wagtail", codename="view_interestsignup")
    )
    client.force_login(user)
    return client


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("suffix", ["", "?export=csv", "?export=xlsx"])
def test_an_editor_without_permission_gets_403(editor, event, suffix):
    make_signup(event)

    assert editor.get(LIST + suffix).status_code == 403


def test_an_editor_without_permission_cannot_delete_a_sign_up(editor, event):
    signup = make_signup(event)

    assert editor.post(f"{LIST}delete/{signup.pk}/").status_code == 403
    assert InterestSignup.objects.exists()


def test_an_organiser_with_the_view_permission_sees_the_list(organiser, event):
    make_signup(event, email="confirmed@example.org")
    make_signup(event, email="waiting@example.org", confirmed=False)

    html = organiser.get(LIST).content.decode()

    assert "confirmed@example.org" in html and "waiting@example.org" in html


def test_the_list_filters_confirmed_sign_ups(organiser, event):
    make_signup(event, email="confirmed@example.org")
    make_signup(event, email="waiting@example.org", confirmed=False)

    html = organiser.get(LIST, {"confirmed": "no"}).content.decode()

    assert "waiting@example.org" in html and "confirmed@example.org" not in html


def test_nobody_creates_or_edits_sign_ups_in_the_admin(editor_client, event):
    signup = make_signup(event)

    assert editor_client.get(f"{LIST}create/").status_code == 403
    assert editor_client.get(f"{LIST}edit/{signup.pk}/").status_code == 403


def test_the_csv_export_holds_confirmed_addresses_only(organiser, event):
    make_signup(event, email="confirmed@example.org", name="Grace Hopper")
    make_signup(event, email="waiting@example.org", confirmed=False)

    rows = csv_rows(organiser.get(LIST, {"export": "csv"}))
    filtered_to_waiting = csv_rows(organiser.get(LIST, {"export": "csv", "confirmed": "no"}))

    assert [row[0] for row in rows[1:]] == ["confirmed@example.org"]
    assert rows[1][1] == "Grace Hopper"
    assert rows[1][2] == event.title
    assert filtered_to_waiting[1:] == []


def test_the_csv_export_neutralises_formulas(organiser, event):
    formulas = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]
    for index, text in enumerate(formulas):
        make_signup(event, email=f"p{index}@example.org", name=text)

    rows = csv_rows(organiser.get(LIST, {"export": "csv"}))

    assert {row[1] for row in rows[1:]} == {"'" + text for text in formulas}
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_xlsx_export_holds_confirmed_addresses_only(organiser, event):
    from openpyxl import load_workbook

    make_signup(event, email="confirmed@example.org", name="=1+1")
    make_signup(event, email="waiting@example.org", confirmed=False)

    response = organiser.get(LIST, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]

    assert [row[:2] for row in rows] == [["confirmed@example.org", "'=1+1"]]


def test_the_list_needs_the_same_number_of_queries_for_many_sign_ups(
    editor_client, event, django_assert_max_num_queries
):
    make_signup(event, email="one@example.org")
    editor_client.get(LIST)
    with django_assert_max_num_queries(40) as few:
        editor_client.get(LIST)
    for index in range(20):
        make_signup(event, email=f"p{index}@example.org")

    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(LIST)
