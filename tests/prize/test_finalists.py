import pytest
from django.core import mail
from django.db import IntegrityError

from eccar.errors import ServiceError
from prize import selectors, services
from prize.enums import EditionPhase
from prize.models import Finalist
from reporting.enums import AccountRole, SizeCategory
from tests.factories import CityAccountFactory

from .conftest import advance
from .factories import submitted_report

pytestmark = pytest.mark.django_db


def _preselect(edition, reviewer, count, population=100_000):
    for _ in range(count):
        submitted_report(cycle=edition.cycle, population=population)
    advance(edition, edition._staff, EditionPhase.PRESELECTION)
    for candidature in edition.candidatures.filter(
        category=services.category_for(population)
    ).order_by("pk"):
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="ok")
    advance(edition, edition._staff, EditionPhase.FINALISTS)
    return list(edition.candidatures.order_by("pk"))


@pytest.fixture
def with_staff(edition, staff):
    edition._staff = staff
    return edition


def test_finalists_exactly_three_and_a_fourth_refused(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 4)
    for candidature in candidatures[:3]:
        services.finalist_choose(candidature=candidature, by=board)

    with pytest.raises(ServiceError) as error:
        services.finalist_choose(candidature=candidatures[3], by=board)

    assert error.value.code == "full"
    assert Finalist.objects.filter(edition=with_staff).count() == 3
    assert sorted(Finalist.objects.values_list("slot", flat=True)) == [1, 2, 3]


def test_finalists_fourth_slot_refused_by_the_database(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 2)

    with pytest.raises(IntegrityError):
        Finalist.objects.create(
            edition=with_staff,
            category=SizeCategory.LARGE,
            slot=4,
            candidature=candidatures[0],
            city=candidatures[0].city,
        )


def test_finalists_vote_waits_for_three(with_staff, reviewer, board, staff):
    candidatures = _preselect(with_staff, reviewer, 4)
    for candidature in candidatures[:2]:
        services.finalist_choose(candidature=candidature, by=board)

    with pytest.raises(ServiceError) as error:
        services.edition_phase_set(edition=with_staff, to_phase=EditionPhase.VOTE, by=staff)

    assert error.value.code == "finalists"
    services.finalist_choose(candidature=candidatures[2], by=board)
    services.edition_phase_set(edition=with_staff, to_phase=EditionPhase.VOTE, by=staff)
    assert with_staff.phase == EditionPhase.VOTE


def test_finalists_fewer_when_fewer_preselected(with_staff, reviewer, board, staff):
    candidatures = _preselect(with_staff, reviewer, 2)

    services.finalist_choose(candidature=candidatures[0], by=board)
    services.finalist_choose(candidature=candidatures[1], by=board)
    services.edition_phase_set(edition=with_staff, to_phase=EditionPhase.VOTE, by=staff)

    assert selectors.finalists_needed(edition=with_staff, category=SizeCategory.LARGE) == 2
    assert with_staff.phase == EditionPhase.VOTE


def test_finalist_must_be_preselected(with_staff, reviewer, board, staff):
    _preselect(with_staff, reviewer, 1)
    submitted_report(cycle=with_staff.cycle, population=100_000)
    services.edition_phase_set(
        edition=with_staff, to_phase=EditionPhase.PRESELECTION, by=staff, reason="Late import"
    )
    services.candidatures_build(edition=with_staff)
    not_preselected = with_staff.candidatures.filter(preselection_marks__isnull=True).get()
    services.edition_phase_set(edition=with_staff, to_phase=EditionPhase.FINALISTS, by=staff)

    with pytest.raises(ServiceError) as error:
        services.finalist_choose(candidature=not_preselected, by=board)

    assert error.value.code == "not_preselected"


def test_finalist_withdrawn_measure_refused(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 1)
    primary = candidatures[0].city.accounts.get(role=AccountRole.PRIMARY).user
    services.candidature_withdraw(candidature=candidatures[0], by=primary)

    with pytest.raises(ServiceError) as error:
        services.finalist_choose(candidature=candidatures[0], by=board)

    assert error.value.code == "withdrawn"


def test_finalist_withdrawn_after_choice_frees_the_place(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 1)
    services.finalist_choose(candidature=candidatures[0], by=board)
    primary = candidatures[0].city.accounts.get(role=AccountRole.PRIMARY).user

    services.candidature_withdraw(candidature=candidatures[0], by=primary)

    assert not Finalist.objects.exists()


def test_finalist_board_member_of_the_city_abstains(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 1)
    CityAccountFactory(user=board, city=candidatures[0].city, role=AccountRole.SECONDARY)

    with pytest.raises(ServiceError) as error:
        services.finalist_choose(candidature=candidatures[0], by=board)

    assert error.value.code == "abstain"


@pytest.mark.parametrize("who", ["reviewer", "primary"])
def test_finalist_chosen_only_by_board_and_staff(with_staff, reviewer, request, who):
    candidatures = _preselect(with_staff, reviewer, 1)

    with pytest.raises(ServiceError) as error:
        services.finalist_choose(candidature=candidatures[0], by=request.getfixturevalue(who))

    assert error.value.code == "role"


def test_finalist_chosen_twice_is_harmless(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 1)
    services.finalist_choose(candidature=candidatures[0], by=board)

    with pytest.raises(ServiceError):
        services.finalist_choose(candidature=candidatures[0], by=board)

    assert Finalist.objects.count() == 1


def test_comment_on_a_preselected_candidature(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 1)

    services.comment_add(candidature=candidatures[0], author=board, text="  Convincing.  ")

    assert list(candidatures[0].comments.values_list("text", flat=True)) == ["Convincing."]


def test_finalists_notified_once_by_email(with_staff, reviewer, board, commit_callbacks):
    candidatures = _preselect(with_staff, reviewer, 2)
    for candidature in candidatures:
        services.finalist_choose(candidature=candidature, by=board)

    with commit_callbacks(execute=True):
        first = services.finalists_notify(edition=with_staff, by=board)
    with commit_callbacks(execute=True):
        second = services.finalists_notify(edition=with_staff, by=board)

    assert (first, second) == (2, 0)
    assert len(mail.outbox) == 2
    # The mail is in the city's language: check what does not depend on it.
    assert str(with_staff.year) in mail.outbox[0].subject
    assert "/cities/" in mail.outbox[0].body
    assert all(f.notified_at for f in Finalist.objects.all())


def test_presenter_confirmed_by_the_primary_account(with_staff, reviewer, board):
    candidatures = _preselect(with_staff, reviewer, 1)
    finalist = services.finalist_choose(candidature=candidatures[0], by=board)
    primary = candidatures[0].city.accounts.get(role=AccountRole.PRIMARY).user

    services.finalist_presenter_confirm(
        finalist=finalist, by=primary, name="Eva Muster", email="Eva@City.example"
    )

    finalist.refresh_from_db()
    assert (finalist.presenter_name, finalist.presenter_email) == (
        "Eva Muster",
        "eva@city.example",
    )
    assert finalist.confirmed_by == primary


@pytest.mark.parametrize(("name", "email"), [("", "a@b.example"), ("Eva", "not-an-email")])
def test_presenter_bad_input_refused(with_staff, reviewer, board, name, email):
    candidatures = _preselect(with_staff, reviewer, 1)
    finalist = services.finalist_choose(candidature=candidatures[0], by=board)
    primary = candidatures[0].city.accounts.get(role=AccountRole.PRIMARY).user

    with pytest.raises(ServiceError):
        services.finalist_presenter_confirm(finalist=finalist, by=primary, name=name, email=email)

    finalist.refresh_from_db()
    assert finalist.confirmed_at is None
