"""The sign-up form strips invisible characters like every public form."""

import pytest

from barcamp_wagtail.models import InterestSignup

from .conftest import Visitor

pytestmark = pytest.mark.django_db


def test_a_sign_up_with_an_invisible_name_stores_no_name(event):
    Visitor().send(event, {"email": "\u200bgrace@example.org\u200b", "name": "\u200b\u200d"})

    signup = InterestSignup.objects.get()
    assert (signup.email, signup.name) == ("grace@example.org", "")


def test_an_address_of_invisible_characters_counts_as_empty(event):
    response = Visitor().send(event, {"email": "\ufeff\u2060"})

    assert "This field is required." in response.content.decode()
    assert not InterestSignup.objects.exists()
