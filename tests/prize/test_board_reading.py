"""Issue 16 and 17 on the prize pages: the Board reads each candidature as submitted,
with its scores; three finalist *cities*; a confirmation before every irreversible
prize action; honest totals, formatted numbers and only the actions that can apply."""

import re

import pytest
from django.db import IntegrityError
from django.urls import reverse

from eccar.errors import ServiceError
from prize import services
from prize.enums import EditionPhase, TieBreakRule
from prize.models import Ballot, Candidature, Finalist, Participation
from reporting.enums import SizeCategory
from reporting.models import Answer, ReportSnapshot
from reporting.questionnaires import questionnaire_load
from reviews.models import Assignment
from tests.conftest import SMALL_QUESTIONNAIRE

from .conftest import advance
from .factories import assess, criteria_for, submitted_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(edition, staff, city, primary, plan):
    """Graz submitted two measures on time; its revision 1 is frozen with a level-1
    summary and each measure's title answer; the live answers changed afterwards."""
    cycle = edition.cycle
    questionnaire = questionnaire_load(
        cycle=cycle, plan=plan, sections=SMALL_QUESTIONNAIRE, title={"en": "Questionnaire"}
    )
    report = submitted_report(cycle=cycle, city=city, measures=2)
    report.questionnaire = questionnaire
    report.save(update_fields=["questionnaire"])
    measures = list(report.measures.order_by("order"))
    ReportSnapshot.objects.create(
        report=report,
        revision=1,
        created_at=report.submitted_at,
        data={
            "overview": {"strategy_summary": "Frozen level-1 summary"},
            "measures": [
                {
                    "id": m.pk,
                    "order": m.order,
                    "title": m.title,
                    "answers": {"m_title": f"As submitted {n}"},
                }
                for n, m in enumerate(measures, start=1)
            ],
        },
    )
    summary = questionnaire.questions.get(code="strategy_summary")
    Answer.objects.create(report=report, question=summary, value="Live edit after feedback")
    advance(edition, staff, EditionPhase.PRESELECTION)
    return {"report": report, "measures": measures}


def _candidature(edition, measure):
    return Candidature.objects.get(edition=edition, measure=measure)


# --- The Board reads the candidature -------------------------------------------------------


def test_board_reads_the_candidature_as_submitted_with_its_scores(
    edition, frozen, board, reviewer, small_reviewer, login
):
    impact, innovation = criteria_for(edition.cycle)
    second = frozen["measures"][1]
    assess(measure=second, reviewer=reviewer, scores={impact: 3, innovation: 4})
    assess(measure=second, reviewer=small_reviewer, scores={impact: 2})
    candidature = _candidature(edition, second)

    response = login(board).get(reverse("prize:candidature", args=[edition.year, candidature.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "As submitted 2" in body
    assert "As submitted 1" not in body
    assert "Frozen level-1 summary" in body
    assert "Live edit after feedback" not in body
    scores = {row["criterion"].code: row for row in response.context["scores"]["criteria"]}
    assert (scores["impact"]["average"], scores["impact"]["n_scored"]) == (2.5, 2)
    assert (scores["innovation"]["average"], scores["innovation"]["n_scored"]) == (4, 1)
    assert "2 of 2 reviewers scored this measure." in body


def test_reviewer_with_a_conflict_reads_no_content(edition, frozen, reviewer, login, city):
    reviewer.conflicts.create(city=city)
    candidature = _candidature(edition, frozen["measures"][0])

    response = login(reviewer).get(
        reverse("prize:candidature", args=[edition.year, candidature.pk])
    )

    assert response.status_code == 200
    assert "As submitted 1" not in response.content.decode()
    assert response.context["reading"] == {"withheld": True}


def test_candidature_page_refused_to_a_city_and_404_for_another_edition(
    edition, frozen, primary, board, login
):
    candidature = _candidature(edition, frozen["measures"][0])
    url = reverse("prize:candidature", args=[edition.year, candidature.pk])

    assert login(primary).get(url).status_code == 403
    assert (
        login(board)
        .get(reverse("prize:candidature", args=[edition.year + 1, candidature.pk]))
        .status_code
        == 404
    )


def _links(body: str) -> set[str]:
    return {
        href for href in re.findall(r'href="(/[^"]*)"', body) if not href.startswith("/static/")
    }


def test_no_link_on_the_board_pages_is_a_404(
    edition, frozen, staff, reviewer, board, login, other_city
):
    """The defect: candidature tables and the finalists page linked the Board to the
    city's report page, a 404 for most candidate cities."""
    for candidature in edition.candidatures.all():
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="ok")
    advance(edition, staff, EditionPhase.FINALISTS)
    client = login(board)
    pages = [
        reverse("prize:edition", args=[edition.year]),
        reverse("prize:candidatures", args=[edition.year, SizeCategory.LARGE]),
        reverse("prize:finalists", args=[edition.year, SizeCategory.LARGE]),
    ]
    report_url = reverse("reporting:report_detail", args=["graz", edition.cycle.year])
    for page in pages:
        body = client.get(page).content.decode()
        assert report_url not in body
        for href in _links(body) - {"/accounts/logout/"}:
            assert client.get(href).status_code != 404, (page, href)


def test_finalists_page_shows_scores(edition, frozen, staff, reviewer, board, login):
    (impact,) = criteria_for(edition.cycle, codes=("impact",))
    assess(measure=frozen["measures"][0], reviewer=reviewer, scores={impact: 3})
    for candidature in edition.candidatures.all():
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="ok")
    advance(edition, staff, EditionPhase.FINALISTS)

    body = (
        login(board)
        .get(reverse("prize:finalists", args=[edition.year, SizeCategory.LARGE]))
        .content.decode()
    )

    assert "3.00" in body
    assert "1 of 1 reviewer scored this measure." in body


# --- Three finalist cities -------------------------------------------------------------------


@pytest.fixture
def two_of_graz(edition, staff, reviewer, city, other_city):
    submitted_report(cycle=edition.cycle, city=city, measures=2)
    submitted_report(cycle=edition.cycle, city=other_city, measures=1)
    advance(edition, staff, EditionPhase.PRESELECTION)
    for candidature in edition.candidatures.all():
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="ok")
    advance(edition, staff, EditionPhase.FINALISTS)
    return list(edition.candidatures.filter(city=city).order_by("pk"))


def test_second_finalist_of_a_city_is_refused(edition, two_of_graz, board):
    services.finalist_choose(candidature=two_of_graz[0], by=board)

    with pytest.raises(ServiceError) as refused:
        services.finalist_choose(candidature=two_of_graz[1], by=board)

    assert refused.value.code == "same_city"
    assert Finalist.objects.filter(edition=edition).count() == 1


def test_second_finalist_of_a_city_is_refused_by_the_database(edition, two_of_graz, board):
    first = services.finalist_choose(candidature=two_of_graz[0], by=board)

    with pytest.raises(IntegrityError):
        Finalist.objects.create(
            edition=edition,
            category=first.category,
            slot=2,
            candidature=two_of_graz[1],
            city=two_of_graz[1].city,
        )


def test_second_finalist_of_a_city_through_the_page_is_a_message(
    edition, two_of_graz, board, login
):
    client = login(board)
    client.post(reverse("prize:finalist_choose", args=[edition.year, two_of_graz[0].pk]))

    response = client.post(
        reverse("prize:finalist_choose", args=[edition.year, two_of_graz[1].pk]), follow=True
    )

    assert response.status_code == 200
    assert "Graz is already a finalist of this category" in response.content.decode()
    assert Finalist.objects.count() == 1


def test_choose_as_finalist_offered_only_where_it_can_apply(edition, two_of_graz, board, login):
    services.finalist_choose(candidature=two_of_graz[0], by=board)

    response = login(board).get(reverse("prize:finalists", args=[edition.year, SizeCategory.LARGE]))

    rows = {row["candidature"].pk: row for row in response.context["rows"]}
    assert rows[two_of_graz[1].pk]["can_choose"] is False
    assert "Graz is already a finalist" in rows[two_of_graz[1].pk]["blocked"]
    malmo = next(pk for pk in rows if pk not in {c.pk for c in two_of_graz})
    assert rows[malmo]["can_choose"] is True
    assert response.content.decode().count("Choose as finalist") == 1


# --- Confirmation steps -----------------------------------------------------------------------


@pytest.fixture
def open_ballot(vote_setup, staff):
    return services.ballot_open(
        edition=vote_setup["edition"], category=SizeCategory.LARGE, by=staff
    )


def test_vote_asks_for_confirmation_first(vote_setup, open_ballot, primary, login):
    edition = vote_setup["edition"]
    finalist = open_ballot.options.select_related("candidature__city").first()
    url = reverse("prize:vote", args=[edition.year, open_ballot.pk])
    client = login(primary)

    asked = client.post(url, {"finalist": finalist.pk})

    assert asked.status_code == 200
    assert asked.templates[0].name == "prize/confirm.html"
    body = asked.content.decode()
    assert "cannot be changed" in body
    assert finalist.candidature.title in body
    assert not Participation.objects.exists()
    done = client.post(
        url, {"finalist": finalist.pk, "city": vote_setup["cities"]["graz"].pk, "confirm": "yes"}
    )
    assert done.url == reverse("prize:receipt", args=[edition.year, open_ballot.pk])
    assert Participation.objects.count() == 1


def test_close_shows_turnout_and_asks_again_below_the_quorum(
    vote_setup, open_ballot, staff, login, settings
):
    settings.PRIZE_BALLOT_QUORUM_PERCENT = 50
    edition = vote_setup["edition"]
    services.vote_cast(
        ballot=open_ballot,
        city=vote_setup["cities"]["graz"],
        finalist_id=open_ballot.options.first().pk,
        by=staff,
        on_paper=True,
    )
    url = reverse("prize:ballot_close", args=[edition.year, open_ballot.pk])
    client = login(staff)

    page = client.get(url)
    once = client.post(url, {"confirm": "yes"})

    body = page.content.decode()
    assert "1 of 5 member cities has voted." in body
    assert "below the quorum of 50%" in body
    assert 'name="below_quorum"' in body
    assert once.status_code == 200
    assert "tick the box" in once.content.decode()
    open_ballot.refresh_from_db()
    assert open_ballot.is_open
    client.post(url, {"confirm": "yes", "below_quorum": "yes"})
    open_ballot.refresh_from_db()
    assert not open_ballot.is_open


def test_close_above_the_quorum_asks_once(vote_setup, open_ballot, staff, login, settings):
    settings.PRIZE_BALLOT_QUORUM_PERCENT = 20
    edition = vote_setup["edition"]
    services.vote_cast(
        ballot=open_ballot,
        city=vote_setup["cities"]["graz"],
        finalist_id=open_ballot.options.first().pk,
        by=staff,
        on_paper=True,
    )
    url = reverse("prize:ballot_close", args=[edition.year, open_ballot.pk])

    page = login(staff).get(url)
    login(staff).post(url, {"confirm": "yes"})

    assert 'name="below_quorum"' not in page.content.decode()
    open_ballot.refresh_from_db()
    assert not open_ballot.is_open


def test_withdraw_asks_for_confirmation_first(edition, staff, city_report, primary, login):
    advance(edition, staff, EditionPhase.PRESELECTION)
    candidature = edition.candidatures.first()
    url = reverse("prize:withdraw", args=[edition.year, "graz", candidature.pk])

    page = login(primary).get(url)
    unconfirmed = login(primary).post(url)

    assert page.status_code == unconfirmed.status_code == 200
    assert "cannot be undone" in page.content.decode()
    candidature.refresh_from_db()
    assert not candidature.is_withdrawn


# --- Staff tools --------------------------------------------------------------------------------


def test_candidature_table_formats_populations_and_says_how_many_scored(
    edition, staff, city_report, reviewer, small_reviewer, login
):
    advance(edition, staff, EditionPhase.PRESELECTION)
    impact, _innovation = criteria_for(edition.cycle)
    candidature = edition.candidatures.order_by("pk").first()
    Assignment.objects.create(report=city_report, reviewer=reviewer)
    Assignment.objects.create(report=city_report, reviewer=small_reviewer)
    assess(measure=candidature.measure, reviewer=reviewer, scores={impact: 3})

    response = login(reviewer).get(
        reverse("prize:candidatures", args=[edition.year, SizeCategory.LARGE])
    )

    body = response.content.decode()
    assert "(300,000)" in body
    assert "1 of 2 scored" in body
    assert "Partial total: 1 of 2 criteria scored." in body


def test_candidature_population_in_french(edition, staff, city_report, reviewer, login):
    advance(edition, staff, EditionPhase.PRESELECTION)

    response = login(reviewer).get(
        reverse("prize:candidatures", args=[edition.year, SizeCategory.LARGE]),
        headers={"accept-language": "fr"},
    )

    assert "300\u202f000" in response.content.decode() or "300\xa0000" in response.content.decode()


def test_one_city_has_voted_in_the_singular(vote_setup, open_ballot, staff, board, login):
    services.vote_cast(
        ballot=open_ballot,
        city=vote_setup["cities"]["malmo"],
        finalist_id=open_ballot.options.first().pk,
        by=staff,
        on_paper=True,
    )

    body = (
        login(board)
        .get(reverse("prize:ballot", args=[vote_setup["edition"].year, open_ballot.pk]))
        .content.decode()
    )

    assert "1 city has voted so far" in body
    assert "1 cities" not in body


def test_runoff_offered_only_until_it_is_opened(vote_setup, staff, login):
    edition = vote_setup["edition"]
    ballot = services.ballot_open(
        edition=edition, category=SizeCategory.LARGE, by=staff, tie_break=TieBreakRule.RUNOFF
    )
    services.ballot_close(ballot=ballot, by=staff)  # no votes: a tie between all three
    url = reverse("prize:ballot", args=[edition.year, ballot.pk])

    before = login(staff).get(url)
    services.ballot_runoff_open(ballot=ballot, by=staff)
    after = login(staff).get(url)

    assert before.context["can_runoff"] is True
    assert "Open the run-off" in before.content.decode()
    assert after.context["can_runoff"] is False
    assert "Open the run-off" not in after.content.decode()
    assert Ballot.objects.filter(edition=edition).count() == 2


def test_notify_offered_only_while_a_finalist_city_is_not_told(
    vote_setup, board, login, commit_callbacks
):
    edition = vote_setup["edition"]
    url = reverse("prize:edition", args=[edition.year])
    before = login(board).get(url).content.decode()
    with commit_callbacks(execute=True):
        services.finalists_notify(edition=edition, by=board)

    after = login(board).get(url).content.decode()

    assert "Notify the finalist cities by email" in before
    assert "Notify the finalist cities by email" not in after
