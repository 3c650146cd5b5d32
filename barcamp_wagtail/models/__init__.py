from .event import EventOrganiser, EventPage, Room, TimeSlot
from .session import SessionPage, SessionTopic

__all__ = ["EventOrganiser", "EventPage", "Room", "SessionPage", "SessionTopic", "TimeSlot"]
