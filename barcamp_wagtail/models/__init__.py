from .event import EventOrganiser, EventPage, Room, TimeSlot
from .proposal import ProposalPage, SessionProposal
from .session import SessionPage, SessionTopic

__all__ = [
    "EventOrganiser",
    "EventPage",
    "ProposalPage",
    "Room",
    "SessionPage",
    "SessionProposal",
    "SessionTopic",
    "TimeSlot",
]
