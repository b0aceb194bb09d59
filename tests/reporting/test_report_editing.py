import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from eccar.errors import ServiceError
from reporting.enums import ReportState
from reporting.models import Answer, Measure
from reporting.questionnaires import questionnaire_load
from reporting.services.content import answer_save, measure_add
from tests.conftest import SMALL_QUESTIONNAIRE
from tests.factories import ReportFactory, ReportingCycleFactory


def url(report, name, **kwargs):
    return reverse(
        f"reporting:{name}", kwargs={"slug": report.city.slug, "year": report.cycle.year, **kwargs}
    )


def autosave(client, report, question, value, version=0, measure=None):
    data = {
        "question": question.pk,
        "version": version,
        "value": value if isinstance(value, list) else [value],
    }
    if measure is not None:
        data["measure"] = measure.pk
    return client.post(url(report, "autosave"), data)


@pytest.mark.parametrize(
    ("role", "state", "expected"),
    [
        ("anonymous", "draft", 302),
        ("primary", "draft", 200),
        ("secondary", "draft", 200),
        ("other_primary", "draft", 404),
        ("reviewer", "draft", 404),
        ("board", "draft", 404),
        ("staff", "draft", 200),
        ("reviewer", "submitted", 200),
        ("other_primary", "submitted", 404),
        ("other_primary", "published", 200),
        ("primary", "submitted", 200),
    ],
)
def test_report_page_visibility(role, state, expected, login, report, request):
    report.state = state
    report.save()

    response = login(request.getfixturevalue(role)).get(url(report, "report_detail"))

    assert response.status_code == expected


def test_autosave_stores_one_answer_and_returns_its_version(login, secondary, report, q):
    response = autosave(login(secondary), report, q["profile_contact"], "Eva Pichler")

    assert response.status_code == 200
    assert response.json()["version"] == 1
    answer = Answer.objects.get(report=report, question=q["profile_contact"])
    assert answer.value == "Eva Pichler"
    assert answer.updated_by == secondary


def test_autosave_of_one_answer_writes_one_row(login, primary, report, q):
    client = login(primary)
    autosave(client, report, q["profile_contact"], "first")
    client.get("/")  # settle the session write

    with CaptureQueriesContext(connection) as queries:
        autosave(client, report, q["profile_contact"], "second", version=1)

    writes = [x["sql"] for x in queries if x["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]
    assert len(writes) == 1
    assert 'UPDATE "reporting_answer"' in writes[0]


def test_stale_concurrent_save_is_refused_with_both_versions(login, primary, secondary, report, q):
    first = login(primary)
    autosave(first, report, q["strategy_summary"], "Version of the primary", version=0)

    second = Client()
    second.force_login(secondary)
    response = autosave(
        second, report, q["strategy_summary"], "Version of the colleague", version=0
    )

    assert response.status_code == 409
    assert response.json()["their_value"] == "Version of the primary"
    assert Answer.objects.get(question=q["strategy_summary"]).value == "Version of the primary"


def test_colleagues_editing_different_questions_never_conflict(
    login, primary, secondary, report, q
):
    a, b = login(primary), Client()
    b.force_login(secondary)

    assert autosave(a, report, q["profile_contact"], "Anna").status_code == 200
    assert autosave(b, report, q["strategy_summary"], "Text").status_code == 200
    assert autosave(a, report, q["profile_contact"], "Anna B.", version=1).status_code == 200

    values = dict(Answer.objects.values_list("question__code", "value"))
    assert values == {"profile_contact": "Anna B.", "strategy_summary": "Text"}


@pytest.mark.parametrize(
    ("code", "value", "stored"),
    [
        ("profile_population", "300 000", 300000),
        ("profile_population", "1.234,5", 1234.5),
        ("strategy_has_plan", "yes", "yes"),
        ("strategy_unit", "unit", "unit"),
        ("strategy_summary", "  Line one\r\nLine two  ", "Line one\nLine two"),
    ],
)
def test_autosave_cleans_values_by_type(code, value, stored, login, primary, report, q):
    assert autosave(login(primary), report, q[code], value).status_code == 200

    assert Answer.objects.get(question=q[code]).value == stored


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("profile_population", "three hundred"),
        ("strategy_has_plan", "maybe"),
        ("strategy_unit", "forged-choice"),
        ("profile_contact", "x" * 501),
    ],
)
def test_autosave_wrong_value_gets_message_and_keeps_stored_answer(
    code, value, login, primary, report, q
):
    Answer.objects.create(report=report, question=q[code], value=None)

    response = autosave(login(primary), report, q[code], value, version=1)

    assert response.status_code == 400
    assert response.json()["error"]
    assert Answer.objects.get(question=q[code]).value is None


def test_autosave_refuses_forged_and_foreign_question_ids(login, primary, report, q, plan):
    other = questionnaire_load(
        cycle=ReportingCycleFactory(),
        plan=plan,
        sections=SMALL_QUESTIONNAIRE,
        title={"en": "Other"},
    )
    foreign = other.questions.get(code="profile_contact")
    client = login(primary)

    assert client.post(url(report, "autosave"), {"question": "abc"}).status_code == 400
    assert client.post(url(report, "autosave"), {"question": "999999"}).status_code == 400
    assert autosave(client, report, foreign, "x").status_code == 400
    assert not Answer.objects.exists()


def test_autosave_refuses_measure_of_another_report(login, primary, report, q, other_city):
    other_report = ReportFactory(
        city=other_city, cycle=report.cycle, questionnaire=report.questionnaire
    )
    foreign_measure = Measure.objects.create(report=other_report)

    response = autosave(login(primary), report, q["m_title"], "Hijack", measure=foreign_measure)

    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_autosave_on_submitted_report_is_refused(login, primary, report, q):
    report.state = ReportState.SUBMITTED
    report.save()

    response = autosave(login(primary), report, q["profile_contact"], "late edit")

    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_autosave_after_session_ended_says_so(client, report, q):
    response = autosave(client, report, q["profile_contact"], "text")

    assert response.status_code in (302, 401)
    assert not Answer.objects.exists()


def test_section_form_saves_without_javascript(login, secondary, report, q):
    client = login(secondary)
    data = {
        f"a-{q['strategy_has_plan'].pk}": "yes",
        f"v-{q['strategy_has_plan'].pk}": "0",
        f"a-{q['strategy_summary'].pk}": "We adopted a plan.",
        f"v-{q['strategy_summary'].pk}": "0",
        f"a-{q['strategy_unit'].pk}-present": "1",
        f"v-{q['strategy_unit'].pk}": "0",
    }

    response = client.post(url(report, "section_edit", code="strategy"), data)

    assert response.status_code == 302
    values = dict(Answer.objects.values_list("question__code", "value"))
    assert values == {
        "strategy_has_plan": "yes",
        "strategy_summary": "We adopted a plan.",
    }


def test_section_form_error_keeps_text_and_saves_the_rest(login, primary, report, q):
    client = login(primary)
    data = {
        f"a-{q['profile_population'].pk}": "lots",
        f"v-{q['profile_population'].pk}": "0",
        f"a-{q['profile_contact'].pk}": "Eva",
        f"v-{q['profile_contact'].pk}": "0",
    }

    response = client.post(url(report, "section_edit", code="profile"), data)

    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="lots"' in content
    assert 'role="alert"' in content
    assert f'href="#q-{q["profile_population"].pk}"' in content
    assert dict(Answer.objects.values_list("question__code", "value")) == {"profile_contact": "Eva"}


def test_section_form_unknown_code_is_404(login, primary, report):
    assert login(primary).get(url(report, "section_edit", code="nope")).status_code == 404


def test_measures_can_be_added_reordered_and_removed(login, primary, report, q):
    client = login(primary)
    for _ in range(3):
        client.post(url(report, "measure_add"))
    first, second, third = Measure.objects.order_by("order")
    autosave(client, report, q["m_title"], "Anti-racism hotline", measure=first)

    client.post(url(report, "measure_move", measure_id=third.pk), {"direction": "up"})
    client.post(url(report, "measure_delete", measure_id=second.pk))

    assert list(Measure.objects.order_by("order").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
    ]
    assert Measure.objects.get(pk=first.pk).title == "Anti-racism hotline"


def test_measure_answers_stay_with_their_measure(login, primary, report, q):
    client = login(primary)
    client.post(url(report, "measure_add"))
    client.post(url(report, "measure_add"))
    one, two = Measure.objects.order_by("order")

    autosave(client, report, q["m_commitments"], ["1", "4"], measure=one)
    autosave(client, report, q["m_commitments"], ["9"], measure=two)

    assert Answer.objects.get(measure=one).value == [1, 4]
    assert Answer.objects.get(measure=two).value == [9]


def test_commitments_outside_the_plan_are_refused(login, primary, report, q):
    client = login(primary)
    client.post(url(report, "measure_add"))
    measure = Measure.objects.get()

    response = autosave(client, report, q["m_commitments"], ["11"], measure=measure)

    assert response.status_code == 400


def test_other_city_cannot_add_measures(login, other_primary, report):
    assert login(other_primary).post(url(report, "measure_add")).status_code == 404
    assert not Measure.objects.exists()


def _queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_edit_pages_run_constant_queries_as_measures_grow(login, primary, report, q):
    client = login(primary)
    measure = measure_add(report=report, by=primary)
    pages = [
        url(report, "section_edit", code="strategy"),
        url(report, "measure_list"),
        url(report, "measure_edit", measure_id=measure.pk),
        url(report, "report_detail"),
    ]
    small = [_queries(client, p) for p in pages]

    for _ in range(30):
        m = measure_add(report=report, by=primary)
        answer_save(report=report, question=q["m_title"], measure=m, raw="Measure", by=primary)
    large = [_queries(client, p) for p in pages]

    assert small == large


def test_answer_save_unchanged_value_is_a_no_op(primary, report, q):
    first = answer_save(
        report=report, question=q["profile_contact"], raw="Eva", by=primary, expected_version=0
    )
    again = answer_save(
        report=report, question=q["profile_contact"], raw="Eva", by=primary, expected_version=0
    )

    assert first.version == again.version == 1


def test_level_one_question_cannot_be_answered_for_a_measure(primary, report, q):
    measure = measure_add(report=report, by=primary)

    with pytest.raises(ServiceError):
        answer_save(
            report=report, question=q["profile_contact"], measure=measure, raw="x", by=primary
        )


def test_script_in_an_answer_renders_inert(login, primary, reviewer, report, q):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    answer_save(report=report, question=q["strategy_summary"], raw=payload, by=primary)

    content = login(primary).get(url(report, "section_edit", code="strategy")).content.decode()

    assert '<script>alert("x")</script>' not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    assert "<img src=x" not in content


def test_questionnaire_appears_in_the_users_language(login, primary, report, q):
    primary.preferred_language = "fr"
    primary.save()

    content = login(primary).get(url(report, "section_edit", code="profile")).content.decode()

    assert "Personne de contact" in content
    assert '<html lang="fr">' in content


def test_large_ids_are_never_formatted_with_thousand_separators(db):
    # Form field names and data attributes carry ids: "a-1.234" would break every save
    # once a table passes a thousand rows (as it does on PostgreSQL, whose ids keep growing).
    with translation.override("de"):
        rendered = Template('name="a-{{ pk }}" data-question="{{ pk }}"').render(
            Context({"pk": 123456})
        )

    assert rendered == 'name="a-123456" data-question="123456"'
