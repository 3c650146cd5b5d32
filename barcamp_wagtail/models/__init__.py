from .event import EventOrganiser, EventPage, Room, TimeSlot
from .press import PressIndexPage, PressReleasePage
from .session import SessionPage, SessionTopic
from .sponsor import Sponsor, sponsor_tiers

__all__ = [
    "EventOrganiser",
    "EventPage",
    "PressIndexPage",
    "PressReleasePage",
    "Room",
    "SessionPage",
    "SessionTopic",
    "Sponsor",
    "TimeSlot",
    "sponsor_tiers",
]
