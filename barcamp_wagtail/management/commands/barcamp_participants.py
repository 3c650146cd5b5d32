from django.core.management.base import BaseCommand

from ... import series
from ...participants import seats


class Command(BaseCommand):
    help = (
        "Let seat offers from the waiting list that ran out lapse, and offer their seats to the next people. "
        "Run it every few minutes (the participants' pages also do it whenever they are opened). "
        "It also invites the next-edition sign-ups promised to an edition whose registration has opened."
    )

    def handle(self, *args, **options):
        count = seats.lapse_overdue_offers()
        self.stdout.write(f"{count} lapsed offer(s) passed on.")
        invited = series.send_due_invitations()
        self.stdout.write(f"{invited} next-edition sign-up(s) invited.")
