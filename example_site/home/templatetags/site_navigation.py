"""The example site's main navigation: the home page and the pages below it marked "show in
menus" (Wagtail's promote tab), the current section marked for screen readers."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("home/includes/site_navigation.html", takes_context=True)
def site_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    home = site.root_page
    items = [(home, current is not None and current.pk == home.pk)]
    for page in home.get_children().live().in_menu().specific():
        items.append((page, current is not None and current.path.startswith(page.path)))
    return {"items": items}
