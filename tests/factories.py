import datetime

import factory
from django.utils import timezone

from reporting.enums import AccountRole, MembershipStatus
from reporting.models import City, CityAccount, Report, ReportingCycle, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "DE"
    population = 120_000
    languages = factory.LazyFunction(lambda: ["de"])
    mayor_name = "Anna Beispiel"
    mayor_title = "Oberbürgermeisterin"
    mayor_email = factory.Sequence(lambda n: f"mayor{n}@city.example")
    membership_status = MembershipStatus.MEMBER
    year_joined = 2010


class CityAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityAccount

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    role = AccountRole.SECONDARY


def _today():
    return timezone.localdate()


class ReportingCycleFactory(factory.django.DjangoModelFactory):
    """A cycle open for reporting today, whatever today is."""

    class Meta:
        model = ReportingCycle
        django_get_or_create = ["year"]

    year = factory.Sequence(lambda n: 2101 + 2 * n)
    registration_opens = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=60))
    questionnaire_opens = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=30))
    submission_deadline = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=60))
    evaluation_ends = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=180))
    general_assembly = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=210))


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    city = factory.SubFactory(CityFactory)
    cycle = factory.SubFactory(ReportingCycleFactory)
