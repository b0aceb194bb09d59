from django.contrib import admin

from .models import (
    Ballot,
    BallotChoice,
    Candidature,
    CandidatureComment,
    CityCategory,
    EditionPhaseChange,
    Finalist,
    Participation,
    PreselectionMark,
    PrizeEdition,
)


class PhaseChangeInline(admin.TabularInline):
    model = EditionPhaseChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_phase", "to_phase", "changed_by", "changed_at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PrizeEdition)
class PrizeEditionAdmin(admin.ModelAdmin):
    list_display = ["year", "cycle", "phase", "vote_on"]
    # The phase changes only through the edition page (one history row per change).
    readonly_fields = ["phase"]
    inlines = [PhaseChangeInline]


@admin.register(Candidature)
class CandidatureAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "edition", "category", "population", "withdrawn_at"]
    list_filter = ["edition", "category"]
    search_fields = ["title", "city__name"]
    raw_id_fields = ["measure", "report"]
    readonly_fields = ["population", "category"]


@admin.register(Finalist)
class FinalistAdmin(admin.ModelAdmin):
    list_display = ["candidature", "edition", "category", "slot", "presenter_name", "notified_at"]
    list_filter = ["edition", "category"]


admin.site.register([CityCategory, PreselectionMark, CandidatureComment])


class ReadOnlyAdmin(admin.ModelAdmin):
    """Ballots and votes are written only by the services; the admin may look."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["edition", "category", "round", "state", "tie_break", "outcome"]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    list_display = ["ballot", "city", "on_paper", "cast_at"]
    list_filter = ["ballot"]


@admin.register(BallotChoice)
class BallotChoiceAdmin(ReadOnlyAdmin):
    # No city and no time: a vote is only its ballot, finalist and receipt fingerprint.
    list_display = ["ballot", "finalist", "fingerprint"]
    list_filter = ["ballot"]
