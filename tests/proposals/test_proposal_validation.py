"""Bad input gets a clear message on the form, nothing is stored, and never a server error."""

import pytest
from django.db import DatabaseError, transaction

from barcamp_wagtail.models import SessionProposal

from .conftest import make_proposal

pytestmark = pytest.mark.django_db

NOT_ALLOWED = "This field contains characters that are not allowed."
ONE_LINE = "Please write this on one line."

BAD_INPUT = [
    ("title", "Open\x00Data", "Null characters are not allowed."),
    ("abstract", "About\x00it", "Null characters are not allowed."),
    ("name", "Ada\x00", "Null characters are not allowed."),
    ("title", "Bell \x07 ringing", NOT_ALLOWED),
    ("topic", "Escape \x1b[31m", NOT_ALLOWED),
    ("abstract", "Backspace \x08 here", NOT_ALLOWED),
    ("title", "Admin \u202egnp.exe", NOT_ALLOWED),
    ("name", "Ada \u202a Lovelace", NOT_ALLOWED),
    ("topic", "Isolate \u2066x\u2069", NOT_ALLOWED),
    ("abstract", "Reversed \u202e text", NOT_ALLOWED),
    ("title", "Two\nlines", ONE_LINE),
    ("name", "Ada\r\nBcc: victim@example.org", ONE_LINE),
    ("email", "ada@example.org\r\nBcc: victim@example.org", "Enter a valid email address."),
    ("email", "ada@example.org\nCc: x@example.org", "Enter a valid email address."),
    ("email", "not-an-address", "Enter a valid email address."),
    ("link", "javascript:alert(document.cookie)", "Please enter a web address starting with https://"),
    ("link", "JavaScript:alert(1)", "Please enter a web address starting with https://"),
    ("link", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "Please enter a web address starting with"),
    ("link", "ftp://example.org/file", "Please enter a web address starting with https://"),
    ("title", "x" * 121, "Ensure this value has at most 120 characters"),
    ("abstract", "x" * 501, "Ensure this value has at most 500 characters"),
    ("topic", "x" * 51, "Ensure this value has at most 50 characters"),
    ("name", "x" * 101, "Ensure this value has at most 100 characters"),
    ("email", "a" * 250 + "@example.org", "Ensure this value has at most 254 characters"),
    ("link", "https://example.org/" + "x" * 300, "Ensure this value has at most 300 characters"),
    ("format", "keynote", "Select a valid choice."),
    ("title", "", "This field is required."),
    ("email", "", "This field is required."),
]


@pytest.mark.parametrize(
    ("field", "value", "message"), BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _v, _m) in enumerate(BAD_INPUT)]
)
def test_bad_input_gets_a_clear_message_and_nothing_is_stored(proposal_page, visitor, field, value, message):
    response = visitor.send(proposal_page, {field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Your proposal has not been sent yet" in response.content.decode()
    assert not SessionProposal.objects.exists()


def test_line_breaks_and_umlauts_are_fine_in_the_abstract(proposal_page, visitor):
    visitor.send(proposal_page, {"abstract": "Erste Zeile,\r\n\tzweite Zeile: Größe, Übung, ß, 🙂, עברית"})

    assert SessionProposal.objects.get().abstract.endswith("עברית")


def test_a_link_without_scheme_becomes_https(proposal_page, visitor):
    visitor.send(proposal_page, {"link": "example.org/slides"})

    assert SessionProposal.objects.get().link == "https://example.org/slides"


@pytest.mark.parametrize(
    ("field", "limit"), [("title", 120), ("abstract", 500), ("topic", 50), ("name", 100), ("email", 254), ("link", 300)]
)
def test_the_database_enforces_the_same_limits_as_the_form(event, field, limit):
    value = "https://example.org/" + "x" * (limit - 19) if field == "link" else "x" * (limit + 1)

    # A check constraint on SQLite (IntegrityError), the varchar length on PostgreSQL (DataError).
    with pytest.raises(DatabaseError), transaction.atomic():
        make_proposal(event, **{field: value})


def test_the_form_limits_match_the_database(proposal_page):
    from barcamp_wagtail.forms import ProposalForm

    form = ProposalForm()
    for name in ["title", "abstract", "topic", "name", "email", "link"]:
        assert form.fields[name].max_length == SessionProposal._meta.get_field(name).max_length, name
