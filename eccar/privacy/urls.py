from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.PrivacyNoticeView.as_view(), name="notice"),
]
