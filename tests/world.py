"""One small, complete coalition for the security tests: every role of the platform and
an object of every kind a page can be about, each built through the services the
real flows use (so states, snapshots, letters and library entries are genuine).

City A (Graz) is the city under test, with a report in each state in its own cycle;
city B (Malmö) is "another city"; city C (Ghent) is coordinated by a person who is also
a member of the Scientific Advisory Board."""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from eccar.models import Notification
from prize import services as prize_services
from prize.enums import EditionPhase
from reporting import demo_data
from reporting.enums import AccountRole
from reporting.models import (
    AccessRequest,
    ApiToken,
    Attachment,
    Commitment,
    HelpPage,
    MembershipApplication,
    PlanOfAction,
)
from reporting.questionnaires import questionnaire_load
from reporting.services.content import answer_save, measure_add
from reporting.services.reports import report_publish, report_start, report_submit
from reviews import services as review_services

from .conftest import SMALL_QUESTIONNAIRE, _with_totp
from .factories import CityAccountFactory, CityFactory, ReportingCycleFactory, UserFactory
from .prize.factories import PastCycleFactory, PrizeEditionFactory, submitted_report

# The roles of the permission matrix, in the order its rows are written.
ROLES = (
    "anonymous",
    "other",
    "secondary",
    "primary",
    "reviewer",
    "board",
    "staff",
    "delegate",
    "reviewer_coordinator",
)
# The states a report page is checked in; each has its own cycle and report of city A.
STATES = ("draft", "submitted", "published")

MINIMAL_PDF = b"%PDF-1.4\n%%EOF\n"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    cities: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    measures: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def report_kwargs(self, state: str) -> dict:
        report = self.reports[state]
        return {"slug": report.city.slug, "year": report.cycle.year}


def _questionnaire(cycle, plan):
    questionnaire = questionnaire_load(
        cycle=cycle, plan=plan, sections=SMALL_QUESTIONNAIRE, title={"en": "Questionnaire"}
    )
    return {q.code: q for q in questionnaire.questions.all()}


def _fill(report, q, by, text: dict) -> object:
    """Answers every required question (and the free texts) of the small questionnaire."""
    save = answer_save
    save(report=report, question=q["profile_population"], raw="300000", by=by)
    save(report=report, question=q["profile_contact"], raw=text["contact"], by=by)
    save(report=report, question=q["strategy_has_plan"], raw="no", by=by)
    save(report=report, question=q["strategy_summary"], raw=text["summary"], by=by)
    measure = measure_add(report=report, by=by)
    save(report=report, question=q["m_title"], measure=measure, raw=text["measure"], by=by)
    save(report=report, question=q["m_commitments"], measure=measure, raw=["3"], by=by)
    return measure


def build_world(*, text: dict | None = None) -> World:
    """Builds the world; `text` puts chosen strings (attack payloads) into every free
    text a user can write: answers, measure titles, names, feedback, comments."""
    text = {
        "city": "Graz",
        "mayor": "Elke Kahr",
        "contact": "Office for equality",
        "summary": "The city has a plan.",
        "measure": "Hotline",
        "conclusion": "The city has a clear mandate.",
        "individual": "Equality data would help.",
        "commitment": "A model for others.",
        "general": "Most cities asked for common indicators.",
        "justification": "Innovative",
        "comment": "A strong candidate.",
        "application": "We want to join.",
        "person": "Anna Example",
        **(text or {}),
    }
    world = World()
    u = world.users
    city_a = CityFactory(
        name=text["city"], slug="graz", country="AT", population=300_000, mayor_name=text["mayor"]
    )
    city_b = CityFactory(name="Malmö", slug="malmo", country="SE", population=360_000)
    city_c = CityFactory(name="Ghent", slug="ghent", country="BE", population=260_000)
    world.cities = {"a": city_a, "b": city_b, "c": city_c}

    def account(city, role, email, **extra):
        return CityAccountFactory(
            city=city, role=role, user__email=email, user__full_name=text["person"], **extra
        ).user

    u["anonymous"] = None
    u["primary"] = account(city_a, AccountRole.PRIMARY, "primary@graz.example")
    u["secondary"] = account(city_a, AccountRole.SECONDARY, "secondary@graz.example")
    u["delegate"] = account(
        city_a, AccountRole.SECONDARY, "delegate@graz.example", is_delegate=True
    )
    u["other"] = account(city_b, AccountRole.PRIMARY, "primary@malmo.example")
    u["reviewer"] = _with_totp(UserFactory(email="reviewer@sab.example", is_reviewer=True))
    coordinator = account(city_c, AccountRole.PRIMARY, "coordinator@ghent.example")
    coordinator.is_reviewer = True
    coordinator.save(update_fields=["is_reviewer"])
    u["reviewer_coordinator"] = _with_totp(coordinator)
    u["board"] = _with_totp(UserFactory(email="board@eccar.example", is_board_member=True))
    u["staff"] = _with_totp(UserFactory(email="office@eccar.example", is_staff=True))

    plan = PlanOfAction.objects.create(name="Plan", version="1")
    for number, title in enumerate(demo_data.COMMITMENTS["en"], start=1):
        Commitment.objects.create(plan=plan, number=number, title=title, title_en=title)

    # One cycle per state, so city A's report can be in all of them at once.
    primary, reviewer, staff = u["primary"], u["reviewer"], u["staff"]
    for state in STATES:
        cycle = ReportingCycleFactory()
        q = _questionnaire(cycle, plan)
        report = report_start(city=city_a, cycle=cycle, by=primary)
        world.measures[state] = _fill(report, q, primary, text)
        if state != "draft":
            report_submit(report=report, by=primary)
            review_services.reviewer_assign(report=report, reviewer=reviewer, by=staff)
            review_services.review_save(
                report=report,
                reviewer=reviewer,
                changes={
                    "general_conclusion": text["conclusion"],
                    "individual_feedback": text["individual"],
                    "commitment_feedback": {"3": text["commitment"]},
                },
            )
            review_services.general_feedback_save(
                cycle=cycle, by=staff, final=True, text=text["general"]
            )
            letter = review_services.review_finalise(report=report, by=reviewer)
            world.objects[f"letter_{state}"] = letter
        if state == "published":
            review_services.letter_send(letter=letter)
            report.refresh_from_db()
            report_publish(report=report, by=primary, with_feedback=True)
        report.refresh_from_db()
        world.reports[state] = report
    Attachment.objects.create(
        report=world.reports["draft"],
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=15,
        uploaded_by=primary,
    )

    # The prize: an edition in its vote, three large finalists, the ballot open.
    past = PastCycleFactory()
    edition = PrizeEditionFactory(cycle=past)
    edition.phase_changes.create(from_phase="", to_phase=EditionPhase.PREPARATION, changed_by=staff)
    for city in (city_a, city_b, city_c):
        submitted_report(cycle=past, city=city, measures=1)
    prize_services.edition_phase_set(edition=edition, to_phase=EditionPhase.PRESELECTION, by=staff)
    for candidature in edition.candidatures.all():
        prize_services.preselection_mark(
            candidature=candidature, reviewer=reviewer, justification=text["justification"]
        )
    prize_services.edition_phase_set(edition=edition, to_phase=EditionPhase.FINALISTS, by=staff)
    for candidature in edition.candidatures.all():
        prize_services.comment_add(candidature=candidature, author=u["board"], text=text["comment"])
        prize_services.finalist_choose(candidature=candidature, by=u["board"])
    prize_services.edition_phase_set(edition=edition, to_phase=EditionPhase.VOTE, by=staff)
    ballot = prize_services.ballot_open(edition=edition, category="large", by=staff)
    candidature = edition.candidatures.get(city=city_a)
    world.objects.update(
        edition=edition,
        ballot=ballot,
        candidature=candidature,
        finalist=candidature.finalist,
    )

    token = ApiToken.objects.create(
        user=primary, name="Script", prefix="eccar_0000", key_hash="0" * 64
    )
    application = MembershipApplication.objects.create(
        city_name=text["city"] + " (applicant)",
        country="FR",
        population=90_000,
        languages=["fr"],
        contact_name=text["person"],
        contact_email="contact@applicant.example",
        mayor_name=text["mayor"],
        mayor_email="mayor@applicant.example",
        motivation=text["application"],
        accession_document=ContentFile(MINIMAL_PDF, name="accession.pdf"),
    )
    access_request = AccessRequest.objects.create(
        full_name=text["person"],
        email="someone@graz.example",
        city_name=text["city"],
        message=text["application"],
    )
    notification = Notification.objects.create(
        user=primary, kind="report_evaluated", params={"year": 2025, "city": text["city"]}, url="/"
    )
    help_page = HelpPage.objects.create(slug="start", title="Getting started", body="Welcome.")
    world.objects.update(
        token=token,
        application=application,
        access_request=access_request,
        notification=notification,
        help_page=help_page,
        invitation_token="not-a-real-invitation",
    )
    return world
