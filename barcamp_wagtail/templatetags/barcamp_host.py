"""Tags of ``barcamp_wagtail/base.html``, the one template that meets the host's ``base.html``.

Host base templates differ: ``wagtail start`` has ``extra_css`` but no ``extra_head``, others
have only ``extra_head``, bakerydemo has neither. What a page needs to look and work right is
therefore rendered inside the ``content`` block; only what must be in the ``<head>`` (Open Graph
tags, feed links) goes into a head block, through ``{% barcamp_head_once %}``.
"""

from django import template
from django.template.base import NodeList
from django.template.loader_tags import BlockNode

register = template.Library()

RENDERED = "barcamp_wagtail.head_rendered"


class BarcampHeadOnceNode(template.Node):
    """Renders the page's ``{% block barcamp_head %}`` the first time it is reached in a render.

    ``barcamp_wagtail/base.html`` puts it into both ``extra_head`` and ``extra_css``: a host with
    one of them gets the head content there, a host with both gets it once.
    """

    def render(self, context):
        if context.render_context.get(RENDERED):
            return ""
        context.render_context[RENDERED] = True
        # A block node of the same name renders the most derived override of the template
        # chain, with ``{{ block.super }}`` working as in any block.
        return BlockNode("barcamp_head", NodeList()).render(context)


@register.tag
def barcamp_head_once(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("barcamp_head_once takes no arguments.")
    return BarcampHeadOnceNode()
