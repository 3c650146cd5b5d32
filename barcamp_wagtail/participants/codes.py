"""Each seated participant's voter code, printed on the badge and shown on their private page.

``VoterCode`` keeps only a hash, so the clear code must come from somewhere when the badge is
printed. It is derived: an HMAC (with the site's ``SECRET_KEY``) of the registration's id, its
random access key and a version number, written in the voter-code alphabet. Nothing in the
database reveals it; printing twice gives the same code; a new version (or a new
``SECRET_KEY``) gives a new one, after which the old badge no longer votes.
"""

from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from ..models.plenary import CODE_ALPHABET, CODE_LENGTH, VoterCode, format_code, hash_code

CODE_SALT = "barcamp_wagtail.participants.voter_code"


def derive_code(participant):
    """The participant's voter code in clear text ("ABCDE-FGHJK")."""
    # SHA-1 named, as Django's default was: a new algorithm would change every printed code.
    digest = salted_hmac(
        CODE_SALT, f"{participant.pk}:{participant.access_key}:{participant.voter_code_version}", algorithm="sha1"
    ).digest()
    number = int.from_bytes(digest, "big")
    characters = []
    for _index in range(CODE_LENGTH):
        number, remainder = divmod(number, len(CODE_ALPHABET))
        characters.append(CODE_ALPHABET[remainder])
    return format_code("".join(characters))


def ensure_voter_code(participant):
    """Issue the participant's voter code unless they have one; returns it in clear text."""
    if participant.voter_code_id is not None:
        return derive_code(participant)
    while True:
        try:
            with transaction.atomic():
                code = derive_code(participant)
                participant.voter_code = VoterCode.objects.create(
                    event_id=participant.event_id, code_hash=hash_code(code)
                )
                participant.save(update_fields=["voter_code"])
                return code
        except IntegrityError:
            # The same hash exists already (about one in 10^14): the next version gives another code.
            participant.voter_code_version += 1
            participant.save(update_fields=["voter_code_version"])


def current_code(participant):
    """The clear code of an issued voter code, or "" when the participant has none (yet)."""
    if participant.voter_code_id is None:
        return ""
    code = derive_code(participant)
    if hash_code(code) != participant.voter_code.code_hash:
        # SECRET_KEY changed since the code was issued: re-issue under the same row, votes stay.
        participant.voter_code.code_hash = hash_code(code)
        participant.voter_code.save(update_fields=["code_hash"])
    return code


def withdraw_voter_code(participant):
    """Delete the voter code (and with it the votes) of a cancelled or erased registration."""
    if participant.voter_code_id is not None:
        VoterCode.objects.filter(pk=participant.voter_code_id).delete()
        participant.voter_code = None
        participant.save(update_fields=["voter_code"])
