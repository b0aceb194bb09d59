"""The prize's share of a cycle archive (reporting/backup.py): its edition, phases,
candidatures, preselection, finalists, ballots and votes.

Votes keep their secrecy in the archive too: participations ("who voted"), the sealed
votes (only receipts once counted; still sealed with a key the archive does not hold
while the ballot is open) and the totals per finalist."""

from django.apps import apps

from reporting.backup import Table, register


def _rows(label: str, path: str):
    return lambda cycle: apps.get_model(label).objects.filter(**{path: cycle})


def register_tables() -> None:
    for label, path in [
        ("prize.PrizeEdition", "cycle"),
        ("prize.EditionPhaseChange", "edition__cycle"),
        ("prize.CityCategory", "edition__cycle"),
        ("prize.Candidature", "edition__cycle"),
        ("prize.PreselectionMark", "candidature__edition__cycle"),
        ("prize.CandidatureComment", "candidature__edition__cycle"),
        ("prize.Finalist", "edition__cycle"),
        ("prize.Ballot", "edition__cycle"),
        ("prize.Participation", "ballot__edition__cycle"),
        ("prize.BallotStateChange", "ballot__edition__cycle"),
        ("prize.BallotOutcomeChange", "ballot__edition__cycle"),
        ("prize.SealedVote", "ballot__edition__cycle"),
        ("prize.BallotTotal", "ballot__edition__cycle"),
    ]:
        register(Table(label, _rows(label, path)))
