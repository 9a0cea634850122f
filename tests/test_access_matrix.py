"""Every URL the project serves, as every role, with GET and POST, against a table of what each
role may do.

The walk starts from the URL resolver, so a URL added anywhere (an app, the admin, a third-party
package) is walked too; one without a row in ACCESS fails the test, naming the row it needs.
Each request runs inside a savepoint that is rolled back, so a POST that approves, deletes or
signs out leaves the same objects for the next request. A 500 is never an expected outcome.

Outcomes: "ok" (2xx), "redirect" (3xx elsewhere than a sign-in page), "login" (3xx to a sign-in
page), or the status code as a string ("403", "404", "405", ...).
"""

import re
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alerts.models import Alert, AlertSettings, Change, Delivery, Follow, Webhook
from api.models import ApiToken
from cases.models import Case, CaseStatusChange, Party, Proposal, ProposalStatusChange
from sources import review
from sources.models import Citation, Feed, Outlet
from tests.factories import make_article, make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "analyst", "editor", "staff")
METHODS = ("GET", "POST")
SIGN_IN_PAGES = ("/accounts/login/", "/admin/login/")


@dataclass(frozen=True)
class Expect:
    """The outcome of GET and of POST for each role; a tuple allows any of its outcomes."""

    anonymous: tuple
    outsider: tuple
    analyst: tuple
    editor: tuple
    staff: tuple

    def allowed(self, role: str, method: str) -> tuple:
        get, post = getattr(self, role)
        found = get if method == "GET" else post
        return found if isinstance(found, tuple) else (found,)


def same(get, post) -> Expect:
    """The same outcome for every role."""
    return Expect(*[(get, post)] * len(ROLES))


# Analysts' pages: sign in first, then a role that may read the record. They only read, so a
# POST is refused.
READ = Expect(
    anonymous=("login", "login"),
    outsider=("403", "403"),
    analyst=("ok", "405"),
    editor=("ok", "405"),
    staff=("ok", "405"),
)
# The Atom feed refuses a POST before asking who is there (a feed reader signs in by token).
FEED = Expect(
    anonymous=("login", "405"),
    outsider=("403", "405"),
    analyst=("ok", "405"),
    editor=("ok", "405"),
    staff=("ok", "405"),
)
# Editors' pages and actions.
REVIEW_PAGE = Expect(
    anonymous=("login", "login"),
    outsider=("403", "403"),
    analyst=("403", "403"),
    editor=("ok", "405"),
    staff=("ok", "405"),
)
REVIEW_FORM = Expect(  # GET shows the form; an empty POST is refused with the form's errors
    anonymous=("login", "login"),
    outsider=("403", "403"),
    analyst=("403", "403"),
    editor=("ok", "ok"),
    staff=("ok", "ok"),
)
REVIEW_ACTION = Expect(  # POST only; the action is done and the editor sent back to the queue
    anonymous=("login", "login"),
    outsider=("403", "403"),
    analyst=("403", "403"),
    editor=("405", "redirect"),
    staff=("405", "redirect"),
)
# The API's reads (api/views.py): JSON, never a redirect to sign in. Without a token or session
# a 401 asking for a Bearer token; a POST to a read is refused only once the reader is known.
API_READ = Expect(
    anonymous=("401", "401"),
    outsider=("403", "403"),
    analyst=("ok", "405"),
    editor=("ok", "405"),
    staff=("ok", "405"),
)
API_REVIEW = Expect(  # articles and proposed entries: editors only
    anonymous=("401", "401"),
    outsider=("403", "403"),
    analyst=("403", "403"),
    editor=("ok", "405"),
    staff=("ok", "405"),
)
# Pages for anyone signed in, whatever their role.
SIGNED_IN = Expect(
    anonymous=("login", "login"),
    outsider=("ok", "ok"),
    analyst=("ok", "ok"),
    editor=("ok", "ok"),
    staff=("ok", "ok"),
)


def admin(get: str, post: str) -> Expect:
    """An admin page: staff get (get, post); everyone else is sent to the admin's sign-in."""
    refused = ("login", "login")
    return Expect(refused, refused, refused, refused, staff=(get, post))


# The API answers who may not in JSON: 401 to the anonymous, 403 to a signed-in user without
# the role (anonymous, outsider, analyst, for the editors' endpoints).
API_REFUSED = [("401", "401"), ("403", "403"), ("403", "403")]

ACCESS: dict[str, Expect] = {
    # For load balancers and monitoring: open to all, 503 when a dependency is down.
    "healthz": same(("ok", "503"), "405"),
    "favicon": same("redirect", "405"),
    # Signing in and out, and passwords (django.contrib.auth's views). An empty POST to a form
    # shows the form's errors.
    "login": same("ok", "ok"),
    "logout": same("405", "login"),  # signing out is a POST; it leads back to the sign-in page
    "password_change": SIGNED_IN,
    "password_change_done": Expect(*[("login", "login")] + [("ok", "405")] * 4),
    "password_reset": same("ok", "ok"),
    # Without a mail server (as here) both answer any method with a page saying whom to ask.
    "password_reset_done": same("ok", "ok"),
    # The link's token is spent (signing in changes it): the page says the link is invalid.
    "password_reset_confirm": same("ok", "ok"),
    "password_reset_complete": same("ok", "405"),
    # The analysts' pages.
    "cases:dashboard": READ,
    "cases:search": READ,
    "cases:case": READ,
    "cases:case_csv": READ,
    "cases:case_json": READ,
    "cases:case_ics": READ,
    "cases:case_timelinejs": READ,
    "cases:case_feed": FEED,
    "cases:proposal": READ,
    "cases:party": READ,
    "cases:entry": READ,
    # The editors' pages.
    "sources:review": REVIEW_PAGE,
    "sources:proposed": REVIEW_PAGE,
    "sources:articles": REVIEW_PAGE,
    "sources:article": REVIEW_PAGE,
    "sources:submit": REVIEW_FORM,
    "sources:edit": REVIEW_FORM,
    "sources:reject": REVIEW_FORM,
    "sources:merge": REVIEW_FORM,
    "sources:approve": REVIEW_ACTION,
    "sources:undo": REVIEW_ACTION,
    "sources:bulk": REVIEW_ACTION,
    "sources:quality": REVIEW_PAGE,
    "sources:pending_counts": REVIEW_PAGE,
    # Adding a missed development: the form needs the words chosen (a GET without them is a
    # 400); the POST answers an empty form with its errors (400) and a GET with 405.
    "sources:add_entry_form": Expect(
        anonymous=("login", "login"),
        outsider=("403", "403"),
        analyst=("403", "403"),
        editor=("400", "405"),
        staff=("400", "405"),
    ),
    "sources:add_entry": Expect(
        anonymous=("login", "login"),
        outsider=("403", "403"),
        analyst=("403", "403"),
        editor=("405", "400"),
        staff=("405", "400"),
    ),
    # Correcting and retracting an entry on the record.
    "cases:entry_correct": REVIEW_FORM,
    "cases:entry_retract": REVIEW_FORM,
    # Following and alerts: readers' own (POSTs redirect back; an empty form is a 400; someone
    # else's webhook is a 404).
    "alerts:account": READ,
    "alerts:email": Expect(*[("login", "login"), ("403", "403")] + [("405", "400")] * 3),
    "alerts:webhook_add": Expect(*[("login", "login"), ("403", "403")] + [("405", "400")] * 3),
    "alerts:webhook_delete": Expect(
        *[("login", "login"), ("403", "403"), ("405", "redirect")] + [("405", "404")] * 2
    ),
    "alerts:webhook_enable": Expect(
        *[("login", "login"), ("403", "403"), ("405", "redirect")] + [("405", "404")] * 2
    ),
    "alerts:follow": Expect(*[("login", "login"), ("403", "403")] + [("405", "redirect")] * 3),
    "alerts:unfollow": Expect(*[("login", "login"), ("403", "403")] + [("405", "redirect")] * 3),
    # Each reader's API tokens (an empty form is a 400; someone else's token is a 404).
    "account:tokens": Expect(*[("login", "login"), ("403", "403")] + [("ok", "400")] * 3),
    "account:revoke": Expect(
        *[("login", "login"), ("403", "403"), ("405", "redirect")] + [("405", "404")] * 2
    ),
    # The API's writes, for editors: 401 without a token or session; an empty POST is a 400
    # saying what is missing; approving needs nothing more.
    "api:submit": Expect(*API_REFUSED, editor=("405", "400"), staff=("405", "400")),
    "api:edit": Expect(*API_REFUSED, editor=("405", "400"), staff=("405", "400")),
    "api:reject": Expect(*API_REFUSED, editor=("405", "400"), staff=("405", "400")),
    "api:approve": Expect(*API_REFUSED, editor=("405", "ok"), staff=("405", "ok")),
    # The API's reads; its schema and documentation page, open to all.
    **dict.fromkeys(("api:cases", "api:case", "api:entries", "api:entry"), API_READ),
    **dict.fromkeys(("api:proposals", "api:proposal", "api:parties", "api:party"), API_READ),
    **dict.fromkeys(("api:articles", "api:article", "api:pending", "api:proposed"), API_REVIEW),
    "api:schema": same("ok", "405"),
    "api:docs": same("ok", "405"),
    # The admin site's own pages.
    "admin:index": admin("ok", "ok"),
    "admin:login": Expect(*[("ok", "ok")] * 4, staff=("redirect", "ok")),
    # Non-staff are sent to the admin's index (and from there to sign in); staff sign out by POST.
    "admin:logout": Expect(*[("redirect", "redirect")] * 4, staff=("405", "login")),
    "admin:password_change": admin("ok", "ok"),
    "admin:password_change_done": admin("ok", "405"),
    "admin:autocomplete": admin("403", "405"),  # 403: no field named to complete
    "admin:jsi18n": admin("ok", "405"),
    "admin:view_on_site": admin("redirect", "redirect"),
    "admin:app_list": admin("ok", "ok"),
    "admin:auth_user_password_change": admin("ok", "ok"),
    # Anything else under /admin/: the admin's catch-all.
    "admin/(?P<url>.*)$": admin("404", "404"),
}

# The models in the admin, each with the admin's usual pages; a model added to the admin has no
# rows until it is listed here. An empty POST: the add and change forms show their errors,
# delete asks to confirm.
EDITABLE = {
    page: admin("ok", "ok") for page in ("changelist", "add", "history", "delete", "change")
}
# With django-simple-history's page for one past version.
WITH_HISTORY = EDITABLE | {"simple_history": admin("ok", "ok")}
# django-axes's records of sign-in attempts: read and deleted (which unlocks), never written.
READ_ONLY = EDITABLE | {"add": admin("403", "403"), "change": admin("ok", "redirect")}
# Records of what happened (webhook deliveries, alerts told): read and deleted, never written.
RECORD = EDITABLE | {"add": admin("403", "403"), "change": admin("ok", "403")}
ADMIN_MODELS = {
    "auth.group": EDITABLE,
    "auth.user": EDITABLE,
    "cases.party": WITH_HISTORY,
    "cases.case": WITH_HISTORY,
    "cases.casestatuschange": WITH_HISTORY,
    "cases.proposal": WITH_HISTORY,
    "cases.proposalstatuschange": WITH_HISTORY,
    # With django-import-export's import: the upload form and its preview (an empty POST shows
    # the form's errors), and the confirmed import (POST only; an empty one shows the form).
    "cases.timelineentry": WITH_HISTORY
    | {"import": admin("ok", "ok"), "process_import": admin("405", "ok")},
    "sources.outlet": EDITABLE,
    "sources.feed": EDITABLE,
    "sources.article": EDITABLE,
    "sources.proposedentry": EDITABLE,
    "sources.citation": EDITABLE,
    "alerts.follow": EDITABLE,
    "alerts.alertsettings": EDITABLE,
    # Made by their owners, who alone see the secret; the admin turns one off or on.
    "alerts.webhook": EDITABLE | {"add": admin("403", "403")},
    "alerts.delivery": RECORD,
    "alerts.alert": RECORD,
    "axes.accessattempt": READ_ONLY,
    "axes.accesslog": READ_ONLY,
    "axes.accessfailurelog": READ_ONLY,
}
for _label, _pages in ADMIN_MODELS.items():
    _app, _model = _label.split(".")
    for _page, _expect in _pages.items():
        ACCESS[f"admin:{_app}_{_model}_{_page}"] = _expect
    # The bare object URL redirects to its change page.
    ACCESS[f"admin/{_app}/{_model}/<path:object_id>/"] = admin("redirect", "redirect")


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, key) for every URL pattern, recursively: key is the namespaced name, or the full
    route for a pattern without a name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name or route


def fill(route: str, values: dict[str, str], positional: list[str]) -> str:
    """The URL of a route with its parameters filled in: <converter:name>, (?P<name>...) and,
    in order, plain (...) groups."""
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m[1]], route)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], url)
    remaining = iter(positional)
    url = re.sub(r"\([^)]*\)", lambda m: next(remaining), url)
    return "/" + url.replace("^", "").replace("$", "")


def outcome(response) -> str:
    if 200 <= response.status_code < 300:
        return "ok"
    if response.status_code in (301, 302, 303, 307, 308):
        return "login" if response["Location"].startswith(SIGN_IN_PAGES) else "redirect"
    return str(response.status_code)


@pytest.fixture
def people(django_user_model, analyst, editor, outsider, superuser):
    return {
        "anonymous": None,
        "outsider": outsider,
        "analyst": analyst,
        "editor": editor,
        "staff": superuser,
    }


@pytest.fixture
def objects(world, people):
    """A real object for every URL parameter, by model ("app.model") and by name."""
    outlet = Outlet.objects.create(slug="access-outlet", name="Access outlet", domain="a.example")
    feed = Feed.objects.create(outlet=outlet, url="https://a.example/feed.xml")
    # A headline as long as real ones (the seed article's), which the review actions copy.
    article = make_article(outlet=outlet)
    pending = make_proposed_entry(article)
    approved = make_proposed_entry(make_article(title="Short headline"))
    review.approve(approved.pk, by=people["editor"])
    entry = make_entry(article=article)
    case = Case.objects.get(slug="griner")
    proposal = Proposal.objects.get(slug="bout-swap")
    party = Party.objects.get(slug="price")
    by_model = {
        "auth.group": Group.objects.get(name="Analysts"),
        "auth.user": people["analyst"],
        "cases.party": party,
        "cases.case": case,
        "cases.casestatuschange": CaseStatusChange.objects.first(),
        "cases.proposal": proposal,
        "cases.proposalstatuschange": ProposalStatusChange.objects.first(),
        "cases.timelineentry": entry,
        "sources.outlet": outlet,
        "sources.feed": feed,
        "sources.article": article,
        "sources.proposedentry": pending,
        "sources.citation": Citation.objects.get(entry=entry),
    }
    webhook = Webhook.objects.create(user=people["analyst"], url="https://hooks.example/admin")
    by_model |= {
        "alerts.follow": Follow.objects.create(user=people["analyst"], case=case),
        "alerts.alertsettings": AlertSettings.objects.create(user=people["analyst"]),
        "alerts.webhook": webhook,
        "alerts.delivery": Delivery.objects.create(
            webhook=webhook, event=Change.APPROVED, status_code=200, attempt=1, duration_ms=12
        ),
        "alerts.alert": Alert.objects.create(
            user=people["analyst"], change=Change.APPROVED, entry=entry
        ),
    }
    attempt = {"user_agent": "test", "ip_address": "192.0.2.1", "username": "editor"}
    attempt |= {"http_accept": "*/*", "path_info": "/accounts/login/"}
    by_model |= {
        "axes.accessattempt": AccessAttempt.objects.create(
            **attempt, get_data="", post_data="", failures_since_start=1
        ),
        "axes.accesslog": AccessLog.objects.create(**attempt),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**attempt),
    }
    assert all(by_model.values()), "the seed world should hold status changes"
    analyst = people["analyst"]
    by_name = {
        "cases:case": {"slug": case.slug},
        "cases:proposal": {"slug": proposal.slug},
        "cases:party": {"slug": party.slug},
        "cases:entry": {"pk": str(entry.pk)},
        "sources:undo": {"pk": str(approved.pk)},
        "sources:article": {"pk": str(article.pk)},
        "sources:add_entry_form": {"pk": str(article.pk)},
        "sources:add_entry": {"pk": str(article.pk)},
        "cases:entry_correct": {"pk": str(entry.pk)},
        "cases:entry_retract": {"pk": str(entry.pk)},
        "password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(analyst.pk)),
            "token": default_token_generator.make_token(analyst),
        },
        "admin:view_on_site": {
            "content_type_id": str(ContentType.objects.get_for_model(Case).pk),
            "object_id": str(case.pk),
        },
        "admin:app_list": {"app_label": "cases"},
        "admin:auth_user_password_change": {"id": str(analyst.pk)},
        "admin/(?P<url>.*)$": {"url": "no-such-page/"},
        "account:revoke": {"pk": str(ApiToken.issue(analyst, "access")[0].pk)},
        "alerts:follow": {"kind": "case", "slug": case.slug},
        "alerts:unfollow": {"kind": "case", "slug": case.slug},
        "alerts:webhook_delete": {
            "pk": str(Webhook.objects.create(user=analyst, url="https://hooks.example/").pk)
        },
        "alerts:webhook_enable": {
            "pk": str(Webhook.objects.create(user=analyst, url="https://hooks.example/").pk)
        },
    }
    by_name |= {
        "api:case": {"slug": case.slug},
        "api:entry": {"pk": str(entry.pk)},
        "api:proposal": {"slug": proposal.slug},
        "api:party": {"slug": party.slug},
        "api:article": {"pk": str(article.pk)},
        "api:proposed": {"pk": str(pending.pk)},
    }
    for name in ("case_csv", "case_json", "case_ics", "case_timelinejs", "case_feed"):
        by_name[f"cases:{name}"] = {"slug": case.slug}
    for name in ("proposed", "approve", "edit", "reject", "merge"):
        by_name[f"sources:{name}"] = {"pk": str(pending.pk)}
    for name in ("approve", "edit", "reject"):
        by_name[f"api:{name}"] = {"pk": str(pending.pk)}
    return by_model, by_name


def url_for(route: str, key: str, objects) -> str:
    by_model, by_name = objects
    admin_model = re.match(r"admin/(\w+)/(\w+)/", route)
    if key in by_name:
        return fill(route, by_name[key], [])
    if admin_model and ".".join(admin_model.groups()) in by_model:
        obj = by_model[".".join(admin_model.groups())]
        positional = [str(obj.pk)]
        if key.endswith("_simple_history"):
            positional.append(str(obj.history.first().history_id))
        return fill(route, {"object_id": str(obj.pk)}, positional)
    return fill(route, {}, [])


def test_every_url_gives_each_role_what_the_table_says(people, objects, throttle_counts):
    patterns = list(url_patterns())
    missing = sorted({key for _, key in patterns if key not in ACCESS})
    assert not missing, "Add a row to ACCESS for each of these URL patterns: " + ", ".join(missing)
    stale = sorted(set(ACCESS) - {key for _, key in patterns})
    assert not stale, "ACCESS has rows for URL patterns that no longer exist: " + ", ".join(stale)

    wrong = []
    clients = {}
    for role, user in people.items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)
    seen = set()
    for route, key in patterns:
        url = url_for(route, key, objects)
        if url in seen:  # a pattern shadowed by an earlier one (the login view is listed twice)
            continue
        seen.add(url)
        resolved = resolve(url).route.replace("^", "")
        assert resolved == route.replace("^", "") or key == "login", f"{url} is not {route}"
        for role, client in clients.items():
            for method in METHODS:
                with transaction.atomic():
                    try:
                        response = client.generic(method, url)
                        got = outcome(response)
                    except Exception as error:  # a 500: the test client re-raises it
                        got = f"500 ({error.__class__.__name__}: {error})"
                    transaction.set_rollback(True)
                if got not in ACCESS[key].allowed(role, method):
                    wrong.append(
                        f"{method} {url} as {role}: {got}, expected "
                        f"{' or '.join(ACCESS[key].allowed(role, method))} (row {key!r})"
                    )
                # A POST may have signed the client out; sign it in again for the next request.
                if method == "POST" and people[role] is not None:
                    client.force_login(people[role])
    assert not wrong, f"{len(wrong)} outcomes differ from the table:\n" + "\n".join(wrong)


class Missing(dict):
    """Every URL parameter names an object that does not exist (or cannot: beyond a bigint)."""

    def __missing__(self, name: str) -> str:
        return "99999999999999999999" if name in ("pk", "id", "object_id") else "no-such-thing"


def test_no_url_fails_on_an_object_that_does_not_exist(superuser, world, throttle_counts):
    """As staff, who passes every gate: a missing object is a 404 or a redirect, never a 500."""
    client = Client()
    failures = []
    for route, key in url_patterns():
        if "<" not in route and "(" not in route:
            continue
        values = Missing(app_label="cases", content_type_id="99999999999999999999")
        url = fill(route, values, ["99999999999999999999"] * 2)
        for method in METHODS:
            client.force_login(superuser)
            with transaction.atomic():
                try:
                    status = client.generic(method, url).status_code
                except Exception as error:  # a 500: the test client re-raises it
                    status = f"500 ({error.__class__.__name__}: {error})"
                transaction.set_rollback(True)
            if str(status).startswith("5"):
                failures.append(f"{method} {url}: {status} (row {key!r})")
    assert not failures, "\n".join(failures)


def test_the_health_check_tells_no_secrets(client, settings):
    response = client.get(reverse("healthz"))
    assert response.status_code in (200, 503)
    body = response.content.decode()
    database = settings.DATABASES["default"]
    secrets = [settings.SECRET_KEY, database["NAME"], database["USER"], database["HOST"]]
    secrets += [settings.REDIS_URL] if settings.REDIS_URL else []
    assert not [secret for secret in secrets if secret and str(secret) in body], body


def test_a_post_without_the_csrf_token_is_refused(editor, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    proposed = make_proposed_entry()
    for url in (
        reverse("sources:approve", args=[proposed.pk]),
        reverse("sources:bulk"),
        reverse("sources:submit"),
        reverse("login"),
        reverse("admin:login"),
    ):
        assert client.post(url).status_code == 403, url
    proposed.refresh_from_db()
    assert proposed.status == "pending"
