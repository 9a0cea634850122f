from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("review/", views.review_queue, name="review"),
    path("review/bulk/", views.bulk, name="bulk"),
    path("review/quality/", views.review_quality, name="quality"),
    path("review/counts/", views.pending_counts, name="pending_counts"),
    path("review/<int:pk>/", views.proposed_detail, name="proposed"),
    path("review/<int:pk>/approve/", views.approve, name="approve"),
    path("review/<int:pk>/edit/", views.edit, name="edit"),
    path("review/<int:pk>/reject/", views.reject, name="reject"),
    path("review/<int:pk>/merge/", views.merge, name="merge"),
    path("review/<int:pk>/undo/", views.undo, name="undo"),
    path("sources/submit/", views.submit, name="submit"),
    path("sources/articles/", views.article_list, name="articles"),
    path("sources/articles/<int:pk>/", views.article_detail, name="article"),
    path("sources/articles/<int:pk>/entries/", views.add_entry, name="add_entry"),
    path("sources/articles/<int:pk>/entries/new", views.add_entry_form, name="add_entry_form"),
]
