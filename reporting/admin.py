from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from .models import (
    AccessRequest,
    City,
    CityAccount,
    Commitment,
    Invitation,
    PlanOfAction,
    Report,
    ReportingCycle,
    ReportStateChange,
    User,
)


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


class CityAccountInline(admin.TabularInline):
    model = CityAccount
    fk_name = "city"
    extra = 0
    fields = ["user", "role", "is_active", "is_delegate"]
    autocomplete_fields = ["user"]


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
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
