from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("review/", views.review_queue, name="review"),
    path("sources/articles/", views.article_list, name="articles"),
    path("sources/articles/<int:pk>/", views.article_detail, name="article"),
]
