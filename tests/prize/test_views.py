import pytest
from django.urls import reverse

from prize import services
from prize.enums import EditionPhase
from prize.models import BallotTotal, Finalist, Participation, PreselectionMark
from reporting.enums import AccountRole, SizeCategory
from tests.factories import CityAccountFactory

from .conftest import advance
from .factories import PrizeEditionFactory, assess, criteria_for, submitted_report

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "primary",
    "secondary",
    "delegate",
    "other_primary",
    "reviewer",
    "board",
    "staff",
]


@pytest.fixture
def preselection(edition, staff, city_report, other_primary):
    advance(edition, staff, EditionPhase.PRESELECTION)
    return edition


def _expect(role, allowed, refused=403):
    if role == "anonymous":
        return 302
    return 200 if role in allowed else refused


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("page", "allowed", "refused"),
    [
        ("index", set(ROLES), 403),
        ("edition", set(ROLES), 403),
        ("verify", set(ROLES), 403),
        ("candidatures", {"reviewer", "board", "staff"}, 403),
        ("finalists", {"board", "staff"}, 403),
        ("city", {"primary", "secondary", "delegate", "staff"}, 404),
    ],
)
def test_page_permissions(role, page, allowed, refused, preselection, login, request):
    user = request.getfixturevalue(role)
    year = preselection.year
    url = {
        "index": reverse("prize:index"),
        "edition": reverse("prize:edition", args=[year]),
        "verify": reverse("prize:verify"),
        "candidatures": reverse("prize:candidatures", args=[year, SizeCategory.LARGE]),
        "finalists": reverse("prize:finalists", args=[year, SizeCategory.LARGE]),
        "city": reverse("prize:city", args=[year, "graz"]),
    }[page]

    response = login(user).get(url)

    assert response.status_code == _expect(role, allowed, refused)


@pytest.mark.parametrize("role", ["primary", "reviewer", "board", "staff"])
def test_audit_page_permissions(role, vote_setup, staff, login, request):
    ballot = services.ballot_open(
        edition=vote_setup["edition"], category=SizeCategory.LARGE, by=staff
    )
    services.ballot_close(ballot=ballot, by=staff)

    response = login(request.getfixturevalue(role)).get(
        reverse("prize:audit", args=[vote_setup["edition"].year, ballot.pk])
    )

    assert response.status_code == (200 if role in ("board", "staff") else 403)


@pytest.mark.parametrize(
    "name",
    [
        "phase",
        "build",
        "finalists_notify",
        "ballot_open",
    ],
)
def test_post_only_views_refuse_get(name, preselection, login, staff):
    response = login(staff).get(reverse(f"prize:{name}", args=[preselection.year]))

    assert response.status_code == 405
    preselection.refresh_from_db()
    assert preselection.phase == EditionPhase.PRESELECTION


@pytest.mark.parametrize(
    ("name", "role"),
    [("preselect", "reviewer"), ("comment", "board"), ("finalist_choose", "staff")],
)
def test_candidature_post_only_views_refuse_get(name, role, preselection, login, request):
    candidature = preselection.candidatures.first()

    response = login(request.getfixturevalue(role)).get(
        reverse(f"prize:{name}", args=[preselection.year, candidature.pk])
    )

    assert response.status_code == 405


def test_phase_change_through_the_page(edition, staff, login, city_report):
    response = login(staff).post(
        reverse("prize:phase", args=[edition.year]), {"to_phase": EditionPhase.PRESELECTION}
    )

    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.phase == EditionPhase.PRESELECTION
    assert edition.candidatures.count() == 2


def test_phase_change_bad_value_is_a_message(edition, staff, login):
    response = login(staff).post(
        reverse("prize:phase", args=[edition.year]), {"to_phase": "winner"}, follow=True
    )

    assert response.status_code == 200
    assert "Choose a phase." in response.content.decode()
    edition.refresh_from_db()
    assert edition.phase == EditionPhase.PREPARATION


def test_candidature_list_shows_scores_and_links_the_candidature(preselection, reviewer, login):
    (impact,) = criteria_for(preselection.cycle, codes=("impact",))
    candidature = preselection.candidatures.first()
    assess(measure=candidature.measure, reviewer=reviewer, scores={impact: 3})

    response = login(reviewer).get(
        reverse("prize:candidatures", args=[preselection.year, SizeCategory.LARGE])
    )

    body = response.content.decode()
    # The Board's own reading page, not the city's report page (a 404 to most readers).
    assert reverse("prize:candidature", args=[preselection.year, candidature.pk]) in body
    assert reverse("reporting:report_detail", args=["graz", preselection.cycle.year]) not in body
    assert "3.00" in body
    assert "Impact" in body


def test_preselect_through_the_page(preselection, reviewer, login):
    candidature = preselection.candidatures.first()

    response = login(reviewer).post(
        reverse("prize:preselect", args=[preselection.year, candidature.pk]),
        {"justification": "Exemplary"},
    )

    assert response.status_code == 302
    assert PreselectionMark.objects.get().justification == "Exemplary"


def test_preselect_forged_candidature_of_another_edition_is_404(preselection, reviewer, login):
    other = PrizeEditionFactory()
    candidature = preselection.candidatures.first()

    response = login(reviewer).post(
        reverse("prize:preselect", args=[other.year, candidature.pk]), {"justification": "x"}
    )

    assert response.status_code == 404
    assert not PreselectionMark.objects.exists()


def test_preselect_abstaining_reviewer_sees_the_badge(preselection, reviewer, login, city):
    CityAccountFactory(user=reviewer, city=city, role=AccountRole.SECONDARY)

    response = login(reviewer).get(
        reverse("prize:candidatures", args=[preselection.year, SizeCategory.LARGE])
    )

    assert "You abstain" in response.content.decode()


def test_withdraw_other_city_is_404(preselection, other_primary, login):
    candidature = preselection.candidatures.first()

    response = login(other_primary).post(
        reverse("prize:withdraw", args=[preselection.year, "graz", candidature.pk])
    )

    assert response.status_code == 404
    candidature.refresh_from_db()
    assert not candidature.is_withdrawn


def test_withdraw_through_the_page(preselection, primary, login):
    candidature = preselection.candidatures.first()

    response = login(primary).post(
        reverse("prize:withdraw", args=[preselection.year, "graz", candidature.pk]),
        {"confirm": "yes"},
        follow=True,
    )

    assert "withdrawn from the prize" in response.content.decode()
    candidature.refresh_from_db()
    assert candidature.is_withdrawn


def test_fourth_finalist_through_the_page_is_a_message(edition, staff, reviewer, board, login):
    for _ in range(4):
        submitted_report(cycle=edition.cycle, population=90_000)
    advance(edition, staff, EditionPhase.PRESELECTION)
    for candidature in edition.candidatures.all():
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="ok")
    advance(edition, staff, EditionPhase.FINALISTS)
    candidatures = list(edition.candidatures.order_by("pk"))
    for candidature in candidatures[:3]:
        services.finalist_choose(candidature=candidature, by=board)

    response = login(board).post(
        reverse("prize:finalist_choose", args=[edition.year, candidatures[3].pk]), follow=True
    )

    assert "already three finalists" in response.content.decode()
    assert Finalist.objects.count() == 3


def test_finalists_page_says_when_fewer_were_preselected(edition, staff, reviewer, board, login):
    submitted_report(cycle=edition.cycle, population=90_000)
    advance(edition, staff, EditionPhase.PRESELECTION)
    services.preselection_mark(
        candidature=edition.candidatures.get(), reviewer=reviewer, justification="ok"
    )
    advance(edition, staff, EditionPhase.FINALISTS)

    response = login(board).get(reverse("prize:finalists", args=[edition.year, "large"]))

    assert "Only 1 candidature was preselected" in response.content.decode()


@pytest.fixture
def open_ballot(vote_setup, staff):
    return services.ballot_open(
        edition=vote_setup["edition"], category=SizeCategory.LARGE, by=staff
    )


def test_vote_through_the_page_shows_the_receipt_once(vote_setup, open_ballot, delegate, login):
    edition = vote_setup["edition"]
    finalist = open_ballot.options.first()
    client = login(delegate)

    response = client.post(
        reverse("prize:vote", args=[edition.year, open_ballot.pk]),
        {"finalist": finalist.pk, "confirm": "yes"},
    )
    receipt_url = reverse("prize:receipt", args=[edition.year, open_ballot.pk])
    assert response.url == receipt_url
    first = client.get(receipt_url)
    second = client.get(receipt_url)

    code = first.context["code"]
    assert code in first.content.decode()
    assert second.status_code == 302
    verify = client.post(reverse("prize:verify"), {"code": code})
    assert "is in the count" in verify.content.decode()


def test_vote_page_hides_the_count_while_open(vote_setup, open_ballot, delegate, login):
    edition = vote_setup["edition"]
    services.vote_cast(
        ballot=open_ballot,
        city=vote_setup["cities"]["graz"],
        finalist_id=open_ballot.options.first().pk,
        by=delegate,
    )

    response = login(delegate).get(reverse("prize:ballot", args=[edition.year, open_ballot.pk]))

    assert response.context["summary"]["tally"] == []
    assert "Graz has voted." in response.content.decode()


@pytest.mark.parametrize("forged", [{"finalist": "999999"}, {"finalist": "x"}, {}])
def test_vote_forged_input_is_a_message(vote_setup, open_ballot, delegate, login, forged):
    edition = vote_setup["edition"]

    response = login(delegate).post(
        reverse("prize:vote", args=[edition.year, open_ballot.pk]), forged, follow=True
    )

    assert response.status_code == 200
    assert "Choose one of the finalists" in response.content.decode()
    assert not Participation.objects.exists()


def test_vote_for_another_city_is_refused(vote_setup, open_ballot, delegate, login):
    edition, malmo = vote_setup["edition"], vote_setup["cities"]["malmo"]

    response = login(delegate).post(
        reverse("prize:vote", args=[edition.year, open_ballot.pk]),
        {"finalist": open_ballot.options.first().pk, "city": malmo.pk, "confirm": "yes"},
        follow=True,
    )

    assert "You cannot vote on behalf of this city." in response.content.decode()
    assert not Participation.objects.exists()


def test_vote_get_goes_back_to_the_ballot(vote_setup, open_ballot, delegate, login):
    response = login(delegate).get(
        reverse("prize:vote", args=[vote_setup["edition"].year, open_ballot.pk])
    )

    assert response.url == reverse(
        "prize:ballot", args=[vote_setup["edition"].year, open_ballot.pk]
    )
    assert not Participation.objects.exists()


def test_vote_in_a_ballot_of_another_edition_is_404(vote_setup, open_ballot, delegate, login):
    other = PrizeEditionFactory()

    response = login(delegate).post(
        reverse("prize:vote", args=[other.year, open_ballot.pk]),
        {"finalist": open_ballot.options.first().pk},
    )

    assert response.status_code == 404


def test_paper_vote_and_close_through_the_pages(vote_setup, open_ballot, staff, login):
    edition, malmo = vote_setup["edition"], vote_setup["cities"]["malmo"]
    client = login(staff)
    finalist = open_ballot.options.first()

    client.post(
        reverse("prize:paper_vote", args=[edition.year, open_ballot.pk]),
        {"city": malmo.pk, "finalist": finalist.pk},
    )
    client.post(
        reverse("prize:ballot_close", args=[edition.year, open_ballot.pk]),
        {"confirm": "yes", "below_quorum": "yes"},
    )
    response = client.get(reverse("prize:ballot", args=[edition.year, open_ballot.pk]))

    assert Participation.objects.get().on_paper is True
    assert BallotTotal.objects.get(ballot=open_ballot, finalist=finalist).votes == 1
    assert "1 vote cast on paper" in response.content.decode()


@pytest.mark.parametrize("role", ["delegate", "board"])
def test_ballot_close_refused_to_non_staff(vote_setup, open_ballot, login, request, role):
    response = login(request.getfixturevalue(role)).post(
        reverse("prize:ballot_close", args=[vote_setup["edition"].year, open_ballot.pk])
    )

    assert response.status_code == 403
    open_ballot.refresh_from_db()
    assert open_ballot.is_open


def test_edition_page_publishes_results_to_members(vote_setup, staff, primary, login):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    for category, city in ((SizeCategory.LARGE, "ghent"), (SizeCategory.SMALL, "bulle")):
        ballot = services.ballot_open(edition=edition, category=category, by=staff)
        services.vote_cast(
            ballot=ballot,
            city=cities["malmo"],
            finalist_id=Finalist.objects.get(candidature__city=cities[city]).pk,
            by=cities["malmo"].accounts.get(role=AccountRole.PRIMARY).user,
        )
        services.ballot_close(ballot=ballot, by=staff)
    services.edition_phase_set(edition=edition, to_phase=EditionPhase.RESULTS, by=staff)

    edition_page = login(primary).get(reverse("prize:edition", args=[edition.year])).content
    archive = login(primary).get(reverse("prize:index")).content.decode()

    assert "Winner: Ghent" in edition_page.decode()
    assert "1 of 5 member cities voted" in edition_page.decode()
    assert "Winner:</strong> Bulle" in archive


def test_home_shows_the_current_prize_phase_to_members(login, primary, edition):
    page = login(primary).get(reverse("home")).content.decode()

    assert str(edition.phase_label) in page
    assert reverse("prize:edition", args=[edition.year]) in page
