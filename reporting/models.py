import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from eccar.models import LifecycleChange, TimeStampedModel

from .enums import (
    SIZE_THRESHOLD,
    AccessRequestStatus,
    AccountRole,
    ApplicationStatus,
    CyclePhase,
    MembershipStatus,
    QuestionType,
    ReportState,
    SectionLevel,
    SizeCategory,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. Roles are flags (staff, Board, Advisory Board) plus
    city accounts; one person may hold several of them."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    is_board_member = models.BooleanField(
        _("Board member"),
        default=False,
        help_text=_("Member of the Steering Committee / Board."),
    )
    is_reviewer = models.BooleanField(
        _("Scientific Advisory Board reviewer"),
        default=False,
        help_text=_("Reads submitted reports and writes feedback. Requires two-factor login."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def requires_two_factor(self) -> bool:
        """Staff and the Advisory Board see unpublished reports: they must use TOTP."""
        return self.is_staff or self.is_reviewer


class City(TimeStampedModel):
    """A member (or applicant) city of the coalition: the unit that reports."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in addresses"), max_length=160, unique=True)
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(
        _("population"), help_text=_("Decides the prize category (under 50,000 / 50,000 and over).")
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Language codes the city writes in, first the main one, e.g. ['de']."),
    )
    mayor_name = models.CharField(_("mayor's name"), max_length=200, blank=True)
    mayor_title = models.CharField(
        _("mayor's title"), max_length=200, blank=True, help_text=_("e.g. Lord Mayor, Maire")
    )
    mayor_email = models.EmailField(_("mayor's email"), blank=True)
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Used for the feedback letter's address block."),
    )
    membership_status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
    )
    year_joined = models.PositiveSmallIntegerField(_("year joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="city_unique_name_country"),
            models.CheckConstraint(
                condition=Q(membership_status__in=MembershipStatus.values),
                name="city_membership_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(year_joined__isnull=True) | Q(year_joined__gte=2004),
                name="city_year_joined_after_founding",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reporting:city_detail", kwargs={"slug": self.slug})

    @property
    def size_category(self) -> str:
        return SizeCategory.SMALL if self.population < SIZE_THRESHOLD else SizeCategory.LARGE

    @property
    def size_category_label(self) -> str:
        return SizeCategory(self.size_category).label

    @property
    def main_language(self) -> str:
        return self.languages[0] if self.languages else settings.LANGUAGE_CODE

    @property
    def is_in_good_standing(self) -> bool:
        return self.membership_status == MembershipStatus.MEMBER


class CityAccount(TimeStampedModel):
    """A user's access to one city: primary (submits, publishes) or secondary (fills only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_accounts"
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="accounts")
    role = models.CharField(_("role"), max_length=20, choices=AccountRole.choices)
    is_active = models.BooleanField(_("active"), default=True)
    is_delegate = models.BooleanField(
        _("General Assembly delegate"),
        default=False,
        help_text=_("Votes for the city at the General Assembly (default: the primary account)."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("city account")
        verbose_name_plural = _("city accounts")
        ordering = ["city__name", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "city"], name="cityaccount_unique_user_city"),
            # Exactly one person answers for a city: the database refuses a second
            # active primary account whatever the form or the admin did.
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(role=AccountRole.PRIMARY, is_active=True),
                name="cityaccount_one_active_primary_per_city",
            ),
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(is_delegate=True, is_active=True),
                name="cityaccount_one_active_delegate_per_city",
            ),
            models.CheckConstraint(
                condition=Q(role__in=AccountRole.values), name="cityaccount_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.city} ({self.get_role_display()})"

    @property
    def is_primary(self) -> bool:
        return self.role == AccountRole.PRIMARY


class Invitation(TimeStampedModel):
    """A one-time link with which an invited person sets their password."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    account = models.ForeignKey(
        CityAccount, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    nonce = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user.email} ({self.created_at:%Y-%m-%d})"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class AccessRequest(TimeStampedModel):
    """A coordinator asking the office for credentials; staff approve or reject it."""

    full_name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("your email address"))
    city_name = models.CharField(_("city"), max_length=150)
    country = CountryField(_("country"))
    position = models.CharField(_("your position"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    city = models.ForeignKey(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_requests"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccessRequestStatus.choices,
        default=AccessRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.full_name} <{self.email}> · {self.city_name}"


class ReportingCycle(TimeStampedModel):
    """One reporting round. Its phase is derived from today's date, never stored."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    registration_opens = models.DateField(_("registration opens"))
    questionnaire_opens = models.DateField(_("questionnaire opens"))
    submission_deadline = models.DateField(_("submission deadline"))
    evaluation_ends = models.DateField(_("evaluation ends"))
    general_assembly = models.DateField(_("General Assembly"))

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_opens__lte=F("questionnaire_opens"))
                & Q(questionnaire_opens__lt=F("submission_deadline"))
                & Q(submission_deadline__lte=F("evaluation_ends"))
                & Q(evaluation_ends__lte=F("general_assembly")),
                name="cycle_dates_in_order",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def phase(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.registration_opens:
            return CyclePhase.UPCOMING
        if today < self.questionnaire_opens:
            return CyclePhase.REGISTRATION
        if today <= self.submission_deadline:
            return CyclePhase.REPORTING
        if today <= self.evaluation_ends:
            return CyclePhase.EVALUATION
        if today <= self.general_assembly:
            return CyclePhase.FEEDBACK
        return CyclePhase.CLOSED

    @property
    def current_phase(self) -> str:
        return self.phase()

    @property
    def current_phase_label(self) -> str:
        return CyclePhase(self.phase()).label

    @property
    def days_to_deadline(self) -> int:
        return (self.submission_deadline - timezone.localdate()).days


class Report(TimeStampedModel):
    """A city's report for one cycle. Only `services.report_transition` changes `state`."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="reports")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="reports")
    questionnaire = models.ForeignKey(
        "Questionnaire", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    source_language = models.CharField(
        _("language of the report"),
        max_length=10,
        blank=True,
        help_text=_("The language the city writes in (defaults to the city's main language)."),
    )
    deadline_extended_to = models.DateField(
        _("deadline extended to"),
        null=True,
        blank=True,
        help_text=_("Set by staff to let this city submit after the cycle's deadline."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    publish_feedback = models.BooleanField(_("publish the feedback with the report"), default=False)
    publish_contacts = models.BooleanField(
        _("show the city's contact persons to member cities"),
        default=False,
        help_text=_(
            "When published, member cities see the contact answers of level 1 "
            "(name, function, department, email) beside the city's measures."
        ),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-cycle__year", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "cycle"], name="report_one_per_city_and_cycle"),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="report_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.cycle}"


class ReportStateChange(LifecycleChange):
    """The report's history: one row per state change (who, when, from, to, why)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=ReportState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ReportState.choices)

    class Meta(LifecycleChange.Meta):
        verbose_name = _("report state change")
        verbose_name_plural = _("report state changes")

    def __str__(self):
        return f"{self.from_state or '—'} → {self.to_state}"


class PlanOfAction(TimeStampedModel):
    """A coalition's ten-point plan. Data, not code: other regional coalitions of
    UNESCO's ICCAR have their own plans, and a plan may be revised."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=20, default="2004")

    class Meta:
        verbose_name = _("plan of action")
        verbose_name_plural = _("plans of action")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="plan_unique_name_version")
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"


class Commitment(models.Model):
    """One of the ten commitments of a plan, cited in the interface with its number."""

    plan = models.ForeignKey(PlanOfAction, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="commitment_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=10), name="commitment_number_1_to_10"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Questionnaire(TimeStampedModel):
    """The questions of one cycle. Versioned: once a report of the cycle has been
    submitted, changes that would orphan answers go into a copy (a new version)."""

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.PROTECT, related_name="questionnaires"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("New reports of the cycle use the active version.")
    )
    plan = models.ForeignKey(PlanOfAction, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-cycle__year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "version"], name="questionnaire_unique_cycle_version"
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(is_active=True),
                name="questionnaire_one_active_per_cycle",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_locked(self) -> bool:
        """True once any report using it was submitted: its answers must stay meaningful."""
        return self.reports.filter(submitted_at__isnull=False).exists()


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=SectionLevel.choices)
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["questionnaire", "level", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="section_unique_code_per_questionnaire"
            ),
            models.CheckConstraint(
                condition=Q(level__in=SectionLevel.values), name="section_level_valid"
            ),
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", editable=False
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=60, help_text=_("Stable across cycles."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    required = models.BooleanField(_("required"), default=False)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("show only if question"),
    )
    show_if_value = models.CharField(_("has the value"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__level", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="question_unique_code_per_questionnaire"
            ),
            models.CheckConstraint(
                condition=Q(type__in=QuestionType.values), name="question_type_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.questionnaire_id = self.section.questionnaire_id
        super().save(*args, **kwargs)

    @property
    def is_measure_question(self) -> bool:
        return self.section.level == SectionLevel.MEASURE


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField(_("stored value"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="choice_unique_value")
        ]

    def __str__(self):
        return self.label


class Measure(TimeStampedModel):
    """A level-2 measure of a report: its fields are answers to measure questions."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("Mirrors the answer to m_title.")
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["report", "order", "pk"]

    def __str__(self):
        return self.title or str(_("Untitled measure"))


class Answer(models.Model):
    """One answer. `version` grows with every save: a save that names an older version
    than the stored one is a concurrent edit and is refused, never silently merged."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    value = models.JSONField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    carried_over = models.BooleanField(
        default=False, help_text=_("Copied from the previous cycle and not yet confirmed.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "question"],
                condition=Q(measure__isnull=True),
                name="answer_unique_per_report_question",
            ),
            models.UniqueConstraint(
                fields=["report", "question", "measure"],
                condition=Q(measure__isnull=False),
                name="answer_unique_per_measure_question",
            ),
        ]

    def __str__(self):
        return f"{self.question.code} = {self.value!r}"


def attachment_path(instance, filename):
    # The stored name never comes from the user: no path tricks, no collisions.
    import uuid

    return f"attachments/{instance.report.cycle_id}/{instance.report_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """The one attachment a report may have (at most 5 MB), private to its readers."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="attachment")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class ReportSnapshot(models.Model):
    """A frozen copy of a report: what was submitted (and each later update), kept
    exactly as it was, readable after the live answers change."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="snapshots")
    revision = models.PositiveSmallIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["report", "revision"], name="snapshot_unique_revision")
        ]

    def __str__(self):
        return f"{self.report} r{self.revision}"


class HelpPage(TimeStampedModel):
    """A page of the user manual, in every interface language, edited by staff."""

    slug = models.SlugField(_("address"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_("Plain text; blank lines separate paragraphs, '- ' starts a list item."),
    )

    class Meta:
        verbose_name = _("help page")
        verbose_name_plural = _("help pages")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reporting:help_page", kwargs={"slug": self.slug})


class ReminderSent(models.Model):
    """One row per reminder mailed, so beat running twice never mails twice."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["city", "cycle", "days_before"], name="reminder_once_per_city_cycle_day"
            )
        ]

    def __str__(self):
        return f"{self.city} {self.cycle} -{self.days_before}d"


def accession_path(instance, filename):
    import uuid

    return f"applications/{uuid.uuid4().hex}.pdf"


class MembershipApplication(TimeStampedModel):
    """A municipality asking to join the coalition, decided by the Board and staff."""

    city_name = models.CharField(_("city or municipality"), max_length=150)
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(_("population"))
    languages = models.JSONField(_("languages"), default=list)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact person's email"))
    contact_position = models.CharField(_("contact person's position"), max_length=200, blank=True)
    mayor_name = models.CharField(_("mayor's name"), max_length=200)
    mayor_email = models.EmailField(_("mayor's email"))
    motivation = models.TextField(_("motivation"), max_length=5000)
    accession_document = models.FileField(
        _("signed act of accession (PDF)"), upload_to=accession_path, max_length=200
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason or question"), blank=True)
    city = models.OneToOneField(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.city_name} ({self.country.code})"


class ApplicationComment(models.Model):
    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class MembershipChange(models.Model):
    """A city's membership history: one row per change of status (who, when, from, to)."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="membership_changes")
    from_status = models.CharField(max_length=20, choices=MembershipStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MembershipStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.city}: {self.from_status or '—'} → {self.to_status}"


class MachineTranslation(models.Model):
    """A translated text, keyed so that the same text is never sent twice."""

    source_hash = models.CharField(max_length=64)
    source_language = models.CharField(max_length=10)
    target_language = models.CharField(max_length=10)
    engine = models.CharField(max_length=30)
    text = models.TextField()
    billed_characters = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_hash", "source_language", "target_language", "engine"],
                name="translation_unique_text_pair_engine",
            )
        ]

    def __str__(self):
        return f"{self.source_language}->{self.target_language} {self.source_hash[:8]}"


class ReportTranslationStatus(models.Model):
    """Where a report's translation stands, for staff (and the readers' notice)."""

    class State(models.TextChoices):
        DONE = "done", _("Translated")
        PENDING = "pending", _("Waiting to be translated")
        QUOTA = "quota", _("Stopped: translation quota used up")
        FAILED = "failed", _("Failed")
        OFF = "off", _("Machine translation is not configured")

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="translation")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    message = models.TextField(blank=True)
    pending_segments = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.report}: {self.state}"


class GlossaryTerm(models.Model):
    """A key term of the coalition and its agreed translation, sent to DeepL as a
    glossary so that e.g. the commitments' names are translated consistently."""

    source_language = models.CharField(_("source language"), max_length=10)
    target_language = models.CharField(_("target language"), max_length=10)
    source = models.CharField(_("term"), max_length=200)
    target = models.CharField(_("translation"), max_length=200)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["source_language", "target_language", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source"],
                name="glossary_unique_term",
            )
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"


# --- Library of published reports, exports and API (issue 6) ---------------------------


class LibraryEntry(models.Model):
    """A published report or one of its measures, as the library searches and lists it.

    Rebuilt from the live answers whenever a report is published or withdrawn (see
    `library.library_index_report`), so a search never reads an unpublished answer and
    costs one indexed query however many answers there are."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        MEASURE = "measure", _("Measure")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="library_entries")
    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="library_entry"
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()
    source_language = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    # Every text of the entry and its stored translations, case-folded: the search
    # where full-text search is unavailable (SQLite) and a safety net for short words.
    haystack = models.TextField(blank=True)
    commitments = models.ManyToManyField(Commitment, related_name="+", blank=True)
    target_groups = models.ManyToManyField(Choice, related_name="+", blank=True)
    search_vector = SearchVectorField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(kind="report"),
                name="libraryentry_one_report_entry",
            ),
            models.CheckConstraint(
                condition=(Q(kind="report") & Q(measure__isnull=True))
                | (Q(kind="measure") & Q(measure__isnull=False)),
                name="libraryentry_kind_matches_measure",
            ),
        ]
        indexes = [models.Index(fields=["kind", "-published_at"], name="library_kind_date")]

    def __str__(self):
        return self.title


class ApiToken(models.Model):
    """A member's key to the read-only API. Only a hash is stored: the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ExportLog(models.Model):
    """One row per download of a cycle's answers: who took which data, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=10)
    level = models.CharField(max_length=10)
    ip = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.cycle} {self.level}.{self.format} by {self.user_id}"
