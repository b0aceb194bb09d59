"""Data minimisation: answers to personal questions never reach a translation engine,
are searchable only when the city published its contacts, and are left out of exports
to members unless published."""

import pytest

from reporting.enums import SectionLevel
from reporting.library.exports import export_rows
from reporting.library.models import LibraryEntryText
from reporting.models import Question
from reporting.questionnaires import questionnaire_load
from reporting.services.machine_translation import report_translate
from tests.factories import CityFactory, ReportingCycleFactory
from tests.library.conftest import write_report

CONTACT = {
    "profile_contact_name": "Zelda Quibbleworth",
    "profile_contact_function": "Leiterin der Antidiskriminierungsstelle",
    "profile_contact_department": "Referat für Menschenrechte",
    "profile_contact_email": "zelda.quibbleworth@graz.example",
}
PUBLIC_TEXT = "Die Stadt hat einen Beirat für Vielfalt eingerichtet."


def test_the_2025_questionnaire_flags_exactly_the_contact_questions_personal(cycle_2025):
    personal = Question.objects.filter(questionnaire__cycle=cycle_2025, personal=True)
    assert sorted(personal.values_list("code", flat=True)) == sorted(CONTACT)


def test_a_personal_flag_that_is_not_true_or_false_is_refused(db, plan):
    sections = [
        {
            "code": "profile",
            "level": 1,
            "title": {"en": "Profile"},
            "questions": [
                {"code": "profile_x", "type": "short_text", "personal": "yes", "text": {"en": "X"}}
            ],
        }
    ]
    with pytest.raises(ValueError, match="'personal' must be true or false"):
        questionnaire_load(cycle=ReportingCycleFactory(), plan=plan, sections=sections, title={})


def test_contact_answers_never_reach_the_translation_engine(fake_deepl, cycle_2025, city):
    report = write_report(
        city,
        cycle_2025,
        state="submitted",
        overview={**CONTACT, "strategy_mandate_details": PUBLIC_TEXT},
    )

    report_translate(report=report)

    sent = [text for r in fake_deepl.translate_requests() for text in r["body"]["text"]]
    assert sorted(set(sent)) == [PUBLIC_TEXT]


@pytest.mark.parametrize("publish_contacts", [False, True])
def test_contact_answers_are_searchable_only_when_the_city_published_them(
    cycle_2025, city, publish_contacts
):
    write_report(
        city,
        cycle_2025,
        overview={**CONTACT, "strategy_mandate_details": PUBLIC_TEXT},
        publish_contacts=publish_contacts,
    )

    haystacks = "\n".join(LibraryEntryText.objects.values_list("haystack", flat=True))
    assert ("quibbleworth" in haystacks, "beirat für vielfalt" in haystacks) == (
        publish_contacts,
        True,
    )


DEPUTY_SECTIONS = [
    {
        "code": "profile",
        "level": 1,
        "title": {"en": "Profile"},
        "questions": [
            {
                "code": "profile_deputy_email",
                "type": "short_text",
                "personal": True,
                "text": {"en": "Email of the deputy contact"},
            },
            {"code": "profile_languages", "type": "short_text", "text": {"en": "Languages"}},
        ],
    }
]


@pytest.mark.parametrize("publish_contacts", [False, True])
def test_member_exports_leave_out_any_personal_question_unless_published(
    db, plan, board, publish_contacts
):
    cycle = ReportingCycleFactory()
    questionnaire_load(cycle=cycle, plan=plan, sections=DEPUTY_SECTIONS, title={"en": "Q"})
    city = CityFactory(name="Ghent", slug="ghent", country="BE")
    write_report(
        city,
        cycle,
        overview={"profile_deputy_email": "deputy@ghent.example", "profile_languages": "nl"},
        publish_contacts=publish_contacts,
    )

    _header, row = list(export_rows(cycle=cycle, level=SectionLevel.OVERVIEW, user=board))

    cells = [str(cell) for cell in row]
    assert ("deputy@ghent.example" in cells, "nl" in cells) == (publish_contacts, True)
