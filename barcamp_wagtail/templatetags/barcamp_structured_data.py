"""``{% structured_data page %}``: Open Graph tags and schema.org JSON-LD for the page's head."""

from django import template

from .. import structured_data

register = template.Library()


@register.inclusion_tag("barcamp_wagtail/includes/structured_data.html", takes_context=True, name="structured_data")
def structured_data_tag(context, page):
    request = context.get("request")
    data = structured_data.json_ld_data(page, request)
    return {
        "open_graph": structured_data.open_graph(page, request),
        "json_ld": structured_data.json_ld_script(data) if data else "",
    }
