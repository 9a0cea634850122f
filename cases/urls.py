from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/<slug:slug>/", views.case_detail, name="case"),
    path("proposals/<slug:slug>/", views.proposal_detail, name="proposal"),
    path("parties/<slug:slug>/", views.party_detail, name="party"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
]
