"""Rendered fragments of a case's pages, cached under the case's version, and of each entry,
cached under the entry's own stamp.

A fragment is cached under a key made of what it shows: the case, the case's version
(CaseSummary.version, which changes with every change to its record), the audience (analysts
never share a fragment with editors, whose fragments hold restricted entries), the day (the
detention clock and its milestones move with it) and the query string. A change never has to
find and delete what it made stale: the next request asks for a new key, and the old ones
expire. Nothing that differs between two users of one audience (a feed token, a CSRF token) is
ever inside a cached fragment.

What changes a case's version:
  - its summary being refreshed or added to (cases.summary: entries, status changes, the case);
  - a citation of one of its entries added, changed or removed, or a cited article edited;
  - a party, proposal or outlet edited: their names are on every page, so every case's version
    changes (rare: the reference data is edited in the admin).

A whole page (a case's page, a page of the dashboard) is cached the same way, under the versions
of the cases it shows, with what differs between two users of one audience (the CSRF token, the
name in the menu, a personal feed token) rendered as markers and filled in per request (`page`):
a cached case page costs a query and a round trip to the cache.

An entry's fragment is cached under its `updated_at`, so a case page whose version has just
changed (one entry approved) renders that entry and takes its other 49 from the cache, and the
party and proposal pages, which list entries across every case, are cached entry by entry.
Saving the entry moves the stamp (a correction, a retraction, the admin); what an entry shows
beside its own fields moves it here, without a save: a citation added or removed, a cited
article or its duplicates changed, a party, case, proposal or outlet that it names edited, a
party or case linked to it from the party's or case's side (`party.entries.add(entry)`). Links
made from the entry's side change with a save of the entry (corrections and the admin), or for
a new entry, which nothing has cached yet: moving its stamp there would cost every approval two
more updates for nothing.
"""

import hashlib
import time
from collections.abc import Callable, Iterable, Mapping

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from .models import (
    CaseSummary,
    Party,
    Proposal,
    ProposalSide,
    ProposalStatusChange,
    TimelineEntry,
)
from .summary import touch

TIMEOUT = 60 * 60  # stale keys are never asked for again; an hour keeps the cache small


def _key(name: str, summary: CaseSummary, parts: Iterable[str]) -> str:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    return f"case:{summary.case_id}:{summary.audience}:{summary.version}:{name}:{digest}"


def fragment(
    name: str,
    summary: CaseSummary | None,
    parts: Iterable[str],
    render: Callable[[], str],
) -> SafeString:
    """The fragment `name` of the summary's case, for its audience, rendered by `render()` when
    it is not cached. `parts` are what else the fragment depends on (the day, the query string).
    Without a summary nothing is cached."""
    return page_fragments(summary, {name: (parts, render)})[name]


def page_fragments(
    summary: CaseSummary | None,
    wanted: dict[str, tuple[Iterable[str], Callable[[], str]]],
) -> dict[str, SafeString]:
    """Several fragments of one case's page, {name: (parts, render)} as for fragment(), read
    in one round trip to the cache and rendered only where missing."""
    if summary is None:
        return {name: mark_safe(render()) for name, (_, render) in wanted.items()}  # noqa: S308
    keys = {name: _key(name, summary, parts) for name, (parts, _) in wanted.items()}
    found = cache.get_many(list(keys.values()))
    fresh = {key: wanted[name][1]() for name, key in keys.items() if key not in found}
    if fresh:
        cache.set_many(fresh, TIMEOUT)
        found.update(fresh)
    # What render() returned: the templates' own escaping.
    return {name: mark_safe(found[key]) for name, key in keys.items()}  # noqa: S308


def fragments(
    name: str,
    summaries: list[CaseSummary],
    parts: Iterable[str],
    render: Callable[[list[CaseSummary]], dict[int, str]],
) -> list[SafeString]:
    """The fragment `name` of each summary's case (a dashboard card), in one round trip to the
    cache; `render(missing)` renders those not cached, as {case id: html}."""
    parts = list(parts)
    keys = [_key(name, summary, parts) for summary in summaries]
    found = cache.get_many(keys)
    missing = [summary for summary, key in zip(summaries, keys, strict=True) if key not in found]
    if missing:
        rendered = render(missing)
        fresh = {_key(name, summary, parts): rendered[summary.case_id] for summary in missing}
        cache.set_many(fresh, TIMEOUT)
        found.update(fresh)
    return [mark_safe(found[key]) for key in keys]  # noqa: S308 - rendered templates


def hole_marker(name: str) -> str:
    """What a cached page holds where the per-request value `name` goes: derived from the secret
    key, so no text on the page (an article's title, say) can spell it."""
    return "hole" + salted_hmac("cases.caching.hole", name).hexdigest()[:24]


def page(
    parts: Iterable[str],
    render: Callable[[Mapping[str, str]], HttpResponse],
    holes: Mapping[str, Callable[[], str]],
) -> HttpResponse:
    """A whole page, cached under everything it shows (`parts`: the versions of the cases on
    it, the audience, the day, the query string, ...). `render(markers)` renders it with each
    hole's marker in place of its value ({name: marker}, for the template's context); `holes`
    give each value per request, escaped here. Only a 200 is kept."""
    key = "page:" + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    html = cache.get(key)
    if html is None:
        response = render({name: hole_marker(name) for name in holes})
        html = response.content.decode(response.charset)
        if response.status_code != 200:
            return _filled(html, holes, response)
        cache.set(key, html, TIMEOUT)
    return _filled(html, holes, HttpResponse())


def _filled(
    html: str, holes: Mapping[str, Callable[[], str]], response: HttpResponse
) -> HttpResponse:
    for name, value in holes.items():
        html = html.replace(hole_marker(name), conditional_escape(value()))
    response.content = html
    return response


def entry_fragments(
    entries: list[TimelineEntry],
    parts: Iterable[str],
    render: Callable[[list[TimelineEntry]], dict[int, str]],
) -> None:
    """Set `entry.html` on each entry: its fragment, cached under the entry's stamp and `parts`
    (what else it depends on: the editors' controls, whether the cases are listed), read in one
    round trip; `render(missing)` renders those not cached, as {entry id: html}."""
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    keys = [f"entry:{entry.pk}:{entry.updated_at.timestamp():.6f}:{digest}" for entry in entries]
    found = cache.get_many(keys)
    missing = {key: entry for entry, key in zip(entries, keys, strict=True) if key not in found}
    if missing:
        rendered = render(list(missing.values()))
        fresh = {key: rendered[entry.pk] for key, entry in missing.items()}
        cache.set_many(fresh, TIMEOUT)
        found.update(fresh)
    for entry, key in zip(entries, keys, strict=True):
        entry.html = mark_safe(found[key])  # noqa: S308 - a rendered template


def entries_changed(entries) -> None:
    """What these entries show changed without a save of theirs (`entries`: ids, or a queryset
    of ids): their stamps move, so their cached fragments are not asked for again. An update,
    so no history row and no signal."""
    TimelineEntry.objects.filter(pk__in=entries).update(updated_at=timezone.now())


# ---------------------------------------------------------------------------------------------
# Changes the summaries do not count, but the pages show


def _entries_citing(article_ids: Iterable[int]) -> list[int]:
    """The entries citing these articles, or articles they duplicate."""
    citation_model = TimelineEntry.citations.rel.related_model
    article_model = citation_model.article.field.related_model
    ids = set(article_ids)
    ids |= set(
        article_model.objects.filter(pk__in=ids, duplicate_of__isnull=False).values_list(
            "duplicate_of", flat=True
        )
    )
    return list(citation_model.objects.filter(article__in=ids).values_list("entry", flat=True))


def article_changed(article_ids: Iterable[int]) -> None:
    """An article's title, outlet or duplicates changed: the entries citing it, and their
    cases, show it."""
    cited = _entries_citing(article_ids)
    if cited:
        entries_changed(cited)
        through = TimelineEntry.cases.through.objects.filter(timelineentry__in=cited)
        touch(through.values_list("case_id", flat=True).distinct())


@receiver(post_save, sender="sources.Citation", dispatch_uid="cache_citation_saved")
@receiver(post_delete, sender="sources.Citation", dispatch_uid="cache_citation_deleted")
def _citation_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        entries_changed([instance.entry_id])
        through = TimelineEntry.cases.through.objects.filter(timelineentry=instance.entry_id)
        touch(through.values_list("case_id", flat=True))


@receiver(post_save, sender="sources.Article", dispatch_uid="cache_article_saved")
def _article_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not raw and not created:
        article_changed([instance.pk])


def _every_case(sender, raw=False, **kwargs) -> None:
    if not raw:
        CaseSummary.objects.update(version=time.time_ns())


for _model in (Party, Proposal, ProposalSide, ProposalStatusChange, "sources.Outlet"):
    _name = _model if isinstance(_model, str) else _model.__name__
    post_save.connect(_every_case, sender=_model, dispatch_uid=f"cache_{_name}_saved")
    post_delete.connect(_every_case, sender=_model, dispatch_uid=f"cache_{_name}_deleted")
m2m_changed.connect(_every_case, sender=Proposal.cases.through, dispatch_uid="cache_proposal_cases")
m2m_changed.connect(
    _every_case, sender=Proposal.mediators.through, dispatch_uid="cache_proposal_mediators"
)


# The names an entry prints: edited (or about to be deleted, while the links still hold), they
# move the stamps of the entries that print them. Rare (the admin), and an update by index.
_NAMED_BY = {
    "cases.Party": lambda party: [
        TimelineEntry.objects.filter(speaker=party).values("pk"),
        TimelineEntry.parties.through.objects.filter(party=party).values("timelineentry"),
    ],
    "cases.Case": lambda case: [
        TimelineEntry.cases.through.objects.filter(case=case).values("timelineentry"),
    ],
    "cases.Proposal": lambda proposal: [
        TimelineEntry.objects.filter(proposal=proposal).values("pk")
    ],
    "sources.Outlet": lambda outlet: [
        TimelineEntry.citations.rel.related_model.objects.filter(
            Q(article__outlet=outlet) | Q(article__duplicates__outlet=outlet)
        ).values("entry")
    ],
}


def _name_changed(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not raw and not created:
        for entries in _NAMED_BY[sender._meta.label](instance):
            entries_changed(entries)


for _label in _NAMED_BY:
    post_save.connect(_name_changed, sender=_label, dispatch_uid=f"entry_names_{_label}_saved")
    pre_delete.connect(_name_changed, sender=_label, dispatch_uid=f"entry_names_{_label}_deleting")


def _linked_from_the_other_side(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse:
        return
    if action in ("post_add", "post_remove") and pk_set:
        entries_changed(pk_set)
    elif action == "pre_clear":
        entries_changed(instance.entries.values("pk"))


for _through in (TimelineEntry.parties.through, TimelineEntry.cases.through):
    m2m_changed.connect(
        _linked_from_the_other_side,
        sender=_through,
        dispatch_uid=f"entry_links_{_through._meta.model_name}",
    )
