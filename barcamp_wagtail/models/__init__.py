from .event import EventOrganiser, EventPage, Room, TimeSlot
from .interest import InterestSignup
from .press import PressIndexPage, PressReleasePage
from .proposal import ProposalPage, SessionProposal
from .schedule import ScheduleChange, SchedulePage
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
    "ScheduleChange",
    "SchedulePage",
    "SessionPage",
    "SessionProposal",
    "SessionTopic",
    "Sponsor",
    "TimeSlot",
    "sponsor_tiers",
]
