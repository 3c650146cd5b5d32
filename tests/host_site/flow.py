"""The browser's part of the host-site job: Chromium, driven by Playwright, against the host's server.

A visitor proposes a session on a phone, the organiser accepts it and places it in the planner,
the schedule shows inside the host's base.html (grid on a desktop, list on a phone) with no
axe-core contrast violation, the language switch works, and the PDF downloads with the session.
Every step leaves a screenshot in the artefacts folder.
"""

import io
import json
from urllib.parse import urljoin

from tests.browser.conftest import AXE, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

TITLE = "Offene Daten für kleine Gemeinden"


class Browser:
    """Chromium with numbered screenshots of each step."""

    def __init__(self, playwright, artefacts):
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.artefacts = artefacts
        self.count = len(list(artefacts.glob("*.png")))

    def page(self, viewport=DESKTOP, locale="en-GB"):
        context = self.browser.new_context(viewport=viewport, locale=locale)
        return context.new_page()

    def shot(self, page, name, full_page=True):
        self.count += 1
        path = self.artefacts / f"{self.count:02d}-{name}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    def close(self):
        self.browser.close()


def contrast_violations(page):
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})")
    return [[node["target"] for node in violation["nodes"]] for violation in result["violations"]]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def log_in(page, base, password):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "orga")
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")


def visitor_proposes(browser, base, content):
    page = browser.page(viewport=PHONE)
    page.goto(base + content["proposal"])
    page.get_by_label("Title of your session").fill(TITLE)
    page.get_by_label("What is it about?").fill("Welche Daten es gibt und was Ehrenamtliche daraus machen.")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your e-mail address").fill("ada@example.org")
    page.get_by_label("My name may be shown publicly with the session.").check()
    page.get_by_label("I agree that my proposal").check()
    page.wait_for_timeout(3500)  # a person takes longer than the time trap's 3 seconds
    browser.shot(page, "proposal-form")
    page.get_by_role("button", name="Send proposal").click()
    page.get_by_role("heading", name="Thank you for your proposal!").wait_for()
    browser.shot(page, "proposal-thanks")


def organiser_accepts_and_places(browser, base, content, password):
    page = browser.page()
    log_in(page, base, password)
    page.goto(f"{base}/admin/barcamp/proposals/decide/")
    page.get_by_label(TITLE).check()
    page.get_by_role("button", name="Accept and publish").click()
    page.wait_for_load_state()
    browser.shot(page, "accepted")
    page.goto(f"{base}/admin/barcamp/planner/{content['event_id']}/")
    # Pick the session's card, then the cell: the planner saves and shows the grid again.
    page.locator("[data-session]", has_text=TITLE).locator("button").first.click()
    cell = page.locator(f"td[data-cell='{content['first_cell']}']")
    with page.expect_navigation():
        cell.locator(".barcamp-planner__target button").click()
    check(TITLE in page.locator(f"td[data-cell='{content['first_cell']}']").inner_text(), "the session was not placed")
    browser.shot(page, "placed")


def schedule_reads_well(browser, base, content, name):
    """The schedule inside the host's base.html: the grid alone on a desktop, the list alone on a
    phone, and no contrast violation on either. Returns the desktop screenshot."""
    desktop = browser.page()
    # During the first round, so that the "now" badge and the current slot show in the brand colour.
    desktop.clock.install(time=content["during_first_round"])
    desktop.goto(base + content["schedule"])
    desktop.locator(".barcamp-now:visible").first.wait_for()
    grid, listing = desktop.locator(".barcamp-schedule__grid"), desktop.locator(".barcamp-schedule__list")
    check(grid.is_visible() and not listing.is_visible(), f"{name}: the desktop must show the grid alone")
    check(TITLE in grid.inner_text(), f"{name}: the placed session is not in the grid")
    screenshot = browser.shot(desktop, f"schedule-{name}", full_page=False)
    violations = contrast_violations(desktop)
    check(not violations, f"{name}: contrast violations on the desktop: {json.dumps(violations)}")

    phone = browser.page(viewport=PHONE)
    phone.goto(base + content["schedule"])
    grid, listing = phone.locator(".barcamp-schedule__grid"), phone.locator(".barcamp-schedule__list")
    check(listing.is_visible() and not grid.is_visible(), f"{name}: the phone must show the list alone")
    browser.shot(phone, f"schedule-{name}-phone")
    violations = contrast_violations(phone)
    check(not violations, f"{name}: contrast violations on the phone: {json.dumps(violations)}")
    return screenshot


def language_switch_works(browser, base, content):
    page = browser.page(viewport=PHONE)
    page.goto(base + content["schedule"])
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Change", exact=True).click()
    page.wait_for_load_state()
    check(page.locator("html").get_attribute("lang") == "de", "the language switch did not switch")
    check("Programm am" in page.locator("caption").first.inner_text(), "the schedule is not in German")
    browser.shot(page, "schedule-german")


def pdf_downloads(browser, base, content):
    from pypdf import PdfReader

    page = browser.page()
    page.goto(base + content["event"])
    href = page.get_by_role("link", name="Wall grid (PDF, A4)").get_attribute("href")
    response = page.context.request.get(urljoin(page.url, href))
    check(response.headers["content-type"] == "application/pdf", f"the PDF link answered {response.status}")
    text = " ".join(" ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(response.body())).pages).split())
    check(TITLE in text, "the session is not in the PDF")
    (browser.artefacts / "wall-grid.pdf").write_bytes(response.body())
