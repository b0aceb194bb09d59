from django.urls import path

from . import views

app_name = "prize"

Y = "prize/<int:year>/"
B = Y + "ballots/<int:pk>/"

urlpatterns = [
    path("prize/", views.IndexView.as_view(), name="index"),
    path("prize/verify/", views.VerifyView.as_view(), name="verify"),
    path(Y, views.EditionView.as_view(), name="edition"),
    path(Y + "phase/", views.PhaseView.as_view(), name="phase"),
    path(Y + "candidatures/build/", views.BuildView.as_view(), name="build"),
    path(
        Y + "candidatures/<slug:category>/",
        views.CandidatureListView.as_view(),
        name="candidatures",
    ),
    path(Y + "candidature/<int:pk>/", views.CandidatureView.as_view(), name="candidature"),
    path(Y + "candidature/<int:pk>/preselect/", views.PreselectView.as_view(), name="preselect"),
    path(Y + "candidature/<int:pk>/comment/", views.CommentView.as_view(), name="comment"),
    path(
        Y + "candidature/<int:pk>/finalist/",
        views.FinalistChooseView.as_view(),
        name="finalist_choose",
    ),
    path(Y + "finalists/notify/", views.FinalistsNotifyView.as_view(), name="finalists_notify"),
    path(Y + "finalists/<slug:category>/", views.FinalistsView.as_view(), name="finalists"),
    path(
        Y + "finalist/<int:pk>/remove/",
        views.FinalistRemoveView.as_view(),
        name="finalist_remove",
    ),
    path(Y + "cities/<slug:slug>/", views.CityView.as_view(), name="city"),
    path(
        Y + "cities/<slug:slug>/candidature/<int:pk>/withdraw/",
        views.WithdrawView.as_view(),
        name="withdraw",
    ),
    path(
        Y + "cities/<slug:slug>/finalist/<int:pk>/presenter/",
        views.PresenterView.as_view(),
        name="presenter",
    ),
    path(Y + "ballots/open/", views.BallotOpenView.as_view(), name="ballot_open"),
    path(B, views.BallotView.as_view(), name="ballot"),
    path(B + "vote/", views.VoteView.as_view(), name="vote"),
    path(B + "receipt/", views.ReceiptView.as_view(), name="receipt"),
    path(B + "paper/", views.PaperVoteView.as_view(), name="paper_vote"),
    path(B + "close/", views.BallotCloseView.as_view(), name="ballot_close"),
    path(B + "runoff/", views.RunoffView.as_view(), name="runoff"),
    path(B + "decide/", views.TieDecideView.as_view(), name="tie_decide"),
    path(B + "audit/", views.AuditView.as_view(), name="audit"),
]
