from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("cases/<slug:slug>/", views.case_detail, name="case"),
    path("cases/<slug:slug>/entries.csv", views.case_export, {"fmt": "csv"}, name="case_csv"),
    path("cases/<slug:slug>/entries.json", views.case_export, {"fmt": "json"}, name="case_json"),
    path("cases/<slug:slug>/entries.ics", views.case_export, {"fmt": "ics"}, name="case_ics"),
    path(
        "cases/<slug:slug>/timelinejs.json",
        views.case_export,
        {"fmt": "timelinejs"},
        name="case_timelinejs",
    ),
    path("cases/<slug:slug>/feed.atom", views.case_feed, name="case_feed"),
    path("proposals/<slug:slug>/", views.proposal_detail, name="proposal"),
    path("parties/<slug:slug>/", views.party_detail, name="party"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/correct/", views.entry_correct, name="entry_correct"),
    path("entries/<int:pk>/retract/", views.entry_retract, name="entry_retract"),
]
