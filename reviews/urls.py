from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.WorklistCurrentView.as_view(), name="worklist_current"),
    path("reviews/outbox/", views.OutboxCurrentView.as_view(), name="outbox_current"),
    path("reviews/<int:year>/", views.WorklistView.as_view(), name="worklist"),
    path("reviews/<int:year>/outbox/", views.OutboxView.as_view(), name="outbox"),
    path(
        "reviews/<int:year>/general-feedback/",
        views.GeneralFeedbackView.as_view(),
        name="general_feedback",
    ),
    path("reviews/<int:year>/conflicts/", views.ConflictDeclareView.as_view(), name="conflict"),
    path("reviews/<int:year>/<slug:slug>/", views.ReviewView.as_view(), name="review"),
    path("reviews/<int:year>/<slug:slug>/assign/", views.AssignView.as_view(), name="assign"),
    path(
        "reviews/<int:year>/<slug:slug>/reviews/",
        views.ReportReviewsView.as_view(),
        name="report_reviews",
    ),
    path(
        "reviews/<int:year>/<slug:slug>/letter/", views.LetterPreviewView.as_view(), name="letter"
    ),
    path(
        "reviews/<int:year>/<slug:slug>/letter/translation/",
        views.LetterTranslationView.as_view(),
        name="letter_translation",
    ),
    path(
        "cities/<slug:slug>/reports/<int:year>/feedback/",
        views.FeedbackView.as_view(),
        name="feedback",
    ),
]
