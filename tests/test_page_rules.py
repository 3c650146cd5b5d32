from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from barcamp_wagtail.models import EventPage, SessionPage
from example_site.home.models import HomePage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_events_can_be_created_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, EventPage)

    def test_sessions_live_only_under_an_event(self):
        self.assertAllowedParentPageTypes(SessionPage, {EventPage})
        self.assertCanNotCreateAt(HomePage, SessionPage)
        self.assertCanNotCreateAt(Page, SessionPage)

    def test_sessions_have_no_children(self):
        self.assertAllowedSubpageTypes(SessionPage, set())

    def test_an_event_holds_sessions(self):
        self.assertCanCreateAt(EventPage, SessionPage)
