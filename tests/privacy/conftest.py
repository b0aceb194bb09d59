"""Fixtures of the privacy tests: a cycle with the real 2025 questionnaire, whose
contact questions are flagged personal."""

import pytest

from reporting.questionnaires import questionnaire_load, questionnaire_read
from tests.factories import ReportingCycleFactory


@pytest.fixture
def cycle_2025(db, plan):
    cycle = ReportingCycleFactory()
    questionnaire_load(
        cycle=cycle,
        plan=plan,
        sections=questionnaire_read("questionnaire_2025"),
        title={"en": "Questionnaire 2025"},
    )
    return cycle
