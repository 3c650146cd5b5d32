from ..participants.models import (
    Booking,
    BulkMail,
    CheckIn,
    CheckInRequest,
    ContactRequest,
    DayLedger,
    Invitation,
    Participant,
    Profile,
    RegistrationDay,
)
from .event import EventOrganiser, EventPage, Room, TimeSlot
from .interest import InterestSignup
from .plenary import InterestVote, PlenaryState, VoterCode
from .press import PressIndexPage, PressReleasePage
from .proposal import ProposalPage, SessionProposal
from .schedule import ScheduleChange, SchedulePage, ScheduleStamp
from .series import EventSeriesPage, NextEditionInvitation
from .session import SessionPage, SessionTopic
from .sponsor import Sponsor, sponsor_tiers

__all__ = [
    "Booking",
    "BulkMail",
    "CheckIn",
    "CheckInRequest",
    "ContactRequest",
    "DayLedger",
    "Invitation",
    "Participant",
    "Profile",
    "RegistrationDay",
    "EventOrganiser",
    "EventPage",
    "EventSeriesPage",
    "InterestSignup",
    "InterestVote",
    "NextEditionInvitation",
    "PlenaryState",
    "PressIndexPage",
    "PressReleasePage",
    "ProposalPage",
    "Room",
    "ScheduleChange",
    "SchedulePage",
    "ScheduleStamp",
    "SessionPage",
    "SessionProposal",
    "SessionTopic",
    "Sponsor",
    "TimeSlot",
    "VoterCode",
    "sponsor_tiers",
]
