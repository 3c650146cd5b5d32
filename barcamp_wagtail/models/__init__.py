from .event import EventOrganiser, EventPage, Room, TimeSlot
from .schedule import ScheduleChange, SchedulePage
from .session import SessionPage, SessionTopic

__all__ = [
    "EventOrganiser",
    "EventPage",
    "Room",
    "ScheduleChange",
    "SchedulePage",
    "SessionPage",
    "SessionTopic",
    "TimeSlot",
]
