"""The world file (seeds/world.json, and the evaluation gazetteers): cases, parties and proposals
with their aliases and facts, and each status change with the address of its source. Loading it
is idempotent: it updates rows by slug and adds only the status changes that are missing, so
running it twice changes nothing. Every row it writes has a history record saying who loaded it
and from where (the system user, unless told otherwise)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Case, CaseStatusChange, Party, Proposal, ProposalSide, ProposalStatusChange
from .roles import system_user

DEFAULT_REASON = "Loaded from the world file"


def _checked(obj):
    """The row, once its fields are valid (lengths, choices, dates): a world file is edited by
    hand, and a name too long for its column should be an error naming it, not a DataError from
    PostgreSQL. Relations are left to the database, which checks them without a query each."""
    relations = [field.name for field in obj._meta.fields if field.is_relation]
    try:
        obj.clean_fields(exclude=relations)
    except ValidationError as error:
        what = getattr(obj, "slug", "") or str(obj)
        raise ValidationError(f"{obj._meta.verbose_name} {what!r}: {error.messages}") from error
    return obj


def _attributed(obj, by, reason: str):
    """`obj` with the author and reason its next history record is written with (simple-history
    reads both from the instance when it saves, and when its many-to-many fields are set)."""
    obj._history_user = by
    obj._change_reason = reason
    return obj


def _upsert(model, lookup: dict, values: dict, *, by, reason: str):
    """update_or_create that saves only when a value differs, so an unchanged row gets no new
    history record."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = _checked(_attributed(model(**lookup, **values), by, reason))
        obj.save(force_insert=True)
        return obj, True
    _attributed(obj, by, reason)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        _checked(obj).save(update_fields=changed)
    return obj, False


def _add_status_changes(model, owner: dict, history: list[dict], *, by, reason: str) -> int:
    """Add the dated status changes not recorded yet, and update the note and source of those
    recorded; returns how many were added."""
    added = 0
    for change in history:
        _, was_created = _upsert(
            model,
            {**owner, "status": change["status"], "on": datetime.date.fromisoformat(change["on"])},
            {
                "precision": change.get("precision", "day"),
                "note": change.get("note", ""),
                "source_url": change.get("source_url", ""),
            },
            by=by,
            reason=reason,
        )
        added += was_created
    return added


@transaction.atomic
def load_world(world: dict, *, by=None, reason: str = DEFAULT_REASON) -> dict[str, int]:
    """Create or update everything in `world`, with history records authored by `by` (the system
    user if None) for `reason`; returns how many rows of each kind were created."""
    by = by or system_user()
    attributed = {"by": by, "reason": reason}
    created = {"parties": 0, "cases": 0, "proposals": 0, "status changes": 0}
    parties = {}
    for item in world.get("parties", []):
        party, was_created = _upsert(
            Party,
            {"slug": item["slug"]},
            {
                "name": item["name"],
                "kind": item.get("kind", "person"),
                "title": item.get("title", ""),
                "country": item.get("country", ""),
                "aliases": item.get("aliases", []),
                "description": item.get("description", ""),
            },
            **attributed,
        )
        parties[party.slug] = party
        created["parties"] += was_created

    def party(slug: str | None) -> Party | None:
        if not slug:
            return None
        if slug not in parties:
            parties[slug] = Party.objects.get(slug=slug)
        return parties[slug]

    cases = {}
    for item in world.get("cases", []):
        case, was_created = _upsert(
            Case,
            {"slug": item["slug"]},
            {
                "name": item["name"],
                "detainee": party(item["detainee"]),
                "detaining_party": party(item.get("detaining_party")),
                "detained_at": item.get("detained_at", ""),
                "held_at": item.get("held_at", ""),
                "charges": item.get("charges", ""),
                "sentence": item.get("sentence", ""),
                "summary": item.get("summary", ""),
                "aliases": item.get("aliases", []),
            },
            **attributed,
        )
        cases[case.slug] = case
        created["cases"] += was_created
        created["status changes"] += _add_status_changes(
            CaseStatusChange, {"case": case}, item.get("status_history", []), **attributed
        )

    for item in world.get("proposals", []):
        proposal, was_created = _upsert(
            Proposal,
            {"slug": item["slug"]},
            {
                "title": item["title"],
                "terms": item.get("terms", ""),
                "offered_by": party(item.get("offered_by")),
                "offered_to": party(item.get("offered_to")),
                "aliases": item.get("aliases", []),
            },
            **attributed,
        )
        created["proposals"] += was_created
        proposal.cases.set(
            cases.get(slug) or Case.objects.get(slug=slug) for slug in item.get("cases", [])
        )
        proposal.mediators.set(party(slug) for slug in item.get("mediators", []))
        if "sides" in item:
            # The sides are those the file lists: one it no longer lists was a mistake.
            released = [party(side["released"]) for side in item["sides"]]
            proposal.sides.exclude(released__in=released).delete()
        for side in item.get("sides", []):
            _upsert(
                ProposalSide,
                {"proposal": proposal, "released": party(side["released"])},
                {"released_by": party(side["released_by"])},
                **attributed,
            )
        created["status changes"] += _add_status_changes(
            ProposalStatusChange,
            {"proposal": proposal},
            item.get("status_history", []),
            **attributed,
        )
    return created


def world_from_db() -> dict:
    """The gazetteer's view of the database: every name and alias, in the world file's format."""
    return {
        "parties": [
            {"slug": slug, "name": name, "kind": kind, "title": title, "aliases": aliases}
            for slug, name, kind, title, aliases in Party.objects.values_list(
                "slug", "name", "kind", "title", "aliases"
            )
        ],
        "cases": [
            {
                "slug": case.slug,
                "name": case.name,
                "detainee": case.detainee.slug,
                "aliases": case.aliases,
            }
            for case in Case.objects.select_related("detainee")
        ],
        "proposals": [
            {
                "slug": proposal.slug,
                "title": proposal.title,
                "aliases": proposal.aliases,
                "cases": [case.slug for case in proposal.cases.all()],
            }
            for proposal in Proposal.objects.prefetch_related("cases")
        ],
    }
