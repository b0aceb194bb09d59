from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from eccar.errors import ServiceError

from .answer_formats import COALITION_FOUNDED
from .enums import QuestionType
from .models import (
    AccessRequest,
    ApiToken,
    Choice,
    City,
    CityAccount,
    Commitment,
    ExportLog,
    GlossaryTerm,
    HelpPage,
    Invitation,
    PlanOfAction,
    Question,
    Questionnaire,
    Report,
    ReportingCycle,
    ReportStateChange,
    ReportTranslationStatus,
    Section,
    User,
)
from .questionnaires import ensure_questionnaire_editable, questionnaire_copy
from .services.accounts import user_deactivate


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_board_member", "is_reviewer", "is_active"]
    list_filter = ["is_staff", "is_board_member", "is_reviewer", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (
            _("Roles"),
            {"fields": ["is_active", "is_staff", "is_superuser", "is_board_member", "is_reviewer"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name"]})]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # A deactivated login keeps no open invitation that could bring it back.
            user_deactivate(user=obj)


class CityAccountInline(admin.TabularInline):
    model = CityAccount
    fk_name = "city"
    extra = 0
    fields = ["user", "role", "is_active", "is_delegate"]
    autocomplete_fields = ["user"]


class CityAdminForm(forms.ModelForm):
    def clean_year_joined(self):
        year = self.cleaned_data.get("year_joined")
        last = timezone.localdate().year
        if year is not None and not COALITION_FOUNDED <= year <= last:
            raise forms.ValidationError(
                _(
                    "Enter the year the city joined, from %(first)s (the coalition's founding) "
                    "to %(last)s."
                )
                % {"first": COALITION_FOUNDED, "last": last}
            )
        return year


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    form = CityAdminForm
    list_display = ["name", "country", "population", "membership_status", "year_joined"]
    list_filter = ["membership_status", "country"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CityAccountInline]


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "registration_opens",
        "questionnaire_opens",
        "submission_deadline",
        "evaluation_ends",
        "general_assembly",
        "current_phase_label",
    ]


class ReportStateChangeInline(admin.TabularInline):
    model = ReportStateChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_state", "to_state", "changed_by", "changed_at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["city", "cycle", "state", "submitted_at"]
    list_filter = ["cycle", "state"]
    search_fields = ["city__name"]
    # State changes go through services.report_transition only, which keeps the history.
    readonly_fields = ["city", "cycle", "state", "submitted_at", "submitted_by"]
    inlines = [ReportStateChangeInline]


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "city_name", "country", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["decided_by", "decided_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "account", "created_at", "expires_at", "sent_at", "accepted_at"]
    readonly_fields = ["nonce"]


class CommitmentInline(TranslationTabularInline):
    model = Commitment
    extra = 0


@admin.register(PlanOfAction)
class PlanOfActionAdmin(admin.ModelAdmin):
    list_display = ["name", "version"]
    inlines = [CommitmentInline]


# --- Questionnaires ---------------------------------------------------------------


# Fields whose change would orphan stored answers once reports are submitted. Texts
# and their translations stay editable: they do not change what an answer means.
STRUCTURAL_FIELDS = {
    Section: ["code", "level", "questionnaire"],
    Question: ["code", "type", "section", "show_if_question", "show_if_value"],
    Choice: ["value", "question"],
}


def questionnaire_label(questionnaire) -> str:
    return f"{questionnaire.cycle.year} · v{questionnaire.version} · {questionnaire.title}"


def section_label(section) -> str:
    """Every cycle's questionnaire has the same sections: the label says whose it is."""
    questionnaire = section.questionnaire
    return (
        f"{questionnaire.cycle.year} · v{questionnaire.version} · "
        f"{section.get_level_display()} · {section.title}"
    )


def question_label(question) -> str:
    questionnaire = question.questionnaire
    return (
        f"{questionnaire.cycle.year} · v{questionnaire.version} · "
        f"{question.code}: {question.text[:60]}"
    )


class LabelledChoiceField(forms.ModelChoiceField):
    """A dropdown whose entries are labelled by a function instead of `str()`."""

    def __init__(self, *args, label_function, **kwargs):
        self.label_function = label_function
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self.label_function(obj)


def _labelled(field, queryset, label_function):
    """The admin's field for a foreign key, keeping its label, help and required flag."""
    return LabelledChoiceField(
        queryset=queryset,
        label_function=label_function,
        required=field.required,
        label=field.label,
        help_text=field.help_text,
        widget=field.widget,
    )


class LockAwareForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        model = self._meta.model
        if self.instance.pk:
            questionnaire = _questionnaire_of(self.instance)
            changed = [f for f in STRUCTURAL_FIELDS[model] if f in self.changed_data]
            if changed:
                try:
                    ensure_questionnaire_editable(questionnaire, what=", ".join(changed))
                except ServiceError as error:
                    raise forms.ValidationError(error.message) from None
        return cleaned


def _questionnaire_of(obj):
    if isinstance(obj, Choice):
        return obj.question.questionnaire
    return obj.questionnaire


class LockAwareAdminMixin:
    form = LockAwareForm

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _questionnaire_of(obj).is_locked:
            return False
        return super().has_delete_permission(request, obj)


class ChoiceInline(LockAwareAdminMixin, TranslationTabularInline):
    model = Choice
    form = LockAwareForm
    extra = 0

    def has_delete_permission(self, request, obj=None):
        # Here obj is the question being edited.
        return not (obj is not None and obj.questionnaire.is_locked)


@admin.register(Question)
class QuestionAdmin(LockAwareAdminMixin, TranslationAdmin):
    list_display = ["code", "section", "questionnaire_column", "type", "required", "order"]
    list_filter = ["questionnaire", "section__level", "type"]
    list_select_related = ["section", "questionnaire__cycle"]
    search_fields = ["code", "text"]
    inlines = [ChoiceInline]

    @admin.display(description=_("questionnaire"), ordering="questionnaire")
    def questionnaire_column(self, obj):
        return questionnaire_label(obj.questionnaire)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Sections and conditions labelled with their cycle and version; once the
        question exists, only those of its own questionnaire are offered (the model's
        clean() refuses the others whatever was posted)."""
        form = super().get_form(request, obj, change=change, **kwargs)
        sections = Section.objects.select_related("questionnaire__cycle").order_by(
            "-questionnaire__cycle__year", "-questionnaire__version", "level", "order"
        )
        triggers = (
            Question.objects.filter(type__in=[QuestionType.YES_NO, QuestionType.SINGLE_CHOICE])
            .select_related("questionnaire__cycle")
            .order_by(
                "-questionnaire__cycle__year",
                "-questionnaire__version",
                "section__level",
                "section__order",
                "order",
            )
        )
        if obj is not None:
            sections = sections.filter(questionnaire=obj.questionnaire_id)
            triggers = triggers.filter(
                questionnaire=obj.questionnaire_id, section__level=obj.section.level
            ).exclude(pk=obj.pk)
        fields = form.base_fields
        if "section" in fields:
            fields["section"] = _labelled(fields["section"], sections, section_label)
        if "show_if_question" in fields:
            fields["show_if_question"] = _labelled(
                fields["show_if_question"], triggers, question_label
            )
        if obj is not None and obj.show_if_question_id and "show_if_value" in fields:
            fields["show_if_value"].help_text = _("One of: %(values)s.") % {
                "values": ", ".join(obj.show_if_question.condition_values())
            }
        return form


class QuestionInline(TranslationStackedInline):
    model = Question
    form = LockAwareForm
    extra = 0
    fields = ["code", "order", "type", "required", "personal", "text", "help_text"]
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and obj.questionnaire.is_locked)


@admin.register(Section)
class SectionAdmin(LockAwareAdminMixin, TranslationAdmin):
    list_display = ["title", "code", "level", "order", "questionnaire_column"]
    list_filter = ["questionnaire", "level"]
    list_select_related = ["questionnaire__cycle"]
    inlines = [QuestionInline]

    @admin.display(description=_("questionnaire"), ordering="questionnaire")
    def questionnaire_column(self, obj):
        return questionnaire_label(obj.questionnaire)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "questionnaire" in form.base_fields:
            form.base_fields["questionnaire"] = _labelled(
                form.base_fields["questionnaire"],
                Questionnaire.objects.select_related("cycle"),
                questionnaire_label,
            )
        return form


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ["title", "cycle", "version", "is_active", "is_locked"]
    actions = ["copy_to_new_version"]

    @admin.action(description=_("Copy to a new version (to change a questionnaire in use)"))
    def copy_to_new_version(self, request, queryset):
        for questionnaire in queryset:
            copy = questionnaire_copy(questionnaire=questionnaire)
            messages.success(
                request, _("Created version %(v)s of %(t)s.") % {"v": copy.version, "t": copy}
            )


@admin.register(HelpPage)
class HelpPageAdmin(TranslationAdmin):
    list_display = ["title", "slug", "order"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "source_language", "target_language"]
    list_filter = ["source_language", "target_language"]
    search_fields = ["source", "target"]


@admin.register(ReportTranslationStatus)
class ReportTranslationStatusAdmin(admin.ModelAdmin):
    list_display = ["report", "state", "pending_segments", "updated_at"]
    list_filter = ["state"]
    readonly_fields = ["report", "state", "message", "pending_segments", "updated_at"]


# --- Library, exports and API (issue 6) ------------------------------------------------


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """Who downloaded which cycle's data: read-only, the log must not be edited."""

    list_display = ["created_at", "user", "cycle", "level", "format", "ip"]
    list_filter = ["cycle", "format"]
    readonly_fields = ["created_at", "user", "cycle", "level", "format", "ip"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff can see and revoke members' tokens; keys are never stored."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
