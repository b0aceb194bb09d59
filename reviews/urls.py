from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("reviews/<int:year>/", views.WorklistView.as_view(), name="worklist"),
    path("reviews/<int:year>/outbox/", views.OutboxView.as_view(), name="outbox"),
    path("reviews/<int:year>/<slug:slug>/", views.ReviewView.as_view(), name="review"),
    path("reviews/<int:year>/<slug:slug>/assign/", views.AssignView.as_view(), name="assign"),
    path(
        "reviews/<int:year>/<slug:slug>/letter/", views.LetterPreviewView.as_view(), name="letter"
    ),
]
