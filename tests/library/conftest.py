"""Fixtures of the library tests: a questionnaire with the question codes the library,
the figures and the exports read (as in the 2025 questionnaire), and a helper that
writes a city's report with answers and brings it to a state."""

import datetime

import pytest

from reporting.enums import AccountRole, MembershipStatus
from reporting.models import Answer, Measure, ReportingCycle, ReportSnapshot
from reporting.questionnaires import questionnaire_load
from reporting.selectors.reports import report_snapshot_data
from reporting.services.reports import report_start, report_transition
from tests.factories import CityAccountFactory, CityFactory, ReportingCycleFactory

LIBRARY_SECTIONS = [
    {
        "code": "profile",
        "level": 1,
        "title": {"en": "City profile"},
        "questions": [
            # Flagged personal, as the contact questions of the 2025 questionnaire.
            {
                "code": "profile_contact_name",
                "type": "short_text",
                "personal": True,
                "text": {"en": "Contact"},
            },
            {
                "code": "profile_contact_email",
                "type": "short_text",
                "personal": True,
                "text": {"en": "Email"},
            },
        ],
    },
    {
        "code": "strategy",
        "level": 1,
        "title": {"en": "Strategy"},
        "questions": [
            {"code": "strategy_has_plan", "type": "yes_no", "text": {"en": "Action plan?"}},
            {
                "code": "strategy_plan_commitments",
                "type": "commitments",
                "text": {"en": "Commitments of the plan"},
            },
        ],
    },
    {
        "code": "challenges",
        "level": 1,
        "title": {"en": "Challenges"},
        "questions": [
            {
                "code": "challenges_main_area",
                "type": "single_choice",
                "text": {"en": "Main challenge"},
                "choices": [
                    {"value": "resources", "label": {"en": "Funding and staff"}},
                    {"value": "public_climate", "label": {"en": "Polarised public debate"}},
                ],
            },
            {"code": "challenges_biggest", "type": "long_text", "text": {"en": "Biggest"}},
            {
                "code": "needs_expectations",
                "type": "multiple_choice",
                "text": {"en": "Expectations"},
                "choices": [
                    {"value": "training", "label": {"en": "Training"}},
                    {"value": "eu_advocacy", "label": {"en": "Advocacy at EU level"}},
                ],
            },
        ],
    },
    {
        "code": "measure",
        "level": 2,
        "title": {"en": "The measure"},
        "questions": [
            {"code": "m_title", "type": "short_text", "text": {"en": "Title"}},
            {"code": "m_commitments", "type": "commitments", "text": {"en": "Commitments"}},
            {"code": "m_description", "type": "long_text", "text": {"en": "Description"}},
            {
                "code": "m_target_groups",
                "type": "multiple_choice",
                "text": {"en": "Target groups"},
                "choices": [
                    {"value": "young_people", "label": {"en": "Young people"}},
                    {"value": "schools", "label": {"en": "Schools"}},
                    {"value": "municipal_staff", "label": {"en": "Municipal staff"}},
                ],
            },
            {"code": "m_budget", "type": "number", "text": {"en": "Budget"}},
        ],
    },
]

PATHS = {
    "draft": [],
    "submitted": ["submitted"],
    "feedback_received": ["submitted", "feedback_received"],
    "updating": ["submitted", "feedback_received", "updating"],
    "published": ["submitted", "feedback_received", "published"],
}


def load_questionnaire(cycle, plan):
    return questionnaire_load(
        cycle=cycle, plan=plan, sections=LIBRARY_SECTIONS, title={"en": f"Q {cycle.year}"}
    )


@pytest.fixture
def lib_cycle(db, plan) -> ReportingCycle:
    cycle = ReportingCycleFactory()
    load_questionnaire(cycle, plan)
    return cycle


@pytest.fixture
def earlier_cycle(lib_cycle, plan) -> ReportingCycle:
    shift = datetime.timedelta(days=730)
    cycle = ReportingCycleFactory(
        year=lib_cycle.year - 2,
        registration_opens=lib_cycle.registration_opens - shift,
        questionnaire_opens=lib_cycle.questionnaire_opens - shift,
        submission_deadline=lib_cycle.submission_deadline - shift,
        evaluation_ends=lib_cycle.evaluation_ends - shift,
        general_assembly=lib_cycle.general_assembly - shift,
    )
    load_questionnaire(cycle, plan)
    return cycle


def write_report(
    city,
    cycle,
    *,
    state="published",
    overview=None,
    measures=(),
    language=None,
    snapshot=True,
    publish_contacts=False,
    publish_feedback=False,
):
    """`measures`: dicts with title, commitments, description, groups, budget."""
    report = report_start(city=city, cycle=cycle, by=None)
    if language:
        type(report).objects.filter(pk=report.pk).update(source_language=language)
    questions = {q.code: q for q in report.questionnaire.questions.all()}
    answers = [
        Answer(report=report, question=questions[code], value=value)
        for code, value in (overview or {}).items()
    ]
    for order, data in enumerate(measures, start=1):
        measure = Measure.objects.create(report=report, order=order, title=data["title"])
        values = {
            "m_title": data["title"],
            "m_commitments": data.get("commitments", []),
            "m_description": data.get("description"),
            "m_target_groups": data.get("groups"),
            "m_budget": data.get("budget"),
        }
        answers += [
            Answer(report=report, question=questions[code], measure=measure, value=value)
            for code, value in values.items()
            if value not in (None, [])
        ]
    Answer.objects.bulk_create(answers)
    type(report).objects.filter(pk=report.pk).update(
        publish_contacts=publish_contacts, publish_feedback=publish_feedback
    )
    for step in PATHS[state]:
        if step == "submitted" and snapshot:
            ReportSnapshot.objects.create(
                report=report, revision=1, data=report_snapshot_data(report)
            )
        report_transition(report=report, to_state=step, by=None)
    report.refresh_from_db()
    return report


@pytest.fixture
def member_of():
    """A user with an active primary account of a new city of the given status."""

    def _make(status=MembershipStatus.MEMBER, **city_fields):
        city = CityFactory(membership_status=status, **city_fields)
        return CityAccountFactory(city=city, role=AccountRole.PRIMARY).user

    return _make
