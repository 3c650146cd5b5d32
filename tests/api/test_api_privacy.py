"""The whole API of the demo, walked as a harvester would: no personal data of its participants,
proposers or sign-ups, and no e-mail address at all."""

import json
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from barcamp_wagtail.models import InterestSignup, Participant, Profile, SessionProposal
from example_site.home.demo_content import EVENT
from example_site.home.demo_proposals import PROPOSALS
from tests.demo_helpers import load_demo, next_edition, past_edition

from .helpers import api_get

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
API = "/api/v2/"
# The demo proposal whose submitter did not allow their name to be shown, accepted for the walk.
NOT_CONSENTED = next(fields for fields in PROPOSALS if fields[-1] is False)

PARTICIPANTS = [
    # (name, e-mail, organisation, badge name, needs, profile role, profile text)
    ("Ada Lovelace", "ada.lovelace@example.org", "Analytical Engines", "Ada L.", "vegan", "Mathematikerin", "Karten"),
    ("Grace Hopper", "grace.hopper@example.org", "Navy Labs", "Amazing Grace", "", "Admiralin", "Compilerbau"),
]
SIGNUPS = [("Linus Beispielmann", "linus.beispiel@example.org")]


@pytest.fixture
def demo_with_people():
    """The demo, with registrations (one in the directory), next-edition sign-ups, and the
    proposal of a submitter who did not agree to show their name accepted as a session."""
    load_demo()
    for event in (past_edition(), next_edition()):
        for number, (name, email, organisation, badge, needs, role, about) in enumerate(PARTICIPANTS):
            participant = Participant.objects.create(
                event=event,
                name=name,
                email=email,
                organisation=organisation,
                badge_name=badge,
                needs=needs,
                privacy_consent=True,
                consent_at=timezone.now(),
                nonce=f"api-walk-{event.pk}-{number}",
            )
            Profile.objects.create(participant=participant, role=role, about=about)
        for name, email in SIGNUPS:
            InterestSignup.objects.create(event=event, name=name, email=email, confirmed_at=timezone.now())
    SessionProposal.objects.get(nonce=NOT_CONSENTED[0]).accept()


def personal_data():
    """Every value the demo holds about a person who did not publish it."""
    values = {EVENT["contact_email"]}
    values.update(fields[5] for fields in PROPOSALS)  # the names, also of proposals edited since
    for proposal in SessionProposal.objects.all():
        values.update({proposal.email, proposal.nonce, proposal.edit_key})
        if proposal.session_id is None:
            values.update({proposal.title, proposal.abstract})
    for participant in Participant.objects.select_related("profile"):
        values.update(
            value
            for value in (
                participant.name,
                participant.email,
                participant.organisation,
                participant.badge_name,
                participant.needs,
                participant.access_key,
                participant.profile.role,
                participant.profile.about,
            )
            if value
        )
    for signup in InterestSignup.objects.all():
        values.update({signup.name, signup.email, signup.confirm_key})
    return {value for value in values if value}


def walk(client):
    """Every answer of the API reachable from its three endpoints: each listing (pages with
    every field, per page type), each object's detail, and every API link found in them."""
    seen, answers = set(), []
    queue = deque([f"{API}pages/?limit=100", f"{API}images/?limit=100", f"{API}documents/?limit=100"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path, _, query = url.partition("?")
        data = api_get(client, path, dict(pair.split("=", 1) for pair in query.split("&")) if query else None)
        answers.append(data)
        for item in data.get("items", []):
            queue.append(f"{path}{item['id']}/")
            page_type = item.get("meta", {}).get("type")
            if path.endswith("/pages/") and page_type:
                queue.append(f"{API}pages/?type={page_type}&fields=*&limit=100")
        queue.extend(api_links(data))
    return answers


def api_links(data):
    """The API paths the answer links to (``detail_url`` and friends)."""
    text = json.dumps(data)
    for url in re.findall(r'"(https?://[^"]+)"', text):
        parts = urlsplit(url)
        if parts.path.startswith(API) and not parts.query:
            yield parts.path


def test_the_whole_api_of_the_demo_shows_no_personal_data(client, demo_with_people):
    answers = walk(client)
    text = json.dumps(answers, ensure_ascii=False)

    types = {answer.get("meta", {}).get("type") for answer in answers}
    assert {"barcamp_wagtail.EventPage", "barcamp_wagtail.SessionPage", "barcamp_wagtail.SchedulePage"} <= types
    assert NOT_CONSENTED[1] in text  # the accepted proposal is a public session now ...
    leaked = sorted(value for value in personal_data() if value in text)
    assert leaked == []  # ... without its submitter's name
    assert EMAIL.findall(text) == []
