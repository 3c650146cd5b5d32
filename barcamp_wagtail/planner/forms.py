"""The planner's one form: every operation is a plain POST that works without JavaScript.

The planner's buttons post a ``target`` ("place:<slot>:<room>", "move:<slot>:<room>",
"swap:<session>", "remove", "undo:<change>") next to the picked ``session``: one button says
what it does, and one form serves every cell. Posting the fields themselves works as well.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..admin_views.access import IdChoiceField
from ..models import Room, ScheduleChange, SessionPage, TimeSlot
from ..models.plenary import with_interest
from ..untrusted import object_id
from .operations import Move, Plan, undo_plan


class PlannerActionForm(forms.Form):
    """place / move / swap / remove / create / undo, with the target given as ``cell``
    ("<slot id>:<room id>") or as a ``target`` button (see the module's docstring). A session
    typed in without a cell waits among the sessions not scheduled."""

    ACTIONS = [
        ("place", _("place")),
        ("move", _("move")),
        ("swap", _("swap")),
        ("remove", _("remove")),
        ("create", _("create")),
        ("undo", _("undo")),
    ]

    action = forms.ChoiceField(choices=ACTIONS)
    session = IdChoiceField(queryset=SessionPage.objects.none(), required=False)
    other = IdChoiceField(queryset=SessionPage.objects.none(), required=False)
    cell = forms.CharField(required=False, max_length=50)
    title = forms.CharField(label=_("title"), required=False, max_length=255)
    hosts = forms.CharField(label=_("hosts"), required=False, max_length=255)
    change = IdChoiceField(queryset=ScheduleChange.objects.none(), required=False)
    confirm = forms.BooleanField(required=False)

    def __init__(self, event, data=None, *args, **kwargs):
        super().__init__(expand_target(data), *args, **kwargs)
        self.event = event
        # With their interest: the capacity warning then reads it without a query per session.
        sessions = with_interest(SessionPage.objects.live().child_of(event).select_related("room", "time_slot"))
        self.fields["session"].queryset = sessions
        self.fields["other"].queryset = sessions
        self.fields["change"].queryset = ScheduleChange.objects.filter(event=event)

    def clean_cell(self):
        value = self.cleaned_data["cell"]
        if not value:
            return None
        slot_id, _sep, room_id = value.partition(":")
        slot_id, room_id = object_id(slot_id, TimeSlot), object_id(room_id, Room)
        if slot_id is None or room_id is None:
            raise ValidationError(_("Choose a room and a time slot of this event."))
        slot = TimeSlot.objects.filter(event=self.event, pk=slot_id).first()
        room = Room.objects.filter(event=self.event, pk=room_id).first()
        if slot is None or room is None:
            raise ValidationError(_("Choose a room and a time slot of this event."))
        return room, slot

    def clean(self):
        data = super().clean()
        action = data.get("action")
        needs = {
            "place": ("session", "cell"),
            "move": ("session", "cell"),
            "swap": ("session", "other"),
            "remove": ("session",),
            "create": ("title",),
            "undo": ("change",),
        }.get(action, ())
        messages = {
            "session": _("Choose a session."),
            "other": _("Choose the session to swap with."),
            "cell": _("Choose a room and a time slot of this event."),
            "title": _("Type a title for the new session."),
            "change": _("Choose a change to undo."),
        }
        for name in needs:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, messages[name])
        if action == "swap" and data.get("session") and data.get("session") == data.get("other"):
            self.add_error("other", _("A session cannot be swapped with itself."))
        return data

    def plan(self):
        """The ``Plan`` this valid form asks for."""
        data = self.cleaned_data
        action, session, cell = data["action"], data.get("session"), data.get("cell")
        if action in ("place", "move"):
            return Plan(action=action, moves=[Move(session, *cell)])
        if action == "swap":
            other = data["other"]
            return Plan(
                action=action,
                moves=[Move(session, other.room, other.time_slot), Move(other, session.room, session.time_slot)],
            )
        if action == "remove":
            return Plan(action=action, moves=[Move(session, None, None)])
        if action == "create":
            new = SessionPage(title=data["title"], hosts=data["hosts"])
            room, slot = cell or (None, None)
            return Plan(action=action, moves=[Move(new, room, slot)], title=data["title"], hosts=data["hosts"])
        return undo_plan(self.event, data["change"])


TARGET_FIELDS = {"place": "cell", "move": "cell", "swap": "other", "undo": "change", "remove": None}


def expand_target(data):
    """The posted data with a ``target`` button's value spread into ``action`` and its field."""
    if data is None or not data.get("target"):
        return data
    action, _sep, value = data["target"].partition(":")
    data = data.copy()
    data["action"] = action
    if TARGET_FIELDS.get(action):
        data[TARGET_FIELDS[action]] = value
    return data
