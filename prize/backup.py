"""The prize's share of a cycle archive (reporting/backup.py): its edition, phases,
candidatures, preselection, finalists, ballots and votes.

Votes keep their secrecy in the archive too: participations ("who voted") and choices
("what was voted") are separate lists, the choices ordered by their random ids, with
nothing that joins one to the other."""

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
        ("prize.BallotChoice", "ballot__edition__cycle"),
    ]:
        register(Table(label, _rows(label, path)))
