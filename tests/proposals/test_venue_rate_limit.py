"""Venue Wi-Fi: forty people behind one public address. Floods from one address stay throttled,
but with the venue code (or from the venue's network) each browser is counted on its own."""

import pytest

from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor

pytestmark = pytest.mark.django_db

VENUE = "203.0.113.10"


@pytest.fixture(autouse=True)
def limit_of_ten(proposal_settings):
    proposal_settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 10}


@pytest.fixture
def venue_page(proposal_page):
    proposal_page.venue_code = "Kaffee42"
    proposal_page.save_revision().publish()
    return proposal_page


def people_at_the_venue(count):
    return [Visitor(REMOTE_ADDR=VENUE) for _ in range(count)]


def test_without_the_code_the_eleventh_proposal_from_one_address_is_refused(venue_page):
    responses = [visitor.send(venue_page, {"title": f"Idee {n}"}) for n, visitor in enumerate(people_at_the_venue(11))]

    assert [response.status_code for response in responses] == [303] * 10 + [429]
    assert "type the venue code shown in the room" in responses[-1].content.decode()
    assert SessionProposal.objects.count() == 10


def test_with_the_venue_code_the_eleventh_person_behind_the_address_gets_through(venue_page):
    people = people_at_the_venue(11)
    for number, person in enumerate(people[:10]):
        assert person.send(venue_page, {"title": f"Idee {number}"}).status_code == 303

    response = people[10].send(venue_page, {"title": "Die elfte Idee", "venue_code": " kaffee42 "})

    assert response.status_code == 303
    assert SessionProposal.objects.filter(title="Die elfte Idee").exists()


def test_the_whole_plenary_can_propose_with_the_code(venue_page):
    statuses = [
        person.send(venue_page, {"title": f"Idee {n}", "venue_code": "Kaffee42"}).status_code
        for n, person in enumerate(people_at_the_venue(25))
    ]

    assert statuses == [303] * 25


def test_one_browser_is_still_limited_at_the_venue(venue_page):
    person = Visitor(REMOTE_ADDR=VENUE)

    statuses = [
        person.send(venue_page, {"title": f"Idee {n}", "venue_code": "Kaffee42"}).status_code for n in range(11)
    ]

    assert statuses == [303] * 10 + [429]


def test_a_flood_from_the_venue_address_is_still_stopped(venue_page, proposal_settings):
    proposal_settings.BARCAMP_WAGTAIL |= {"PROPOSAL_VENUE_RATE_LIMIT": 15}

    statuses = [
        person.send(venue_page, {"title": f"Idee {n}", "venue_code": "Kaffee42"}).status_code
        for n, person in enumerate(people_at_the_venue(16))
    ]

    assert statuses == [303] * 15 + [429]


def test_a_browser_without_the_cookie_is_counted_by_its_address(venue_page):
    people = people_at_the_venue(11)
    for number, person in enumerate(people[:10]):
        person.send(venue_page, {"title": f"Idee {number}"})
    people[10].open(venue_page)
    people[10].client.cookies.pop("barcamp_wagtail_browser")

    response = people[10].send(venue_page, {"venue_code": "Kaffee42"}, reopen=False)

    assert response.status_code == 429


def test_a_wrong_venue_code_is_refused_with_a_message(venue_page):
    response = Visitor(REMOTE_ADDR=VENUE).send(venue_page, {"venue_code": "Tee"})

    assert response.status_code == 200
    assert "This is not the code shown at the venue" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_the_code_field_appears_only_when_the_page_has_a_code(proposal_page, venue_page):
    assert "Venue code" in Visitor().open(venue_page).content.decode()
    venue_page.venue_code = ""
    venue_page.save_revision().publish()
    assert "Venue code" not in Visitor().open(venue_page).content.decode()


def test_the_venues_network_counts_per_browser_without_a_code(proposal_page):
    proposal_page.venue_networks = "198.51.100.0/28, 2001:db8::/64"
    proposal_page.save_revision().publish()

    inside = [Visitor(REMOTE_ADDR="198.51.100.3").send(proposal_page).status_code for _ in range(12)]
    outside = [Visitor(REMOTE_ADDR="198.51.100.200").send(proposal_page).status_code for _ in range(11)]

    assert inside == [303] * 12
    assert outside == [303] * 10 + [429]


def test_a_venue_network_must_be_an_address_range(proposal_page):
    from django.core.exceptions import ValidationError

    proposal_page.venue_networks = "198.51.100.0/28, the hall"

    with pytest.raises(ValidationError, match="is not an address range"):
        proposal_page.full_clean()


def test_the_refused_form_keeps_what_was_typed(venue_page, proposal_settings):
    proposal_settings.BARCAMP_WAGTAIL |= {"PROPOSAL_RATE_LIMIT": 1}
    person = Visitor(REMOTE_ADDR=VENUE)
    person.send(venue_page)

    response = person.send(venue_page, {"title": "Zweite Idee", "name": "Ada Zwei", "email": "ada2@example.org"})

    html = response.content.decode()
    assert response.status_code == 429
    assert "Zweite Idee" in html and "Ada Zwei" in html and "ada2@example.org" in html


def test_the_form_sets_no_cookie_where_there_is_no_venue_code_or_network(proposal_page):
    visitor = Visitor()
    visitor.open(proposal_page)

    assert "barcamp_wagtail_browser" not in visitor.client.cookies
