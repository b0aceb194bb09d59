"""Email and year answers of the questionnaire, and the email fields of the membership
forms, refuse what is not an address or a plausible year, with a clear message and the
stored data intact."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from eccar.errors import ServiceError
from reporting.forms.membership import ApplicationForm
from reporting.models import Answer
from reporting.questionnaires import questionnaire_load, questionnaire_read
from reporting.services.content import answer_save
from reporting.services.reports import report_start
from tests.factories import ReportingCycleFactory
from tests.reporting.test_admin_questionnaire import post_form, read_form
from tests.reporting.test_report_editing import url


@pytest.fixture
def real_report(city, plan, primary):
    """A report on the coalition's real questionnaire, whose profile asks for the
    contact's email and the year the city joined."""
    cycle = ReportingCycleFactory()
    questionnaire_load(
        cycle=cycle,
        plan=plan,
        sections=questionnaire_read("questionnaire_2025"),
        title={"en": "ECCAR reporting questionnaire"},
    )
    return report_start(city=city, cycle=cycle, by=primary)


@pytest.fixture
def rq(real_report):
    return {q.code: q for q in real_report.questionnaire.questions.all()}


def post_profile(client, report, rq, **answers):
    data = {}
    for code, value in answers.items():
        data[f"a-{rq[code].pk}"] = value
        data[f"v-{rq[code].pk}"] = "0"
    return client.post(url(report, "section_edit", code="profile"), data)


def test_email_answer_that_is_no_address_is_refused_and_the_rest_saved(
    login, primary, real_report, rq
):
    response = post_profile(
        login(primary),
        real_report,
        rq,
        profile_contact_email="keine-adresse",
        profile_contact_name="Daniela Grabner",
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter an email address, for example eccar@city.example." in page
    assert 'value="keine-adresse"' in page
    stored = dict(Answer.objects.values_list("question__code", "value"))
    assert stored == {"profile_contact_name": "Daniela Grabner"}


def test_email_answer_refused_keeps_the_earlier_address(primary, real_report, rq):
    question = rq["profile_contact_email"]
    answer_save(report=real_report, question=question, raw="eccar@graz.example", by=primary)

    with pytest.raises(ServiceError, match="Enter an email address"):
        answer_save(report=real_report, question=question, raw="keine-adresse", by=primary)

    assert Answer.objects.get(question=question).value == "eccar@graz.example"


class _Inputs(HTMLParser):
    """The attributes of every <input> of a page, by its id."""

    def __init__(self):
        super().__init__()
        self.by_id = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "id" in attrs:
            self.by_id[attrs["id"]] = attrs


def edit_inputs(response, rq, code):
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser.by_id[f"input-{rq[code].pk}"]


def test_edit_page_offers_an_email_input_for_the_contacts_email(login, primary, real_report, rq):
    response = login(primary).get(url(real_report, "section_edit", code="profile"))

    email = edit_inputs(response, rq, "profile_contact_email")
    name = edit_inputs(response, rq, "profile_contact_name")
    assert response.status_code == 200
    assert (email["type"], email["autocomplete"]) == ("email", "email")
    assert name["type"] == "text"


def test_edit_page_offers_a_numeric_year_input_with_its_range(login, primary, real_report, rq):
    answer_save(report=real_report, question=rq["profile_year_joined"], raw="2006", by=primary)

    response = login(primary).get(url(real_report, "section_edit", code="profile"))

    year = edit_inputs(response, rq, "profile_year_joined")
    hint = f"Enter a year with four digits, from 2004 to {timezone.localdate().year}."
    assert year["type"] == "text"
    assert (year["inputmode"], year["pattern"], year["maxlength"]) == ("numeric", "[0-9]{4}", "4")
    assert year["value"] == "2006"
    assert f'<p class="field__hint" id="format-{rq["profile_year_joined"].pk}">{hint}</p>' in (
        response.content.decode()
    )


def test_other_numbers_keep_a_decimal_input(login, primary, real_report, rq):
    response = login(primary).get(url(real_report, "section_edit", code="organisation"))

    assert edit_inputs(response, rq, "organisation_fte")["inputmode"] == "decimal"


def test_email_input_refusing_an_address_keeps_the_stored_one_and_says_why(
    login, primary, real_report, rq
):
    question = rq["profile_contact_email"]
    answer_save(report=real_report, question=question, raw="eccar@graz.example", by=primary)

    response = post_profile(login(primary), real_report, rq, profile_contact_email="keine-adresse")

    page = response.content.decode()
    assert response.status_code == 400
    assert f'<p class="field__error" id="error-{question.pk}">' in page
    assert "Enter an email address, for example eccar@city.example." in page
    assert edit_inputs(response, rq, "profile_contact_email")["value"] == "keine-adresse"
    assert Answer.objects.get(question=question).value == "eccar@graz.example"


def test_valid_email_answer_is_saved(login, primary, real_report, rq):
    response = post_profile(
        login(primary), real_report, rq, profile_contact_email="menschenrechte@graz.example"
    )

    assert response.status_code == 302
    assert Answer.objects.get().value == "menschenrechte@graz.example"


@pytest.mark.parametrize("typed", ["2", "206", "1999", "20066", "2006.5"])
def test_year_joined_outside_the_coalitions_years_is_refused(
    login, primary, real_report, rq, typed
):
    response = post_profile(login(primary), real_report, rq, profile_year_joined=typed)

    page = response.content.decode()
    assert response.status_code == 400
    year = timezone.localdate().year
    assert f"Enter a year with four digits, from 2004 to {year}." in page
    assert not Answer.objects.exists()


def test_year_joined_in_the_coalitions_years_is_saved(login, primary, real_report, rq):
    response = post_profile(login(primary), real_report, rq, profile_year_joined="2006")

    assert response.status_code == 302
    assert Answer.objects.get().value == 2006


def test_year_a_plan_was_adopted_may_be_before_the_coalition(primary, real_report, rq):
    question = rq["strategy_plan_year"]

    answer_save(report=real_report, question=question, raw="1998", by=primary)

    with pytest.raises(ServiceError, match="Enter a year with four digits"):
        answer_save(report=real_report, question=question, raw="98", by=primary)
    assert Answer.objects.get(question=question).value == 1998


def test_other_numbers_keep_accepting_small_values(primary, real_report, rq):
    question = rq["organisation_fte"]

    answer_save(report=real_report, question=question, raw="2", by=primary)

    assert Answer.objects.get(question=question).value == 2


@pytest.mark.parametrize("field", ["contact_email", "mayor_email"])
def test_membership_application_refuses_an_email_that_is_no_address(field):
    form = ApplicationForm(data={field: "keine-adresse"})

    assert not form.is_valid()
    assert form.errors[field] == ["Enter a valid email address."]


@pytest.mark.parametrize("typed", ["2", "1999", "20066"])
def test_admin_refuses_a_year_joined_outside_the_coalitions_years(login, staff, city, typed):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    city.year_joined = 2006
    city.save(update_fields=["year_joined"])
    change = reverse("admin:reporting_city_change", args=[city.pk])
    client = login(staff)
    reader = read_form(client.get(change))

    response = post_form(client, change, reader, year_joined=typed)

    page = response.content.decode()
    assert response.status_code == 200
    year = timezone.localdate().year
    assert f"from 2004 (the coalition&#x27;s founding) to {year}." in page
    city.refresh_from_db()
    assert city.year_joined == 2006


def test_admin_saves_a_year_joined_in_the_coalitions_years(login, staff, city):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    change = reverse("admin:reporting_city_change", args=[city.pk])
    client = login(staff)
    reader = read_form(client.get(change))

    response = post_form(client, change, reader, year_joined="2012")

    assert response.status_code == 302
    city.refresh_from_db()
    assert city.year_joined == 2012
