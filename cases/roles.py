"""Who may do what. Roles are Django groups with model permissions (created by a migration);
views check permissions, never group names, so an administrator can grant them one by one."""

import time
from functools import wraps

from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import OuterRef, QuerySet, Value
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_delete, post_save

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


# ---------------------------------------------------------------------------------------------
# The signed-in user, kept in the cache between requests
#
# Every page reads the user and their permissions: a query whose planning alone took PostgreSQL
# a millisecond, on pages whose cached body costs about as much. The user (with the permissions
# read with it) is kept in the cache under the session's own auth hash, which is unique to the
# user row and its password: another database reusing the id, or a changed password, never finds
# it. Any change to users, groups or permissions made through the ORM's save, delete or m2m
# methods (the admin, the commands) moves one generation stamp, and a user kept under an older
# stamp is read again. A bulk `update()` of users sends no signal: it is seen within TIMEOUT.

USER_TIMEOUT = 5 * 60
GENERATION_KEY = "auth:generation"


def _user_key(request) -> str | None:
    user_id = request.session.get(auth.SESSION_KEY)
    session_hash = request.session.get(auth.HASH_SESSION_KEY)
    return f"auth:user:{user_id}:{session_hash}" if user_id and session_hash else None


def cached_user(request):
    """The request's user as `django.contrib.auth.get_user` reads it, from the cache when the
    generation it was kept under is still current."""
    key = _user_key(request)
    if key is None:
        return auth.get_user(request)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)  # None only when the cache is unreachable
    elif key in found and found[key][0] == generation:
        return found[key][1]
    # The generation is read before the user: a change landing in between moves it, so what
    # is kept here is read again next time, never kept as current.
    user = auth.get_user(request)
    if generation is not None and user.is_authenticated:
        user.get_all_permissions()  # kept with the user (read with it already on PostgreSQL)
        cache.set(key, (generation, user), USER_TIMEOUT)
    return user


# Saves that change nothing a page reads from the user: signing in stamps `last_login` alone,
# and letting it move the generation would make every sign-in read every other user again.
UNSEEN_FIELDS = frozenset({"last_login"})


def users_changed(sender=None, raw=False, created=False, update_fields=None, **kwargs) -> None:
    """Users, groups or permissions changed: every kept user is read again. A new user, group
    or permission changes no one kept (it is in no one's groups yet)."""
    if raw or created or (update_fields and update_fields <= UNSEEN_FIELDS):
        return
    cache.set(GENERATION_KEY, time.time_ns(), None)


_User = get_user_model()
for _sender in (_User, Group, Permission):
    post_save.connect(users_changed, sender=_sender, dispatch_uid=f"users_changed_{_sender}")
    post_delete.connect(users_changed, sender=_sender, dispatch_uid=f"users_deleted_{_sender}")
for _through in (_User.groups.through, _User.user_permissions.through, Group.permissions.through):
    m2m_changed.connect(users_changed, sender=_through, dispatch_uid=f"users_m2m_{_through}")


def system_user():
    """The account that background workers act as, so their changes are never anonymous."""
    user, _ = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "first_name": "Tracker",
            "last_name": "worker",
            "is_active": False,
            "password": make_password(None),  # unusable: no one signs in as the worker
        },
    )
    return user
