"""The API's roles: the same permission checks as the pages (cases.roles), asked on every
request, so a user who loses a role loses it through their tokens at once."""

from rest_framework.permissions import BasePermission

from cases.roles import can_read, can_review


class CanRead(BasePermission):
    """Analysts and editors: the record."""

    message = "Reading the record needs the analyst or editor role."

    def has_permission(self, request, view) -> bool:
        return can_read(request.user)


class CanReview(BasePermission):
    """Editors: articles, proposals and their review."""

    message = "This needs the editor role."

    def has_permission(self, request, view) -> bool:
        return can_review(request.user)
