from django import template

from ..models import ProposalPage

register = template.Library()


@register.simple_tag
def open_proposal_page(event):
    """The event's live proposal page while it accepts proposals, else None."""
    page = ProposalPage.for_event(event)
    return page if page is not None and page.is_open(event=event) else None
