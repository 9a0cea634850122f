"""Who may do what. Roles are Django groups with model permissions (created by a migration);
views check permissions, never group names, so an administrator can grant them one by one."""

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import OuterRef, QuerySet, Value
from django.db.models.functions import Concat

ANALYSTS = "Analysts"
EDITORS = "Editors"
SYSTEM_USERNAME = "system"

# The permission that makes a user an analyst (may read the record) or an editor (may review).
READ_PERMISSION = "cases.view_timelineentry"
REVIEW_PERMISSION = "sources.review_proposedentry"


def can_read(user) -> bool:
    return user.is_authenticated and user.has_perm(READ_PERMISSION)


def can_review(user) -> bool:
    return user.is_authenticated and user.has_perm(REVIEW_PERMISSION)


def _requires(check):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Anonymous users are sent to the login page; signed-in users without the role get 403.
analyst_required = _requires(can_read)
editor_required = _requires(can_review)


def _permission_names(**where) -> QuerySet:
    """The "app_label.codename" of the permissions `where` selects."""
    return (
        Permission.objects.filter(**where)
        .annotate(full_name=Concat("content_type__app_label", Value("."), "codename"))
        .values("full_name")
        .order_by()
    )


class PermissionBackend(ModelBackend):
    """Django's ModelBackend, reading a user's own and their groups' permissions in one query
    instead of two, and on PostgreSQL in the same query as the user: every page loads the user
    and checks a role, so this is one or two round trips less on each. (Each set is a simple
    join of its own: one query joining both sets with an OR took PostgreSQL 7 ms to plan.)"""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.filter(pk=user_id)
        if connection.vendor == "postgresql":
            users = users.annotate(
                own_permissions=ArraySubquery(_permission_names(user=OuterRef("pk"))),
                group_permissions=ArraySubquery(_permission_names(group__user=OuterRef("pk"))),
            )
        user = users.first()
        if user is None or not self.user_can_authenticate(user):
            return None
        if hasattr(user, "own_permissions") and not user.is_superuser:
            user._perm_cache = {*user.own_permissions, *user.group_permissions}
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if user_obj.is_superuser or not user_obj.is_active or obj is not None:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            own = _permission_names(user=user_obj)
            of_groups = _permission_names(group__user=user_obj)
            user_obj._perm_cache = set(own.union(of_groups).values_list("full_name", flat=True))
        return user_obj._perm_cache


def system_user():
    """The account that background workers act as, so their changes are never anonymous."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Tracker", "last_name": "worker", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
