"""The demo's "tell me about the next barcamp" form, in the outlook of the demo press release."""

from barcamp_wagtail.models import PressReleasePage

BLOCK = {
    "heading": "Beim zweiten Barcamp dabei sein?",
    "text": "Hinterlass deine E-Mail-Adresse: Wir sagen dir Bescheid, sobald die Anmeldung für Dortmund öffnet.",
    "privacy_note": (
        "Wir nutzen deine Adresse nur, um dich über das nächste Barcamp zu informieren. Erst wenn du sie über "
        "den Link in unserer E-Mail bestätigst, zählt sie; unbestätigte Adressen löschen wir nach sieben Tagen."
    ),
}


def load(event):
    """Add the sign-up block after the published release's call to action, once; a second run changes
    nothing. Drafts (such as the one ``demo_press_draft`` writes) are left to their editors."""
    for release in PressReleasePage.objects.live().filter(event=event):
        if any(block.block_type == "next_edition_signup" for block in release.body):
            continue
        types = [block.block_type for block in release.body]
        position = types.index("call_to_action") + 1 if "call_to_action" in types else len(types)
        release.body.insert(position, ("next_edition_signup", BLOCK))
        release.save_revision().publish()
