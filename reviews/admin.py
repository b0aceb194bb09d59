from django.contrib import admin

from .models import Assignment, ConflictOfInterest, Criterion, GeneralFeedback, Letter, Review

admin.site.register([Assignment, ConflictOfInterest, Criterion, GeneralFeedback, Review])


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["report", "state", "sent_at"]
    list_filter = ["state"]
    readonly_fields = ["sent_at", "sent_to", "error", "pdf"]
