from .event import EventOrganiser, EventPage, Room, TimeSlot
from .interest import InterestSignup
from .press import PressIndexPage, PressReleasePage
from .proposal import ProposalPage, SessionProposal
from .session import SessionPage, SessionTopic
from .sponsor import Sponsor, sponsor_tiers

__all__ = [
    "EventOrganiser",
    "EventPage",
    "InterestSignup",
    "PressIndexPage",
    "PressReleasePage",
    "ProposalPage",
    "Room",
    "SessionPage",
    "SessionProposal",
    "SessionTopic",
    "Sponsor",
    "TimeSlot",
    "sponsor_tiers",
]
