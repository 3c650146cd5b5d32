"""The plenary board's data: which proposals are pitched, in which order, and what the projector shows."""

from .models import PlenaryState, SessionProposal
from .models.plenary import with_vote_counts

PITCHED = [SessionProposal.Status.SUBMITTED, SessionProposal.Status.ACCEPTED]


def pitched_proposals(event):
    """The proposals pitched in the plenary: submitted and accepted ones, first come first pitched."""
    return list(
        with_vote_counts(SessionProposal.objects.filter(event=event, status__in=PITCHED)).order_by("created_at", "pk")
    )


def plenary_state(event):
    state, _created = PlenaryState.objects.get_or_create(event=event)
    return state


def current_index(proposals, state):
    for index, proposal in enumerate(proposals):
        if proposal.pk == state.current_id:
            return index
    return None


def board_data(event, state, proposals):
    """What the projector shows, as plain data. Never an e-mail address; a name only with consent."""
    index = current_index(proposals, state)
    return {
        "version": state.updated_at.isoformat() if state.updated_at else "",
        "show_list": state.show_list,
        "position": index + 1 if index is not None else None,
        "total": len(proposals),
        "current": _proposal_data(proposals[index]) if index is not None else None,
        "proposals": [_proposal_data(proposal) for proposal in proposals],
    }


def _proposal_data(proposal):
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "abstract": proposal.abstract,
        "host": proposal.public_name,
        "topic": proposal.topic,
        "hand_count": proposal.hand_count,
        "votes": proposal.vote_count,
    }
