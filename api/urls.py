"""The REST API, version 1."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import actions, views

app_name = "api"
urlpatterns = [
    path("cases/", views.CaseList.as_view(), name="cases"),
    path("cases/<slug:slug>/", views.CaseDetail.as_view(), name="case"),
    path("entries/", views.EntryList.as_view(), name="entries"),
    path("entries/<int:pk>/", views.EntryDetail.as_view(), name="entry"),
    path("proposals/", views.ProposalList.as_view(), name="proposals"),
    path("proposals/<slug:slug>/", views.ProposalDetail.as_view(), name="proposal"),
    path("parties/", views.PartyList.as_view(), name="parties"),
    path("parties/<slug:slug>/", views.PartyDetail.as_view(), name="party"),
    path("articles/", views.ArticleList.as_view(), name="articles"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article"),
    path("proposed-entries/", views.PendingList.as_view(), name="pending"),
    path("proposed-entries/<int:pk>/", views.ProposedEntryDetail.as_view(), name="proposed"),
    # Editors' writes (api/actions.py): the pages' action layer, answering in JSON.
    path("articles/submit/", actions.submit, name="submit"),
    path("proposed-entries/<int:pk>/approve/", actions.approve, name="approve"),
    path("proposed-entries/<int:pk>/edit/", actions.edit_approve, name="edit"),
    path("proposed-entries/<int:pk>/reject/", actions.reject, name="reject"),
    # The schema and its documentation page are open to all: they describe the API, not the
    # record, and a client needs the schema before it has a token.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.Docs.as_view(url_name="api:schema"), name="docs"),
]
