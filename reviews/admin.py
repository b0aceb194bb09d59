from django.contrib import admin

from .models import (
    Assignment,
    ConflictOfInterest,
    Criterion,
    GeneralFeedback,
    Letter,
    LetterStateChange,
    Review,
    ReviewStateChange,
)

admin.site.register([Assignment, ConflictOfInterest, Criterion, GeneralFeedback])


class _HistoryInline(admin.TabularInline):
    """The history is written by the state functions only: read-only here."""

    fields = ["changed_at", "changed_by", "from_state", "to_state", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReviewStateChangeInline(_HistoryInline):
    model = ReviewStateChange


class LetterStateChangeInline(_HistoryInline):
    model = LetterStateChange


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["report", "reviewer", "state"]
    list_filter = ["state"]
    readonly_fields = ["state"]
    inlines = [ReviewStateChangeInline]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["report", "state", "sent_at"]
    list_filter = ["state"]
    readonly_fields = ["state", "sent_at", "sent_to", "error", "pdf"]
    inlines = [LetterStateChangeInline]
