"""The project's URLs and /bench/bare/: a view that does nothing but answer, through the same
middleware as every page."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
