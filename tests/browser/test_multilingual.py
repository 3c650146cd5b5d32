"""A visitor on the English translation of an event switches to German and finds the same grid."""

import pytest

from ..multilingual.translate import make_bilingual_home, make_bilingual_programme, use_multilingual_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def programme(settings, live_server):
    use_multilingual_settings(settings)
    home, _english_home = make_bilingual_home()
    return make_bilingual_programme(home)


def grid_cells(page):
    """The schedule table as the visitor sees it: (room, session) pairs, slot by slot."""
    table = page.locator(".barcamp-schedule__days table").first
    rooms = table.locator("thead th[scope=col]").all_inner_texts()[1:]  # after the time column
    cells = []
    for row in table.locator("tbody tr").all():
        for index, cell in enumerate(row.locator("td").all()):
            for title in cell.locator(".barcamp-schedule-session a").all_inner_texts():
                cells.append((rooms[index] if index < len(rooms) else "", title.strip()))
    return rooms, cells


def test_visitor_switches_from_english_to_german_and_sees_the_same_grid(live_server, programme, new_page, shots):
    page = new_page(locale="en-GB")
    page.goto(live_server.url + programme["english_schedule"].url)
    shots(page, "english-schedule")
    english_rooms, english_cells = grid_cells(page)
    assert page.locator('link[rel=alternate][hreflang="de"]').get_attribute("href").endswith(programme["schedule"].url)

    page.locator(".barcamp-languages").get_by_role("link", name="Deutsch").click()
    page.wait_for_url(f"**{programme['schedule'].url}")
    shots(page, "german-schedule")
    german_rooms, german_cells = grid_cells(page)

    assert english_rooms == german_rooms
    assert ("Großer Saal", "Coffee and code") in english_cells
    assert ("Großer Saal", "Kaffee und Code") in german_cells
    assert [room for room, _title in english_cells] == [room for room, _title in german_cells]
    assert ("Werkstatt", "Nur auf Deutsch") in english_cells and ("Werkstatt", "Nur auf Deutsch") in german_cells
    assert page.locator(".barcamp-languages [aria-current=page]").inner_text() == "Deutsch"
