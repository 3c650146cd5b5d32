"""The example site's main navigation: the home page and the pages below it marked "show in
menus" (Wagtail's promote tab), the current section marked for screen readers. One query: the
site's root path comes from Wagtail's cached site root paths."""

import re

from django import template
from django.db.models import Q
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("home/includes/site_navigation.html", takes_context=True)
def site_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    root_path = next((root.root_path for root in Site.get_site_root_paths() if site and root.site_id == site.pk), None)
    if root_path is None:
        return {"items": []}
    pages = Page.objects.live().filter(
        Q(url_path=root_path) | Q(show_in_menus=True, url_path__regex=rf"^{re.escape(root_path)}[^/]+/$")
    )
    current = context.get("page")
    items = []
    for page in sorted(pages, key=lambda page: page.path):
        active = current is not None and (
            current.pk == page.pk if page.url_path == root_path else current.path.startswith(page.path)
        )
        items.append((page, active))
    return {"items": items}
