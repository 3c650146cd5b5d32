"""A press release whose quotes are still to be filled in is never published.

Two guards, because Wagtail publishes along two roads:

- the page editor (its "Publish" button, and "Approve" of a moderation workflow typed in the
  editor) validates ``PressReleasePageForm``: the refusal is a form error on each empty quote and a
  message on top, and what the editor typed stays in the form;
- every other road (approving from the dashboard's list of pages awaiting review, scheduled
  publishing, code) ends in ``PressReleasePage.publish()``, which raises ``PublishingRefused``;
  Wagtail's admin answers it with its "permission denied" page and nothing is published.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

QUOTE_TO_FILL = "quote_to_fill"

# The POST keys of the page editor's buttons that publish (or approve towards publishing).
PUBLISH_BUTTON = "action-publish"
WORKFLOW_BUTTON = "action-workflow-action"
WORKFLOW_ACTION = "workflow-action-name"


def unfilled_quotes(body):
    """The positions in ``body`` (a StreamField value) of quotes still to be filled in: a
    ``quote_to_fill`` block without its quotation or the person quoted."""
    positions = []
    for position, block in enumerate(body or []):
        if block.block_type == QUOTE_TO_FILL:
            value = block.value
            if not (value.get("text") or "").strip() or not (value.get("person") or "").strip():
                positions.append(position)
    return positions


def refusal_message(count):
    return ngettext(
        "This press release cannot be published yet: one quote is still to be filled in. "
        "Enter the quotation and the person quoted, or remove the placeholder.",
        "This press release cannot be published yet: %(count)d quotes are still to be filled in. "
        "Enter each quotation and the person quoted, or remove the placeholders.",
        count,
    ) % {"count": count}


class PublishingRefused(PermissionDenied):
    """Raised by ``PressReleasePage.publish()`` for a revision with quotes still to be filled in."""


def check_publishable(page):
    """Raise ``PublishingRefused`` when ``page`` (a revision's content) has empty quotes."""
    missing = unfilled_quotes(page.body)
    if missing:
        raise PublishingRefused(refusal_message(len(missing)))


class PressReleasePageForm(WagtailAdminPageForm):
    """The editor's form for a press release: saving a draft with empty quotes is fine; publishing
    or approving it is refused, with the empty quotes marked."""

    def is_publishing(self):
        data = self.data
        if data.get(PUBLISH_BUTTON):
            return True
        return bool(data.get(WORKFLOW_BUTTON)) and data.get(WORKFLOW_ACTION) == "approve"

    def clean(self):
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        if body is None or not self.is_publishing():
            return cleaned_data
        missing = unfilled_quotes(body)
        if missing:
            message = refusal_message(len(missing))
            self.add_error(None, message)
            error = ValidationError(_("Fill in this quote before publishing."), code="quote_to_fill")
            block_errors = {}
            for position in missing:
                value = body[position].value
                empty = [name for name in ("text", "person") if not (value.get(name) or "").strip()]
                block_errors[position] = StructBlockValidationError(block_errors=dict.fromkeys(empty, error))
            body_error = StreamBlockValidationError(block_errors=block_errors)
            # Wagtail lists the field's message in its banner; its default says only "StreamBlock".
            body_error.message = _("Fill in the marked quotes or remove them.")
            self.add_error("body", body_error)
        return cleaned_data
