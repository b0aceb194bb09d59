"""Every user-facing string in the reader's language: flash messages, conditional notes,
dates, plurals and the documents; and catalogues complete enough to promise it."""

import datetime
import importlib
from io import BytesIO

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from eccar.enums import HistoryReason
from eccar.errors import ServiceError
from reporting.enums import MembershipStatus, ReportState
from reporting.models import (
    Answer,
    MachineTranslation,
    MembershipChange,
    Report,
    ReportStateChange,
)
from reporting.selectors.machine_translation import text_hash
from reporting.selectors.reports import report_pdf
from reporting.services.content import answer_save
from reporting.services.reports import report_submit, report_withdraw_publication
from tests.factories import PASSWORD, CityFactory
from tests.reporting.test_report_editing import url
from tests.reporting.test_submission import complete


def pdf_pages(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf", response.content[:500]
    return [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]


def test_login_message_in_the_users_language_not_the_login_pages(client, primary):
    primary.preferred_language = "fr"
    primary.save(update_fields=["preferred_language"])

    response = client.post(
        reverse("account_login"),
        {"login": primary.email, "password": PASSWORD},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert [str(m) for m in response.context["messages"]] == [
        f"Connexion avec {primary.full_name} réussie."
    ]


def test_condition_note_names_the_question_and_the_answers_label(login, primary, questionnaire):
    client = login(primary)
    client.post(reverse("language_set"), {"language": "fr"})

    page = client.get(reverse("reporting:questionnaire", args=[questionnaire.cycle.year]))

    content = page.content.decode()
    assert "Uniquement si la réponse à «\xa0Plan d&#x27;action ?\xa0» est «\xa0Oui\xa0»." in content
    assert "strategy_has_plan" not in content
    assert "« yes »" not in content


def test_blank_questionnaire_pdf_starts_the_questions_on_its_first_page(
    login, primary, questionnaire
):
    client = login(primary)

    pages = pdf_pages(
        client.get(reverse("reporting:questionnaire_pdf", args=[questionnaire.cycle.year]))
    )

    assert "Test questionnaire" in pages[0]
    assert "Population" in pages[0]


def test_history_reason_is_stored_as_a_code_and_read_in_the_readers_language(
    login, report, primary
):
    Report.objects.filter(pk=report.pk).update(state=ReportState.PUBLISHED)
    report.refresh_from_db()
    primary.preferred_language = "de"
    primary.save(update_fields=["preferred_language"])

    report_withdraw_publication(report=report, by=primary)

    change = ReportStateChange.objects.filter(report=report).latest("changed_at", "pk")
    assert change.reason == HistoryReason.PUBLICATION_WITHDRAWN
    page = login(primary).get(url(report, "report_detail")).content.decode()
    assert ": Veröffentlichung von der Stadt zurückgezogen.</li>" in page


def test_history_reason_typed_by_a_person_is_shown_as_typed(report):
    change = ReportStateChange(report=report, to_state=ReportState.DRAFT, reason="Bitte x.")

    with translation.override("fr"):
        assert change.reason_text == "Bitte x."


def test_history_sentences_of_old_rows_become_codes(city, report):
    MembershipChange.objects.create(city=city, to_status="member", reason="Joined the coalition.")
    ReportStateChange.objects.create(
        report=report, to_state=ReportState.FEEDBACK_RECEIVED, reason="Feedback letter sent."
    )
    with translation.override("de"):
        german = translation.gettext("Publication withdrawn by the city.")
    ReportStateChange.objects.create(
        report=report, to_state=ReportState.FEEDBACK_RECEIVED, reason=german
    )
    typed = ReportStateChange.objects.create(
        report=report, to_state=ReportState.DRAFT, reason="Please add the budget."
    )

    migration = importlib.import_module("reporting.migrations.0012_history_reason_codes")
    migration.to_codes(django_apps, None)

    assert list(MembershipChange.objects.values_list("reason", flat=True)) == ["joined"]
    assert list(
        ReportStateChange.objects.exclude(pk=typed.pk)
        .exclude(reason="")
        .order_by("pk")
        .values_list("reason", flat=True)
    ) == ["feedback_sent", "publication_withdrawn"]
    typed.refresh_from_db()
    assert typed.reason == "Please add the budget."


def test_one_missing_answer_is_counted_in_the_singular(report, q, primary):
    complete(report, q, primary)
    Answer.objects.filter(report=report, question=q["profile_population"]).delete()

    with pytest.raises(ServiceError) as error:
        report_submit(report=report, by=primary)

    assert error.value.message == "1 required answer is missing."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "3 Dec 2026"),
        ("fr", "03/12/2026"),
        ("de", "03.12.2026"),
        ("es", "03/12/2026"),
        ("it", "03/12/2026"),
    ],
)
def test_short_dates_are_day_first_in_every_language(language, expected):
    with translation.override(language):
        assert date_format(datetime.date(2026, 12, 3), "SHORT_DATE_FORMAT") == expected


def test_a_typed_english_date_is_read_day_first(report, q, primary):
    measure = complete(report, q, primary)

    with translation.override("en"):
        answer = answer_save(
            report=report, question=q["m_start"], measure=measure, raw="12/03/2026", by=primary
        )

    assert answer.value == "2026-03-12"


def test_history_dates_in_english_are_not_american(login, report, primary):
    primary.preferred_language = "en"
    primary.save(update_fields=["preferred_language"])

    page = login(primary).get(url(report, "report_detail")).content.decode()

    today = timezone.localtime()
    assert f"{today.day} {today:%b} {today.year}, " in page
    assert today.strftime("%m/%d/%Y") not in page


def test_directory_offers_the_member_countries_in_the_readers_language(
    login, primary, city, other_city
):
    CityFactory(name="Gone", country="FR", membership_status=MembershipStatus.LEFT)
    primary.preferred_language = "de"
    primary.save(update_fields=["preferred_language"])
    client = login(primary)

    response = client.get(reverse("reporting:directory"))
    filtered = client.get(reverse("reporting:directory"), {"country": "SE"})

    assert response.context["form"].fields["country"].choices == [
        ("", "—"),
        ("AT", "Österreich"),
        ("SE", "Schweden"),
    ]
    assert [c.name for c in filtered.context["cities"]] == ["Malmö"]


def test_submission_pdf_of_a_german_report_is_german_throughout(report, q, primary):
    Report.objects.filter(pk=report.pk).update(source_language="de")
    report.refresh_from_db()
    complete(report, q, primary)
    answer_save(report=report, question=q["strategy_unit"], raw="unit", by=primary)
    report_submit(report=report, by=primary)
    report.refresh_from_db()

    with translation.override("en"):
        pdf = report_pdf(report, user=primary, revision=1)

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Eigene Stelle" in text
    assert "Dedicated unit" not in text
    assert "Aktionsplan?" in text


@pytest.fixture
def german_report(report, q, primary):
    """A submitted German report with two free texts, one of them translated into English."""
    Report.objects.filter(pk=report.pk).update(source_language="de")
    report.refresh_from_db()
    complete(report, q, primary)
    answer_save(report=report, question=q["profile_contact"], raw="Amt für Vielfalt", by=primary)
    answer_save(report=report, question=q["strategy_summary"], raw="Ein Plan.", by=primary)
    MachineTranslation.objects.create(
        source_hash=text_hash("Amt für Vielfalt"),
        source_language="de",
        target_language="en",
        engine="deepl",
        text="Office for diversity",
    )
    report_submit(report=report, by=primary)
    return report


def toggle(page: str) -> str:
    start = page.index('<div class="reading-toggle"')
    return " ".join(page[start : page.index("</div>", start)].split())


def test_reading_toggle_goes_both_ways_and_says_what_is_shown(login, reviewer, german_report):
    client = login(reviewer)
    page_url = url(german_report, "report_detail")

    translated = toggle(client.get(page_url).content.decode())
    original = toggle(client.get(page_url + "?read=original").content.decode())
    remembered = toggle(client.get(page_url).content.decode())
    back = toggle(client.get(page_url + "?read=translated").content.decode())

    assert "1 of 3 free-text answers is shown in a machine translation into English" in translated
    assert "?read=original" in translated
    assert "You are reading the original: the answers as the city wrote them, in Deutsch." in (
        original
    )
    assert "?read=translated" in original
    assert remembered == original
    assert back == translated


def test_own_report_in_the_readers_language_does_not_claim_a_translation(login, primary, report, q):
    Report.objects.filter(pk=report.pk).update(source_language="en")
    complete(report, q, primary)
    report_submit(report=report, by=primary)

    page = toggle(login(primary).get(url(report, "report_detail")).content.decode())

    assert "The answers are shown as the city wrote them, in English." in page
    assert "machine translation" not in page.lower()


def test_language_list_of_machine_translation_only_when_translation_is_on(
    login, primary, report, settings
):
    client = login(primary)
    settings.TRANSLATION_BACKEND = ""
    settings.DEEPL_AUTH_KEY = ""
    settings.LIBRETRANSLATE_URL = ""
    off = client.get(url(report, "report_detail")).content.decode()
    settings.TRANSLATION_BACKEND = "deepl"
    settings.DEEPL_AUTH_KEY = "fake-key:fx"
    on = client.get(url(report, "report_detail")).content.decode()

    assert 'id="id_language"' not in off
    assert 'id="id_language"' in on
