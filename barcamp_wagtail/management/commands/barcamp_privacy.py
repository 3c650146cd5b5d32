import json

from django.core.management.base import BaseCommand, CommandError

from ... import privacy
from ...models import EventPage


class Command(BaseCommand):
    help = (
        "Privacy requests about session proposals, next-edition sign-ups and participants: export or erase "
        "what is held about an e-mail address, purge old proposals, registrations and unconfirmed sign-ups."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Print everything held about an e-mail address as JSON.")
        export.add_argument("email")
        export.add_argument("--event", type=int, action="append", help="Only this event (page id); repeatable.")
        erase = actions.add_parser(
            "erase",
            help="Anonymise the proposals of an e-mail address, page revisions included, and delete its sign-ups "
            "and registrations (with check-ins, directory profile, contact requests and votes).",
        )
        erase.add_argument("email")
        erase.add_argument("--event", type=int, action="append", help="Only this event (page id); repeatable.")
        purge = actions.add_parser(
            "purge",
            help="Delete proposals of events that ended long enough ago, and sign-ups left unconfirmed too long.",
        )
        purge.add_argument("--days", type=int, default=None, help="Default: PROPOSAL_RETENTION_DAYS.")
        purge.add_argument("--unconfirmed-days", type=int, default=None, help="Default: INTEREST_CONFIRM_DAYS.")
        purge.add_argument("--participant-days", type=int, default=None, help="Default: PARTICIPANT_RETENTION_DAYS.")

    def handle(self, *args, action, **options):
        events = self.events(options.get("event"))
        if action == "export":
            data = privacy.export_data(options["email"], events=events)
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        elif action == "erase":
            count = privacy.erase(options["email"], events=events)
            self.stdout.write(f"{count} proposal(s) anonymised.")
            count = privacy.erase_signups(options["email"], events=events)
            self.stdout.write(f"{count} next-edition sign-up(s) deleted.")
            count = privacy.erase_registrations(options["email"], events=events)
            self.stdout.write(f"{count} registration(s) deleted.")
        else:
            count = privacy.purge(options["days"])
            self.stdout.write(f"{count} proposal(s) deleted.")
            count = privacy.purge_unconfirmed_signups(options["unconfirmed_days"])
            self.stdout.write(f"{count} unconfirmed next-edition sign-up(s) deleted.")
            count = privacy.purge_registrations(options["participant_days"])
            self.stdout.write(f"{count} registration(s) deleted.")

    def events(self, ids):
        """The events named with --event (all events without it); an unknown id is an error, not
        a request that silently touches nothing."""
        if not ids:
            return None
        events = list(EventPage.objects.filter(pk__in=ids))
        missing = sorted(set(ids) - {event.pk for event in events})
        if missing:
            raise CommandError(f"No barcamp event with the id {', '.join(map(str, missing))}.")
        return events
