import pytest
from django.urls import reverse

from barcamp_wagtail.models import EventPage, Sponsor, sponsor_tiers

from .factories import make_event
from .press_factories import make_image, make_sponsor

pytestmark = pytest.mark.django_db


def test_editor_keeps_a_sponsor_with_logo_once_for_all_events(editor_client):
    logo = make_image("Devspire logo")

    response = editor_client.post(
        reverse("wagtailsnippets_barcamp_wagtail_sponsor:add"),
        {"name": "Devspire", "logo": logo.pk, "url": "https://devspire.example/", "description": "Software."},
    )

    assert response.status_code == 302
    sponsor = Sponsor.objects.get()
    assert (sponsor.name, sponsor.logo, sponsor.url) == ("Devspire", logo, "https://devspire.example/")


def test_a_sponsor_link_must_be_a_web_address(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_barcamp_wagtail_sponsor:add"),
        {"name": "Evil", "logo": "", "url": "javascript:alert(1)", "description": ""},
    )

    assert response.status_code == 200
    assert not Sponsor.objects.exists()


def test_sponsors_have_their_own_admin_menu_entry(editor_client):
    make_sponsor("Küberit Systeme")

    dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    listing = editor_client.get(reverse("wagtailsnippets_barcamp_wagtail_sponsor:list")).content.decode()

    assert reverse("wagtailsnippets_barcamp_wagtail_sponsor:list") in dashboard
    assert "Küberit Systeme" in listing


def test_an_events_sponsors_are_collected_by_tier_in_page_order():
    gold, silver, friend = make_sponsor("Gold Inc"), make_sponsor("Silver Ltd"), make_sponsor("Friend eV")
    event = make_event(
        body=[
            ("sponsor", {"sponsor": friend, "show_description": True}),
            (
                "sponsor_wall",
                {
                    "heading": "",
                    "tiers": [{"name": "Gold", "sponsors": [gold]}, {"name": "Silver", "sponsors": [silver, friend]}],
                },
            ),
        ]
    )

    tiers = sponsor_tiers(EventPage.objects.get(pk=event.pk))

    assert [(name, [s.name for s in sponsors]) for name, sponsors in tiers] == [
        ("", ["Friend eV"]),
        ("Gold", ["Gold Inc"]),
        ("Silver", ["Silver Ltd"]),
    ]
