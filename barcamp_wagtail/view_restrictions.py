"""A page's view restrictions in one query where Wagtail takes two.

Wagtail serves every page through its ``check_view_restrictions`` hook, which asks the page
for the restrictions of the page and its ancestors: ``Page.get_view_restrictions`` reads the
ancestors (to put an alias's source page in its place), then the restrictions, two queries on
every request, though almost no page has any. The app's page types read the page and its
ancestors once, each with whether a restriction names it. With no alias among them, the
restrictions are those of the pages named, the set Wagtail's method gives: none without a
further query (the usual case), else the restrictions of those pages (a second query, as
before). With an alias among them, Wagtail's own method answers.
"""

from django.db.models import Exists, OuterRef
from wagtail.models import Page, PageViewRestriction


class OneQueryViewRestrictionsMixin:
    """``get_view_restrictions`` in one query for a page without restrictions (see above)."""

    def get_view_restrictions(self):
        if self.pk is None or not self.path or self.alias_of_id is not None:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        named = Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
        pages = Page.objects.filter(path__in=paths).order_by().values_list("pk", "alias_of_id", named)
        restricted = set()
        for pk, alias_of_id, has_restriction in pages:
            if alias_of_id is not None:
                return super().get_view_restrictions()
            if has_restriction:
                restricted.add(pk)
        if not restricted:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=restricted)
