"""The error pages the project renders itself, in the site's layout."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, or 413 when the body was too big to read (a paste far over the article limit).
    What went wrong is said in general terms only: the exception's text is not shown."""
    too_big = isinstance(exception, RequestDataTooBig)
    context = {"too_big": too_big, "article_max_chars": f"{settings.ARTICLE_MAX_CHARS:,}"}
    return render(request, "400.html", context, status=413 if too_big else 400)
