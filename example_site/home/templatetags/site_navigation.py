"""The example site's main navigation: the home page and the pages below it marked "show in
menus" (Wagtail's promote tab), the current section marked for screen readers.

The pages come from the app's schedule cache, one entry for all Sites, emptied whenever a page
or a Site is saved, deleted or moved (``example_site.home.navigation_cache`` says how long
another process may keep an old menu). The query behind it scans the page tree (2–3 ms on the
1,520 pages of the benchmark database), which was a tenth of serving a cached schedule page."""

from django import template
from wagtail.models import Site

from ..navigation_cache import cached_menu_pages

register = template.Library()


@register.inclusion_tag("home/includes/site_navigation.html", takes_context=True)
def site_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"items": []}
    pages = cached_menu_pages(site)
    current = context.get("page")
    root = pages[0] if pages else None
    items = []
    for page in pages:
        section = current is not None and current.path.startswith(page.path)
        active = current is not None and (current.pk == page.pk if page.pk == root.pk else section)
        items.append((page, active))
    return {"items": items}
