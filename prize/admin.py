from django.contrib import admin

from .models import (
    Ballot,
    BallotOutcomeChange,
    BallotStateChange,
    BallotTotal,
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


class BallotHistoryInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BallotStateInline(BallotHistoryInline):
    model = BallotStateChange
    fields = readonly_fields = ["from_state", "to_state", "changed_by", "changed_at"]


class BallotOutcomeInline(BallotHistoryInline):
    model = BallotOutcomeChange
    fields = readonly_fields = ["from_outcome", "to_outcome", "changed_by", "changed_at", "reason"]


class BallotTotalInline(BallotHistoryInline):
    model = BallotTotal
    fields = readonly_fields = ["finalist", "votes"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["edition", "category", "round", "state", "tie_break", "outcome"]
    exclude = ["options"]
    inlines = [BallotTotalInline, BallotStateInline, BallotOutcomeInline]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    list_display = ["ballot", "city", "on_paper", "cast_at"]
    list_filter = ["ballot"]


# The sealed votes have no admin page on purpose: no page lists individual votes, and
# their receipts are listed (sorted, apart from any choice) on the Board's audit page.
