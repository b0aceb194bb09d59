"""Writing comfort (issue 17), each a defect of the issue's "Why": Save came back to
the top of a long page; the pre-submit check did not name the measure and its links
did not lead to the field; after submission the measure list linked to edit pages that
refuse; 403 pages gave no reason; GET .../start/ was a blank 405; a second attachment
replaced the first silently and its errors showed only in a banner; dates were typed in
ISO whatever the language; long texts had no counter against the help's guidance."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from reporting.answers import date_for_input, length_guidance
from reporting.models import Answer, Attachment
from reporting.services.content import answer_save, measure_add
from reporting.services.reports import report_submit
from tests.reporting.test_submission import complete

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(report, name="report_detail", **kwargs):
    return reverse(
        f"reporting:{name}", kwargs={"slug": report.city.slug, "year": report.cycle.year, **kwargs}
    )


def form(q, *codes, **values):
    data = {"save": ""}
    for code in codes:
        data[f"a-{q[code].pk}-present"] = "1"
        data[f"v-{q[code].pk}"] = "0"
    for code, value in values.items():
        data[f"a-{q[code].pk}"] = value
    return data


# --- Save comes back to the field ---------------------------------------------------


def test_save_without_javascript_returns_to_the_field_it_changed(login, primary, report, q):
    client = login(primary)
    data = form(
        q, "strategy_has_plan", "strategy_unit", "strategy_summary", strategy_summary="Adopted."
    )

    response = client.post(url(report, "section_edit", code="strategy"), data)

    assert response.status_code == 302
    assert response.url == url(report, "section_edit", code="strategy") + (
        f"#input-{q['strategy_summary'].pk}"
    )


def test_save_returns_to_the_field_the_page_names(login, primary, report, q):
    client = login(primary)
    data = form(q, "strategy_has_plan", "strategy_unit", strategy_unit="unit")
    data["focus"] = str(q["strategy_has_plan"].pk)

    response = client.post(url(report, "section_edit", code="strategy"), data)

    assert response.url.endswith(f"#input-{q['strategy_has_plan'].pk}")


def test_save_ignores_a_focus_outside_the_form(login, primary, report, q):
    data = form(q, "strategy_has_plan")
    data["focus"] = str(q["profile_population"].pk)

    response = login(primary).post(url(report, "section_edit", code="strategy"), data)

    assert response.url == url(report, "section_edit", code="strategy")


def test_every_question_has_a_focus_target_for_links(login, primary, report, q):
    measure = measure_add(report=report, by=primary)
    client = login(primary)
    pages = [
        client.get(url(report, "section_edit", code=code)).content.decode()
        for code in ("profile", "strategy")
    ] + [client.get(url(report, "measure_edit", measure_id=measure.pk)).content.decode()]
    content = "".join(pages)

    for question in q.values():
        assert content.count(f'id="input-{question.pk}"') == 1, question.code


# --- The pre-submit check -----------------------------------------------------------


def test_check_names_the_measure_by_number_and_title_and_links_to_its_field(
    login, primary, report, q
):
    complete(report, q, primary)
    second = measure_add(report=report, by=primary)
    answer_save(
        report=report, question=q["m_title"], measure=second, raw="Anti-racism hotline", by=primary
    )

    content = login(primary).get(url(report, "report_submit")).content.decode()

    assert "Measure 2 “Anti-racism hotline”: Commitments" in content
    link = url(report, "measure_edit", measure_id=second.pk) + f"#input-{q['m_commitments'].pk}"
    assert f'href="{link}"' in content
    assert "The measure: Commitments" not in content


# --- After submission ---------------------------------------------------------------


def test_after_submission_the_measure_list_links_to_reading_not_editing(login, primary, report, q):
    measure = complete(report, q, primary)
    report_submit(report=report, by=primary)

    content = login(primary).get(url(report, "measure_list")).content.decode()

    assert url(report, "measure_edit", measure_id=measure.pk) not in content
    assert f'href="{url(report)}#measure-1"' in content
    document = login(primary).get(url(report)).content.decode()
    assert 'id="measure-1"' in document


def test_refused_edit_names_the_reason(login, primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)

    response = login(primary).get(url(report, "section_edit", code="profile"))

    assert response.status_code == 403
    assert "This report has been submitted and can no longer be changed." in (
        response.content.decode()
    )


def test_secondary_refused_submission_is_told_who_may_submit(login, secondary, report):
    response = login(secondary).get(url(report, "report_submit"))

    assert response.status_code == 403
    content = html.unescape(response.content.decode())
    assert "Only your city's primary account can submit the report." in content


def test_staff_refused_editing_is_told_whose_report_it_is(login, staff, report, city):
    response = login(staff).get(url(report, "section_edit", code="profile"))

    assert response.status_code == 403
    assert f"Only the accounts of {city.name} can change this report." in (
        response.content.decode()
    )


def test_get_of_start_leads_to_the_report(login, primary, report):
    response = login(primary).get(url(report, "report_start"))

    assert response.status_code == 302
    assert response.url == url(report)


def test_get_of_start_without_a_report_leads_home(login, primary, city, cycle):
    path = reverse("reporting:report_start", kwargs={"slug": city.slug, "year": cycle.year})

    response = login(primary).get(path)

    assert (response.status_code, response.url) == (302, reverse("home"))


# --- The attachment -----------------------------------------------------------------


def upload(client, report, name, content=PDF, **extra):
    return client.post(
        url(report, "attachment"),
        {"file": SimpleUploadedFile(name, content), **extra},
        follow=True,
    )


def test_second_attachment_is_refused_without_confirmation_and_the_first_kept(
    login, primary, report
):
    client = login(primary)
    upload(client, report, "council-decision.pdf")

    response = upload(client, report, "other.pdf")

    assert Attachment.objects.get(report=report).original_name == "council-decision.pdf"
    content = response.content.decode()
    field = content.split('<p class="field__error" id="error-file">')[1].split("</p>")[0]
    assert "A file is already attached (“council-decision.pdf”)" in field
    assert 'aria-describedby="error-file"' in content
    assert response.redirect_chain[-1][0].endswith("#id_file")


def test_second_attachment_replaces_the_first_when_confirmed(login, primary, report):
    client = login(primary)
    upload(client, report, "council-decision.pdf")

    upload(client, report, "other.pdf", replace="yes")

    assert Attachment.objects.get(report=report).original_name == "other.pdf"


def test_attachment_error_shows_at_the_field_once(login, primary, report):
    client = login(primary)

    response = upload(client, report, "virus.exe", b"MZ\x90\x00")

    assert 'id="error-file"' in response.content.decode()
    assert 'id="error-file"' not in client.get(url(report)).content.decode()


# --- Dates and long texts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [
        ("fr", "21/03/2025", "21/03/2025"),
        ("de", "21.03.2025", "21.03.2025"),
        ("en", "2025-03-21", "2025-03-21"),
    ],
)
def test_dates_are_typed_and_shown_in_the_interface_language(
    client, primary, report, q, language, typed, shown
):
    measure = measure_add(report=report, by=primary)
    client.force_login(primary)
    client.cookies["django_language"] = language
    path = url(report, "measure_edit", measure_id=measure.pk)
    data = {
        f"a-{q['m_start'].pk}": typed,
        f"a-{q['m_start'].pk}-present": "1",
        f"v-{q['m_start'].pk}": "0",
        "save": "",
    }

    client.post(path, data, HTTP_ACCEPT_LANGUAGE=language)

    assert Answer.objects.get(question=q["m_start"]).value == "2025-03-21"
    content = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'value="{shown}" class="input--date"' in content


def test_a_stored_date_reads_in_the_language_of_the_page():
    with translation.override("fr"):
        assert date_for_input("2025-03-21") == "21/03/2025"
    with translation.override("de"):
        assert date_for_input("2025-03-21") == "21.03.2025"


@pytest.mark.parametrize(
    "help_text",
    [
        "Explain what the city did, in about 10-20 sentences.",
        "Expliquez ce que la ville a fait, en 10 à 20 phrases environ.",
        "Erläutern Sie, was die Stadt getan hat, in etwa 10 bis 20 Sätzen.",
    ],
)
def test_length_guidance_is_read_from_the_help_in_each_language(help_text):
    assert length_guidance(help_text) == {"min": 10, "max": 20}


def test_long_text_has_a_counter_against_the_guidance(login, primary, report, q):
    question = q["strategy_summary"]
    question.help_text = "About 5-10 sentences."
    question.save()

    content = login(primary).get(url(report, "section_edit", code="strategy")).content.decode()

    assert f'id="count-{question.pk}" data-count data-min="5" data-max="10"' in content
    assert "Asked: 5\u201310 sentences." in content
    assert "data-grow" in content
