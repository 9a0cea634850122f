"""Middleware of the project's own."""

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.exceptions import SuspiciousOperation
from django.utils.functional import SimpleLazyObject

from cases.roles import cached_user


class NulInQueryString(SuspiciousOperation):
    """A NUL character in the query string: no page asks for one, and PostgreSQL cannot hold it."""


def refuse_nul_in_query_string(get_response):
    """Answer 400 (the 400 page) to a URL whose query string carries a NUL character, before any
    view can hand it to the database: a search, a filter, an admin list's lookups. Posted forms
    refuse NUL themselves, with a message on the field (Django's CharField does)."""

    def middleware(request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise NulInQueryString("The address contains a NUL character.")
        return get_response(request)

    return middleware


class CachedUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with the user read through the cache (cases.roles)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: cached_user(request))
