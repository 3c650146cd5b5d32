"""The plenary on a multilingual site: the proposals and the voter codes belong to the original
event, so the vote page of a translated call for sessions and the plenary opened from a
translated event show the original's proposals."""

from barcamp_wagtail.models import ProposalPage, VoterCode
from tests.proposals.conftest import make_proposal


def test_the_vote_page_of_a_translation_lists_the_originals_proposals_and_takes_its_codes(client, programme):
    ProposalPage.objects.filter(pk__in=[programme["proposals"].pk, programme["english_proposals"].pk]).update(
        votes_enabled=True
    )
    make_proposal(programme["event"], title="Wanderwege kartieren")
    code = VoterCode.generate(programme["event"], 1)[0]
    voter = VoterCode.find(programme["event"], code)
    vote_url = programme["english_proposals"].url + "vote/"

    entered = client.post(vote_url, {"action": "code", "code": code})
    assert entered.status_code in (200, 302, 303)
    assert client.session[f"barcamp_wagtail_voter_{programme['event'].pk}"] == voter.pk

    page = client.get(vote_url)
    assert page.status_code == 200
    assert "Wanderwege kartieren" in page.content.decode()


def test_the_plenary_opened_from_a_translation_shows_the_originals_proposals(editor_client, programme):
    make_proposal(programme["event"], title="Wanderwege kartieren")

    response = editor_client.get(f"/admin/barcamp/plenary/{programme['english_event'].pk}/")

    assert response.status_code == 200
    assert "Wanderwege kartieren" in response.content.decode()
