"""Loads realistic demo data for the whole platform (reporting, reviews, prize), so it
lives with the project, not in one app. Idempotent: running it again changes nothing."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.text import slugify

from eccar.enums import HistoryReason
from prize.demo_data import seed_prize
from reporting import demo_data
from reporting.enums import AccountRole, MembershipStatus, QuestionType, ReportState
from reporting.help_content import PAGES
from reporting.models import (
    Answer,
    City,
    CityAccount,
    Commitment,
    HelpPage,
    MachineTranslation,
    Measure,
    MembershipApplication,
    MembershipChange,
    PlanOfAction,
    Report,
    ReportingCycle,
    ReportSnapshot,
    ReportStateChange,
    User,
)
from reporting.questionnaires import questionnaire_load, questionnaire_read
from reporting.selectors.machine_translation import text_hash
from reporting.selectors.reports import report_snapshot_data
from reporting.services.reports import report_start, report_transition
from reviews.demo_data import seed_reviews
from reviews.models import Letter

DEMO_ACCOUNTS_TEXT = """Demo logins (password for all: {password})
  Bureau staff (two-factor)    office@eccar.test
  Board member (two-factor)    board@eccar.test
  Advisory Board (two-factor)  reviewer@eccar.test
  City primary account         graz@cities.eccar.test   (any city: <name>@cities.eccar.test)
  City secondary account       colleague.graz@cities.eccar.test
  General Assembly delegate    delegate.bologna@cities.eccar.test
Two-factor demo secret (base32): {secret}
  current code: .venv/bin/python manage.py demo_totp office@eccar.test"""


def city_email(city: City, prefix: str = "") -> str:
    return f"{prefix}{city.slug}@cities.eccar.test"


def demo_budget(population: int) -> int:
    """A plausible annual anti-racism budget in euros, rounded to the thousand."""
    return max(5_000, round(population * demo_data.BUDGET_EUROS_PER_INHABITANT / 1000) * 1000)


class Command(BaseCommand):
    help = "Loads demo cities, accounts for every role, cycles and the 10-Point Plan."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Only seed a database without any city."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and City.objects.exists():
            self.stdout.write("The database already has data: demo data not loaded again.")
        else:
            # Translated fields are written per language (title_en, title_fr ...); the
            # active language must not redirect a plain `title` into another column.
            with transaction.atomic(), translation.override("en"):
                self.seed()
        if not options["quiet_logins"]:
            self.stdout.write(
                DEMO_ACCOUNTS_TEXT.format(
                    password=demo_data.DEMO_PASSWORD, secret=demo_data.DEMO_TOTP_SECRET
                )
            )

    def seed(self):
        plan = self.seed_plan()
        cycles = self.seed_cycles()
        self.seed_questionnaires(plan, cycles)
        self.seed_help()
        cities = self.seed_cities()
        self.seed_membership(cities)
        self.seed_people(cities)
        self.seed_reports(cities, cycles)
        self.seed_translations()
        seed_reviews()
        self.date_letters()
        seed_prize()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {City.objects.count()} cities, {User.objects.count()} users, "
                f"{ReportingCycle.objects.count()} cycles, {Report.objects.count()} reports."
            )
        )

    def seed_plan(self):
        plan, _ = PlanOfAction.objects.get_or_create(name=demo_data.PLAN_NAME, version="2004")
        for index, example in enumerate(demo_data.COMMITMENT_EXAMPLES):
            titles = {
                f"title_{lang}": titles[index] for lang, titles in demo_data.COMMITMENTS.items()
            }
            Commitment.objects.update_or_create(
                plan=plan,
                number=index + 1,
                defaults={**titles, "description_en": example},
            )
        return plan

    def seed_help(self):
        # The calendar is built from the current cycle's dates (reporting.views.home).
        HelpPage.objects.filter(slug="calendar").delete()
        for order, page in enumerate(PAGES, start=1):
            fields = {f"title_{k}": v for k, v in page["title"].items()}
            fields.update({f"body_{k}": v for k, v in page["body"].items()})
            HelpPage.objects.update_or_create(
                slug=page["slug"],
                defaults={
                    "order": order,
                    "title": page["title"]["en"],
                    "body": page["body"]["en"],
                    **fields,
                },
            )

    def seed_questionnaires(self, plan, cycles):
        sections = questionnaire_read("questionnaire_2025")
        for year, cycle in cycles.items():
            questionnaire_load(
                cycle=cycle,
                plan=plan,
                sections=sections,
                title={
                    "en": f"ECCAR reporting questionnaire {year}",
                    "fr": f"Questionnaire de rapport ECCAR {year}",
                    "de": f"ECCAR-Berichtsfragebogen {year}",
                },
            )

    def seed_cycles(self):
        cycles = {}
        for year, registration, opens, deadline, evaluation, assembly in demo_data.CYCLES:
            cycles[year], _ = ReportingCycle.objects.update_or_create(
                year=year,
                defaults={
                    "registration_opens": registration,
                    "questionnaire_opens": opens,
                    "submission_deadline": deadline,
                    "evaluation_ends": evaluation,
                    "general_assembly": assembly,
                },
            )
        return cycles

    def seed_cities(self):
        cities = {}
        for name, country, population, languages, joined, title, mayor in demo_data.CITIES:
            slug = slugify(
                name.replace("ş", "s").replace("Ş", "S").replace("ł", "l").replace("Ł", "L")
            )
            cities[name], _ = City.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "country": country,
                    "population": population,
                    "languages": languages,
                    "year_joined": joined,
                    "mayor_title": title,
                    "mayor_name": mayor,
                    "mayor_email": f"mayor@{slug}.example",
                    "address": f"{name} City Hall\n{name}",
                    "membership_status": MembershipStatus.MEMBER,
                },
            )
        return cities

    def seed_membership(self, cities):
        for city in cities.values():
            MembershipChange.objects.get_or_create(
                city=city,
                from_status="",
                to_status=MembershipStatus.MEMBER,
                defaults={
                    "reason": HistoryReason.JOINED,
                    "changed_at": datetime.datetime(city.year_joined, 1, 1, tzinfo=datetime.UTC),
                },
            )
        if not MembershipApplication.objects.filter(city_name="Freiburg im Breisgau").exists():
            application = MembershipApplication(
                city_name="Freiburg im Breisgau",
                country="DE",
                population=230_000,
                languages=["de"],
                contact_name="Lena Vogt",
                contact_email="lena@freiburg.example",
                contact_position="Amt für Migration und Integration",
                mayor_name="Martin Horn",
                mayor_email="mayor@freiburg.example",
                motivation="Freiburg möchte von den Erfahrungen der Mitgliedsstädte lernen.",
            )
            application.accession_document.save(
                "accession.pdf",
                ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
                save=False,
            )
            application.save()

    def _user(self, email, full_name, **flags):
        user = User.objects.filter(email=email).first()
        if user is None:
            # Hashing is slow on purpose; every demo account shares one hash.
            if not hasattr(self, "_password_hash"):
                self._password_hash = make_password(demo_data.DEMO_PASSWORD)
            user = User(email=email, full_name=full_name, password=self._password_hash, **flags)
            user.save()

            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        return user

    def _account(self, user, city, role, **extra):
        CityAccount.objects.get_or_create(user=user, city=city, defaults={"role": role, **extra})

    def seed_people(self, cities):
        for email, full_name, flags in demo_data.PEOPLE:
            user = self._user(email, full_name, **flags)
            if (
                user.requires_two_factor
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, demo_data.DEMO_TOTP_SECRET)
        for city in cities.values():
            # The primary account belongs to the city's ECCAR contact person.
            name = demo_data.CONTACTS.get(city.name, (f"Coordinator {city.name}",))[0]
            primary = self._user(city_email(city), name)
            self._account(primary, city, AccountRole.PRIMARY)
        for name in ("Graz", "Toulouse", "Esch-sur-Alzette"):
            city = cities[name]
            colleague = self._user(city_email(city, "colleague."), f"Colleague {city.name}")
            self._account(colleague, city, AccountRole.SECONDARY)
        bologna = cities["Bologna"]
        delegate = self._user(city_email(bologna, "delegate."), "Delegate Bologna")
        self._account(delegate, bologna, AccountRole.SECONDARY, is_delegate=True)

    def seed_reports(self, cities, cycles):
        for year, states in demo_data.REPORT_STATES.items():
            cycle = cycles[year]
            for name, path in states.items():
                city = cities[name]
                if Report.objects.filter(city=city, cycle=cycle).exists():
                    continue
                primary = city.accounts.get(role=AccountRole.PRIMARY, is_active=True).user
                report = report_start(city=city, cycle=cycle, by=primary)
                if name in demo_data.DEMO_PUBLISHED_CONTACTS:
                    Report.objects.filter(pk=report.pk).update(publish_contacts=True)
                self.fill_report(report, primary, complete=len(path) > 1)
                for state in path[1:]:
                    if state == "submitted":
                        self.freeze(report, primary)
                    report_transition(report=report, to_state=state, by=primary)
                self.date_on_calendar(report, place=list(states).index(name))

    def date_on_calendar(self, report, *, place: int):
        """Moves a new demo report's history onto its cycle's calendar: started after the
        questionnaire opened, submitted before the deadline, evaluated before the end of
        the evaluation, published after; `place` spreads the cities over the weeks.
        Nothing is dated in the future."""
        cycle = report.cycle
        latest = timezone.now() - datetime.timedelta(hours=1)

        def at(day, hour):
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
            return min(moment, latest)

        started = at(cycle.questionnaire_opens + datetime.timedelta(days=3 + place % 20), 9)
        dates = {
            ReportState.DRAFT: started,
            ReportState.SUBMITTED: at(
                cycle.submission_deadline - datetime.timedelta(days=1 + (place * 5) % 30), 11
            ),
            ReportState.FEEDBACK_RECEIVED: at(
                cycle.evaluation_ends - datetime.timedelta(days=place % 20), 14
            ),
        }
        dates[ReportState.PUBLISHED] = min(
            dates[ReportState.FEEDBACK_RECEIVED] + datetime.timedelta(days=7 + place % 10), latest
        )
        for change in report.state_changes.all():
            change.changed_at = dates.get(change.to_state, change.changed_at)
            change.save(update_fields=["changed_at"])
        submitted = dates[ReportState.SUBMITTED] if report.submitted_at else None
        last = max((c.changed_at for c in report.state_changes.all()), default=started)
        Report.objects.filter(pk=report.pk).update(
            created_at=started, updated_at=last, submitted_at=submitted
        )
        written = submitted or min(started + datetime.timedelta(days=14), latest)
        Measure.objects.filter(report=report).update(
            created_at=started + datetime.timedelta(days=1), updated_at=written
        )
        Answer.objects.filter(report=report).update(updated_at=written)
        ReportSnapshot.objects.filter(report=report).update(created_at=submitted or written)

    def date_letters(self):
        """The demo letters went out when their reports received their feedback, not on
        the day the demo was loaded."""
        received = ReportStateChange.objects.filter(
            report=OuterRef("report"), to_state=ReportState.FEEDBACK_RECEIVED
        ).order_by("changed_at")
        Letter.objects.filter(sent_at__isnull=False).update(
            sent_at=Coalesce(Subquery(received.values("changed_at")[:1]), F("sent_at"))
        )

    def seed_translations(self):
        sources = {}
        for report in Report.objects.filter(city__name__in=list(demo_data.DEMO_REPORTS)):
            sources[report.city.name] = report.source_language or report.city.main_language
        for name, content in demo_data.DEMO_REPORTS.items():
            texts = list(content["overview"].values())
            texts += [t for title, _c, d in content["measures"] for t in (title, d)]
            for text in texts:
                english = demo_data.DEMO_TRANSLATIONS_EN.get(text)
                if english and name in sources:
                    MachineTranslation.objects.get_or_create(
                        source_hash=text_hash(text),
                        source_language=sources[name],
                        target_language="en",
                        engine="demo",
                        defaults={"text": english},
                    )

    def fill_report(self, report, user, *, complete):
        """Answers in the city's language where written out, plausible values elsewhere.
        Bypasses the editable-state check only in that it runs before submission."""
        content = demo_data.DEMO_REPORTS.get(report.city.name)
        if content is None and not complete:
            return
        content = content or {"overview": {}, "measures": []}
        questions = list(
            report.questionnaire.questions.select_related("section").prefetch_related("choices")
        )

        city = report.city
        contact_name, contact_function = demo_data.CONTACTS.get(
            city.name, (f"Coordinator {city.name}", "")
        )
        # What a city of this size and language would answer, for the required questions
        # the demo reports do not write out.
        known = {
            "profile_population": city.population,
            "profile_year_joined": city.year_joined,
            "profile_contact_name": contact_name,
            "profile_contact_function": contact_function or None,
            "profile_contact_department": demo_data.CONTACT_DEPARTMENTS.get(
                city.main_language, "Office for Diversity and Equal Opportunities"
            ),
            "profile_contact_email": f"eccar@{city.slug}.example",
            "organisation_budget": demo_budget(city.population),
            **demo_data.GENERIC_ANSWERS,
        }

        def plausible(question):
            if question.code in known:
                return known[question.code]
            kind = question.type
            if kind == QuestionType.NUMBER:
                return None
            if kind == QuestionType.YES_NO:
                return "yes"
            if kind == QuestionType.SINGLE_CHOICE:
                return question.choices.all()[0].value
            if kind == QuestionType.MULTIPLE_CHOICE:
                return [c.value for c in question.choices.all()[:2]]
            if kind == QuestionType.COMMITMENTS:
                return [1, 4]
            if kind == QuestionType.DATE:
                return f"{report.cycle.year - 1}-01-15"
            return None

        answers = []
        for question in questions:
            if question.section.level != 1:
                continue
            value = content["overview"].get(question.code)
            if (
                value is None
                and question.show_if_question_id is None
                and (question.required or question.code in known)
            ):
                value = plausible(question)
            if value is not None:
                answers.append(
                    Answer(report=report, question=question, value=value, updated_by=user)
                )
        generic = demo_data.GENERIC_MEASURES
        measure_items = content["measures"] or (
            [generic[sorted(demo_data.CONTACTS).index(city.name) % len(generic)]]
            if complete
            else []
        )
        for order, (title, commitments, description) in enumerate(measure_items, start=1):
            measure = Measure.objects.create(report=report, order=order, title=title)
            given = {
                "m_title": title,
                "m_commitments": commitments,
                "m_description": description,
                "m_target_groups": demo_data.DEMO_TARGET_GROUPS.get(title),
            }
            for question in questions:
                if question.section.level != 2:
                    continue
                value = given.get(question.code)
                if value is None and question.required:
                    value = plausible(question)
                if value is not None:
                    answers.append(
                        Answer(
                            report=report,
                            question=question,
                            measure=measure,
                            value=value,
                            updated_by=user,
                        )
                    )
        Answer.objects.bulk_create(answers)

    def freeze(self, report, user):
        ReportSnapshot.objects.get_or_create(
            report=report,
            revision=1,
            defaults={"data": report_snapshot_data(report), "created_by": user},
        )
