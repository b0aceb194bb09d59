"""Property-based tests of the prize flows: hostile values in every prize form never
cause a server error, and a refused request changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from prize import services
from prize.models import (
    Ballot,
    CandidatureComment,
    EditionPhaseChange,
    Finalist,
    Participation,
    PreselectionMark,
    PrizeEdition,
    SealedVote,
)
from reporting.enums import AccountRole, SizeCategory
from tests.hostile import hostile_text, id_like, rows

pytestmark = pytest.mark.django_db


def _prize_rows(edition):
    return rows(
        PrizeEdition.objects.filter(pk=edition.pk),
        EditionPhaseChange.objects.filter(edition=edition),
        PreselectionMark.objects.filter(candidature__edition=edition),
        CandidatureComment.objects.filter(candidature__edition=edition),
        Finalist.objects.filter(edition=edition),
        Ballot.objects.filter(edition=edition),
        Participation.objects.filter(ballot__edition=edition),
        SealedVote.objects.filter(ballot__edition=edition).order_by("receipt_hash"),
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def open_ballot(vote_setup, staff):
    return services.ballot_open(
        edition=vote_setup["edition"], category=SizeCategory.LARGE, by=staff
    )


def _real(value, real):
    return str(real) if value == "real" else value


@given(city=st.one_of(st.just("real"), id_like), finalist=st.one_of(st.just("real"), id_like))
@example(city="¹", finalist="²")
@example(city="real", finalist="9" * 30)
def test_vote_never_fails_and_a_refused_vote_changes_nothing(
    vote_setup, open_ballot, primary, city, finalist
):
    edition = vote_setup["edition"]
    data = {
        "city": _real(city, vote_setup["cities"]["graz"].pk),
        "finalist": _real(finalist, open_ballot.options.first().pk),
        "confirm": "yes",
    }
    before = _prize_rows(edition)
    votes = Participation.objects.count()

    response = _client(primary).post(
        reverse("prize:vote", args=[edition.year, open_ballot.pk]), data
    )

    assert response.status_code == 302
    if Participation.objects.count() == votes:
        assert _prize_rows(edition) == before
    else:  # a valid vote: exactly one participation and one choice more
        assert SealedVote.objects.count() == Participation.objects.count() == votes + 1


@given(city=id_like, finalist=id_like)
@example(city="\u0661", finalist="0x10")  # an Arabic-Indic digit one
def test_paper_vote_never_fails(vote_setup, open_ballot, staff, city, finalist):
    edition = vote_setup["edition"]
    before = _prize_rows(edition)
    votes = Participation.objects.count()

    response = _client(staff).post(
        reverse("prize:paper_vote", args=[edition.year, open_ballot.pk]),
        {"city": city, "finalist": finalist},
    )

    assert response.status_code == 302
    if Participation.objects.count() == votes:
        assert _prize_rows(edition) == before
    else:  # values that do name a city and a finalist (" 1"): one paper vote, no more
        assert Participation.objects.filter(on_paper=True).count() == votes + 1
        assert SealedVote.objects.count() == Participation.objects.count()


@given(category=hostile_text, tie_break=hostile_text)
def test_ballot_open_with_hostile_choices_never_fails(vote_setup, staff, category, tie_break):
    edition = vote_setup["edition"]
    before = _prize_rows(edition)

    response = _client(staff).post(
        reverse("prize:ballot_open", args=[edition.year]),
        {"category": category, "tie_break": tie_break},
    )

    assert response.status_code in (200, 302, 400)
    assert _prize_rows(edition) == before


@given(to_phase=hostile_text, reason=hostile_text)
def test_phase_change_with_hostile_values_never_fails(vote_setup, staff, to_phase, reason):
    edition = vote_setup["edition"]
    before = _prize_rows(edition)

    response = _client(staff).post(
        reverse("prize:phase", args=[edition.year]), {"to_phase": to_phase, "reason": reason}
    )

    assert response.status_code in (200, 302, 400)
    assert _prize_rows(edition) == before


@given(text=hostile_text, justification=hostile_text, action=hostile_text)
def test_comment_and_preselection_never_fail(
    vote_setup, board, reviewer, text, justification, action
):
    edition = vote_setup["edition"]
    candidature = edition.candidatures.first()

    comment = _client(board).post(
        reverse("prize:comment", args=[edition.year, candidature.pk]), {"text": text}
    )
    mark = _client(reviewer).post(
        reverse("prize:preselect", args=[edition.year, candidature.pk]),
        {"justification": justification, "action": action},
    )

    assert comment.status_code in (302, 400)
    assert mark.status_code in (302, 400)


@given(name=hostile_text, email=hostile_text)
def test_presenter_form_never_fails(vote_setup, primary, name, email):
    edition = vote_setup["edition"]
    city = vote_setup["cities"]["graz"]
    finalist = Finalist.objects.get(edition=edition, candidature__city=city)
    assert city.accounts.filter(user=primary, role=AccountRole.PRIMARY).exists()

    response = _client(primary).post(
        reverse("prize:presenter", args=[edition.year, city.slug, finalist.pk]),
        {"presenter_name": name, "presenter_email": email},
    )

    assert response.status_code in (200, 302, 400)


@given(code=hostile_text)
def test_receipt_check_never_fails(vote_setup, primary, code):
    response = _client(primary).post(reverse("prize:verify"), {"code": code})

    assert response.status_code in (200, 400)
