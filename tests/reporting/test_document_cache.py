"""The rendered document of a submitted revision is reused, and renewed when new
machine translations arrive."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import report_services
from reporting.models import MachineTranslation, ReportTranslationStatus
from reporting.translations import text_hash
from tests.reporting.test_submission import complete


def _document(page: str) -> str:
    return page.split('<div class="document">', 1)[1].split('id="history-heading"', 1)[0]


def test_submitted_document_is_rendered_once_and_renewed_by_translations(login, report, q, primary):
    complete(report, q, primary)
    report_services.answer_save(
        report=report, question=q["strategy_summary"], raw="Ein Aktionsplan.", by=primary
    )
    report_services.report_submit(report=report, by=primary)
    client = login(primary)
    url = reverse("reporting:report_detail", args=[report.city.slug, report.cycle.year])
    url += "?read=translated"

    with CaptureQueriesContext(connection) as first:
        before = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        again = client.get(url).content.decode()
    # Counted now: the next request empties the connection's query log.
    first_count, second_count = len(first), len(second)
    MachineTranslation.objects.create(
        source_hash=text_hash("Ein Aktionsplan."),
        source_language=report.source_language or report.city.main_language,
        target_language="en",
        engine="deepl",
        text="An action plan.",
    )
    ReportTranslationStatus.objects.update_or_create(report=report, defaults={"state": "done"})
    translated = client.get(url).content.decode()

    assert "Ein Aktionsplan." in before
    assert _document(before) == _document(again)
    assert second_count < first_count
    assert "An action plan." in translated


def test_current_cycle_is_cached_until_a_cycle_is_saved(db):
    from reporting.selectors import cycle_current
    from tests.factories import ReportingCycleFactory

    older = ReportingCycleFactory()
    assert cycle_current() == older  # cached now

    newer = ReportingCycleFactory(year=older.year + 2)

    assert cycle_current() == newer
    newer.delete()
    assert cycle_current() == older


def test_current_prize_edition_is_cached_until_an_edition_is_saved(db):
    from prize.enums import EditionPhase
    from prize.selectors import current_edition
    from tests.prize.factories import PrizeEditionFactory

    edition = PrizeEditionFactory()
    assert current_edition() == edition

    edition.phase = EditionPhase.RESULTS
    edition.save()

    assert current_edition() is None


def test_question_is_cached_until_it_or_its_section_is_saved(questionnaire):
    from reporting.selectors import question_get

    question = questionnaire.questions.select_related("section").first()
    assert question_get(questionnaire_id=questionnaire.pk, pk=question.pk) == question

    question.required = not question.required
    question.save()
    after_question = question_get(questionnaire_id=questionnaire.pk, pk=question.pk)
    question.section.level = 3 - question.section.level
    question.section.save()
    after_section = question_get(questionnaire_id=questionnaire.pk, pk=question.pk)

    assert after_question.required == question.required
    assert after_section.section.level == question.section.level
    assert question_get(questionnaire_id=questionnaire.pk + 1, pk=question.pk) is None


def test_questionnaire_structure_is_cached_until_a_choice_question_or_section_changes(
    questionnaire,
):
    from reporting.models import Choice
    from reporting.selectors import questionnaire_structure

    def labels():
        return [
            choice.label
            for section in questionnaire_structure(questionnaire=questionnaire)
            for question in section.questions.all()
            for choice in question.choices.all()
        ]

    choice = Choice.objects.filter(question__questionnaire=questionnaire).first()
    before = labels()  # cached now
    choice.label = "Renamed choice"
    choice.save()

    after = labels()

    assert "Renamed choice" not in before
    assert "Renamed choice" in after


def test_edit_page_shows_every_change_though_its_questions_are_cached(login, report, q, primary):
    from reporting.models import Commitment

    client = login(primary)
    strategy = reverse(
        "reporting:section_edit", args=[report.city.slug, report.cycle.year, "strategy"]
    )
    measure = report_services.measure_add(report=report, by=primary)
    measure_url = reverse(
        "reporting:measure_edit", args=[report.city.slug, report.cycle.year, measure.pk]
    )
    first = client.get(strategy).content.decode()
    client.get(measure_url)  # every question of both pages is cached now

    report_services.answer_save(
        report=report, question=q["strategy_summary"], raw="A first summary.", by=primary
    )
    answered = client.get(strategy).content.decode()
    question = q["strategy_summary"]
    question.text_en = "Summary of the action plan"
    question.save()
    reworded = client.get(strategy).content.decode()
    commitment = Commitment.objects.get(plan=report.questionnaire.plan, number=1)
    commitment.title_en = commitment.title = "Renamed first commitment"
    commitment.save()
    renamed = client.get(measure_url).content.decode()
    primary.preferred_language = "fr"
    primary.save()
    french = client.get(strategy).content.decode()

    assert "A first summary." not in first
    assert "A first summary." in answered
    assert "Summary of the action plan" in reworded
    assert "Renamed first commitment" in renamed
    assert "Résumé" in french and "A first summary." in french


def test_report_address_follows_a_renamed_city_though_places_are_cached(login, report, primary):
    client = login(primary)
    old = reverse("reporting:report_detail", args=[report.city.slug, report.cycle.year])
    assert client.get(old).status_code == 200  # the cities and cycles are cached now

    city = report.city
    city.slug = "graz-city"
    city.name = "Graz City"
    city.save()
    new = reverse("reporting:report_detail", args=["graz-city", report.cycle.year])
    page = client.get(new)

    assert client.get(old).status_code == 404
    assert page.status_code == 200
    assert "Graz City" in page.content.decode()


def test_report_of_another_city_stays_hidden_though_places_are_cached(login, report, other_city):
    from tests.factories import CityAccountFactory

    stranger = CityAccountFactory(city=other_city).user
    client = login(stranger)

    page = client.get(reverse("reporting:report_detail", args=[report.city.slug, 2025]))
    unknown = client.get(reverse("reporting:report_detail", args=["nowhere", 2025]))

    assert page.status_code == 404
    assert unknown.status_code == 404
