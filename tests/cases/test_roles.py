import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import EntryKind, TimelineEntry
from cases.roles import PermissionBackend, system_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return TimelineEntry.objects.create(
        occurred_on=datetime.date(2022, 7, 28),
        reported_on=datetime.date(2022, 7, 28),
        kind=EntryKind.STATEMENT,
        summary="Price says the deal was conveyed to Russia.",
    )


def test_an_analyst_may_read_but_not_change_an_entry(analyst):
    assert analyst.has_perm("cases.view_timelineentry")
    assert not analyst.has_perm("cases.change_timelineentry")
    assert not analyst.has_perm("sources.review_proposedentry")
    assert not analyst.has_perm("cases.view_restricted_entry")


def test_an_editor_may_change_an_entry_and_review_proposals(editor):
    assert editor.has_perm("cases.change_timelineentry")
    assert editor.has_perm("sources.review_proposedentry")
    assert editor.has_perm("cases.view_restricted_entry")


def test_an_analyst_is_refused_the_review_queue(analyst_client):
    assert analyst_client.get(reverse("sources:review")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("cases:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_in_no_role_is_refused_the_record(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("cases:dashboard")).status_code == 403


def test_an_analyst_is_refused_the_admin(analyst_client, entry):
    response = analyst_client.get(reverse("admin:cases_timelineentry_change", args=[entry.pk]))
    assert response.status_code == 302  # not staff: sent to the admin's sign-in


def test_the_system_user_cannot_sign_in_and_is_created_once():
    worker = system_user()
    assert system_user() == worker
    assert not worker.has_usable_password()
    assert not worker.is_active


def test_permissions_come_from_the_user_and_the_groups_in_one_query(
    django_assert_num_queries, outsider
):
    from django.contrib.auth.models import Group, Permission

    own = Permission.objects.get(codename="view_timelineentry")
    of_group = Permission.objects.get(codename="review_proposedentry")
    group = Group.objects.create(name="Reviewers of one kind")
    group.permissions.add(of_group)
    outsider.user_permissions.add(own)
    outsider.groups.add(group)
    with django_assert_num_queries(1):
        assert outsider.has_perm("cases.view_timelineentry")
        assert outsider.has_perm("sources.review_proposedentry")
        assert not outsider.has_perm("cases.change_timelineentry")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one query needs PostgreSQL")
def test_a_signed_in_request_loads_the_user_with_their_permissions_in_one_query(
    django_assert_num_queries, outsider
):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Reviewers of one kind")
    group.permissions.add(Permission.objects.get(codename="review_proposedentry"))
    outsider.user_permissions.add(Permission.objects.get(codename="view_timelineentry"))
    outsider.groups.add(group)
    backend = PermissionBackend()
    with django_assert_num_queries(1):
        user = backend.get_user(outsider.pk)
        assert user.has_perm("cases.view_timelineentry")
        assert user.has_perm("sources.review_proposedentry")
        assert not user.has_perm("cases.change_timelineentry")
    # Taken away, a permission is gone on the next request: nothing outlives the request.
    outsider.groups.remove(group)
    assert not backend.get_user(outsider.pk).has_perm("sources.review_proposedentry")


def test_an_inactive_user_is_not_loaded_for_a_request(editor):
    editor.is_active = False
    editor.save()
    assert PermissionBackend().get_user(editor.pk) is None


def test_an_inactive_user_has_no_permission(editor):
    editor.is_active = False
    editor.save()
    assert not editor.has_perm("sources.review_proposedentry")


# The signed-in user is kept in the cache between requests (cases.roles.cached_user); a change
# to their account, groups or permissions is seen on their next request.


def test_a_permission_taken_away_is_gone_on_the_next_request(analyst_client, analyst):
    from conftest import role

    url = reverse("cases:dashboard")
    assert analyst_client.get(url).status_code == 200
    analyst.groups.remove(role("Analysts"))
    assert analyst_client.get(url).status_code == 403


def test_a_role_taken_from_the_group_is_gone_on_the_next_request(analyst_client):
    from django.contrib.auth.models import Permission

    from conftest import role

    url = reverse("cases:dashboard")
    assert analyst_client.get(url).status_code == 200
    role("Analysts").permissions.remove(Permission.objects.get(codename="view_timelineentry"))
    assert analyst_client.get(url).status_code == 403


def test_a_deactivated_user_is_signed_out_on_the_next_request(analyst_client, analyst):
    url = reverse("cases:dashboard")
    assert analyst_client.get(url).status_code == 200
    analyst.is_active = False
    analyst.save()
    assert analyst_client.get(url).status_code == 302


def test_a_new_password_signs_out_the_other_sessions(analyst_client, analyst):
    url = reverse("cases:dashboard")
    assert analyst_client.get(url).status_code == 200
    analyst.set_password("a-new-long-password-2")
    analyst.save()
    assert analyst_client.get(url).status_code == 302


def test_a_kept_user_is_read_from_the_cache_not_the_database(analyst_client, analyst):
    from django.test import RequestFactory

    from cases.roles import cached_user

    request = RequestFactory().get("/")
    request.session = analyst_client.session
    with CaptureQueriesContext(connection) as captured:
        user = cached_user(request)
    assert user == analyst and user.has_perm("cases.view_timelineentry")
    assert len(captured) == 0


def test_another_user_signing_in_leaves_the_kept_users_kept(editor, analyst_client, analyst):
    """Signing in stamps `last_login` alone, which no page reads: other users stay kept."""
    from django.test import Client, RequestFactory

    from cases.roles import cached_user

    Client().force_login(editor)
    request = RequestFactory().get("/")
    request.session = analyst_client.session
    with CaptureQueriesContext(connection) as captured:
        assert cached_user(request) == analyst
    assert len(captured) == 0
