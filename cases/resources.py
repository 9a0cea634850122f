"""Importing a timeline from a CSV file with the columns of the CSV export (cases.exports).

django-import-export reads the file and runs the admin's two steps: a dry run whose preview shows
every row as new, skipped or invalid (with its errors), then the import once an editor confirms.
Each row is read here in full (`read_row`) before anything is written, so a bad date, an unknown
kind, case, party or proposal is a row error naming its column, never a guess or a new party.

Which columns are read: occurred_on (else date, as the export writes it at its precision),
precision, reported_on (else the date it happened), kind (value or label), summary, quote,
speaker or speaker_slug (a party's slug, name or alias), attribution (value or label; else as
the review desk would attribute it), cases, parties (slugs, names or aliases, separated by ";"),
proposal (slug, title or alias), restricted (yes/no), and the sources (source_urls, one per line,
with source_outlets, source_titles and source_evidence beside them).
The other export columns (permalink, labels, counts, timestamps) are written by the tracker and
ignored. A value the export quoted against spreadsheet formulas ('=…) is read without its quote.

Identity: an entry already on the record is left as it is, and its row is skipped, so importing
the same file twice adds nothing. A row is that entry when its permalink is this tracker's own URL
for the entry with its id (a file exported here, even if the entry was corrected since), or when
an entry has the same date, kind, summary and cases. Changing an entry on the record is a
correction, made on its page, not by an import.

Each imported entry is approved by the importing editor, who is its history's user, with the
change reason "Imported from <file name>". Its sources become citations of articles found by URL
(a source without one, an article whose text was pasted, by its title and outlet), or created so
(no text, status done, the outlet by its name and the URL's domain).
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from import_export import resources
from import_export.fields import Field

from sources.ingest import InvalidSubmission, canonical_url, outlet_named
from sources.models import Article, ArticleStatus, Citation, Outlet
from sources.review import default_attribution, fit

from .dates import validate_record_date
from .models import (
    Attribution,
    Case,
    DatePrecision,
    EntryKind,
    Party,
    Proposal,
    TimelineEntry,
)
from .templatetags.dates import format_at_precision

# What the export prefixes with a quote mark so a spreadsheet does not run it as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

# The date column as cases.templatetags.dates.format_at_precision writes it, most specific first.
_DATE_FORMS = [
    (re.compile(r"^week of (\d{1,2}) ([a-z]+)\.? (\d{4})$"), DatePrecision.WEEK),
    (re.compile(r"^~ ?([a-z]+)\.? (\d{4})$"), DatePrecision.APPROXIMATE),
    (re.compile(r"^(\d{1,2}) ([a-z]+)\.? (\d{4})$"), DatePrecision.DAY),
    (re.compile(r"^([a-z]+)\.? (\d{4})$"), DatePrecision.MONTH),
    (re.compile(r"^(\d{4})$"), DatePrecision.YEAR),
]

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


def unquoted(value) -> str:
    """A cell's text, without the quote mark the export puts before a formula-like value."""
    text = "" if value is None else str(value)
    if text[:1] == "'" and text[1:2] and text[1:2] in _FORMULA_STARTS:
        text = text[1:]
    return text.strip()


def _items(value) -> list[str]:
    """A list cell ("griner; whelan") as its items."""
    return [item.strip() for item in unquoted(value).split(";") if item.strip()]


def _lines(value) -> list[str]:
    """A sources cell, one source per line, each line unquoted on its own as it was written."""
    text = "" if value is None else str(value)
    return [unquoted(line) for line in text.split("\n")] if text.strip() else []


def parse_date_text(text: str) -> tuple[datetime.date, str]:
    """The export's date column ("28 Jul 2022", "week of 25 Jul 2022", "Jul 2022", "~ Jun 2022",
    "2022", or an ISO date) as (the date, its precision). Raises ValueError."""
    text = re.sub(r"\s+", " ", text.strip().casefold())
    try:
        return datetime.date.fromisoformat(text), DatePrecision.DAY
    except ValueError:
        pass
    for pattern, precision in _DATE_FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        parts = match.groups()
        if precision == DatePrecision.YEAR:
            return datetime.date(int(parts[0]), 1, 1), precision
        if precision in (DatePrecision.DAY, DatePrecision.WEEK):
            day, month, year = parts
        else:
            day, (month, year) = "1", parts
        if month not in _MONTHS:
            break
        return datetime.date(int(year), _MONTHS[month], int(day)), precision
    raise ValueError(text)


def _choice(choices, value: str) -> str | None:
    """The choice whose value or label is `value`, in any case."""
    wanted = value.casefold()
    for choice_value, label in choices.choices:
        if wanted in (choice_value.casefold(), str(label).casefold()):
            return choice_value
    return None


class Names:
    """Rows of one model by slug, name, title and alias (any case), read once per import."""

    def __init__(self, rows, *names):
        self.by_name: dict[str, set] = defaultdict(set)
        for row in rows:
            for attribute in names:
                value = getattr(row, attribute)
                for name in value if isinstance(value, list) else [value]:
                    if name:
                        self.by_name[str(name).strip().casefold()].add(row)

    def find(self, name: str):
        """The one row so named; raises LookupError naming the problem."""
        found = self.by_name.get(name.strip().casefold(), set())
        if len(found) > 1:
            slugs = ", ".join(sorted(row.slug for row in found))
            raise LookupError(f"“{name}” names more than one ({slugs}); use the slug.")
        if not found:
            raise LookupError(f"nothing on the tracker is named “{name}”.")
        return next(iter(found))


@dataclass
class Reference:
    """The cases, parties and proposals an imported row may name: they are never created by an
    import (an unknown name is a row error), so an editor adds them in the admin first."""

    cases: Names
    parties: Names
    proposals: Names

    @classmethod
    def load(cls) -> "Reference":
        return cls(
            cases=Names(Case.objects.all(), "slug", "name", "aliases"),
            parties=Names(Party.objects.all(), "slug", "name", "aliases"),
            proposals=Names(Proposal.objects.all(), "slug", "title", "aliases"),
        )


@dataclass
class Source:
    url: str
    outlet: str = ""
    title: str = ""
    evidence: str = ""


@dataclass
class ImportedRow:
    """A row read and checked: everything an entry and its citations are made of."""

    id: int | None
    permalink: str
    values: dict
    cases: list
    parties: list = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


class RowErrors:
    """Errors by column, as django-import-export shows them beside the row in the preview."""

    def __init__(self):
        self.by_column: dict[str, list[str]] = defaultdict(list)

    def add(self, column: str, message: str) -> None:
        self.by_column[column].append(message)

    def __bool__(self) -> bool:
        return bool(self.by_column)

    def error(self) -> ValidationError:
        return ValidationError(dict(self.by_column))


def _read_date(row: dict, errors: RowErrors) -> tuple[datetime.date | None, str]:
    precision_text = unquoted(row.get("precision"))
    precision = _choice(DatePrecision, precision_text) if precision_text else None
    if precision_text and precision is None:
        known = ", ".join(DatePrecision.values)
        errors.add("precision", f"Unknown precision “{precision_text}”; one of: {known}.")
        return None, ""
    iso, text = unquoted(row.get("occurred_on")), unquoted(row.get("date"))
    if iso:
        try:
            on = datetime.date.fromisoformat(iso)
        except ValueError:
            errors.add("occurred_on", f"“{iso}” is not a date (YYYY-MM-DD).")
            return None, ""
        precision = precision or DatePrecision.DAY
        if text and text != format_at_precision(on, precision):
            # An editor changed one of the two in a spreadsheet: which one is meant is unknown.
            errors.add(
                "date",
                f"“{text}” is not occurred_on {iso} at precision {precision} (which reads "
                f"“{format_at_precision(on, precision)}”); correct one, or empty the date column.",
            )
            return None, ""
    elif text:
        try:
            on, read_precision = parse_date_text(text)
        except ValueError:
            errors.add(
                "date",
                f"“{text}” is not a date; write it as 28 Jul 2022, week of 25 Jul 2022, "
                "Jul 2022, ~ Jul 2022, 2022 or 2022-07-28.",
            )
            return None, ""
        precision = precision or read_precision
    else:
        errors.add("occurred_on", "A date is required (occurred_on, or date).")
        return None, ""
    try:
        validate_record_date(on)
    except ValidationError as error:
        errors.add("occurred_on", error.messages[0])
        return None, ""
    return on, precision


def _find(names: Names, name: str, column: str, noun: str, errors: RowErrors):
    try:
        return names.find(name)
    except LookupError as problem:
        errors.add(column, f"Unknown {noun}: {problem}")
        return None


def _read_speaker(row: dict, reference: Reference, errors: RowErrors) -> Party | None:
    slug, name = unquoted(row.get("speaker_slug")), unquoted(row.get("speaker"))
    for value in (slug, name):
        if value:
            found = reference.parties.by_name.get(value.casefold(), set())
            if len(found) == 1:
                return next(iter(found))
    if name or slug:
        return _find(reference.parties, name or slug, "speaker", "party", errors)
    return None


def _read_sources(row: dict, errors: RowErrors) -> list[Source]:
    """One source per line of the source columns. A source without a URL is an article whose
    text was pasted, known by its title (and outlet)."""
    columns = {
        name: _lines(row.get(f"source_{name}"))
        for name in ("urls", "outlets", "titles", "evidence")
    }
    # The evidence does not count the sources: a line break in a quoted sentence would add one.
    count = max(len(columns[name]) for name in ("urls", "outlets", "titles"))
    # A column is read beside the others only when it has a line for each source.
    columns = {
        name: lines if len(lines) == count else [""] * count for name, lines in columns.items()
    }
    sources = []
    for url, outlet, title, evidence in zip(*columns.values(), strict=True):
        if url:
            try:
                url = canonical_url(url)
            except InvalidSubmission as problem:
                errors.add("source_urls", f"“{url}”: {problem}")
                continue
        elif not title:
            continue  # nothing to find or file the article by
        sources.append(Source(url=url, outlet=outlet, title=title, evidence=evidence))
    return sources


def read_row(row: dict, reference: Reference) -> ImportedRow:
    """The entry a CSV row describes, checked against the record's reference data; raises
    ValidationError with every problem of the row, by column."""
    errors = RowErrors()
    on, precision = _read_date(row, errors)

    reported_on = on
    if reported_text := unquoted(row.get("reported_on")):
        try:
            reported_on = datetime.date.fromisoformat(reported_text)
            validate_record_date(reported_on)
        except ValueError:
            errors.add("reported_on", f"“{reported_text}” is not a date (YYYY-MM-DD).")
        except ValidationError as error:
            errors.add("reported_on", error.messages[0])

    kind_text = unquoted(row.get("kind")) or unquoted(row.get("kind_label"))
    kind = _choice(EntryKind, kind_text) if kind_text else None
    if kind is None:
        known = ", ".join(EntryKind.values)
        problem = f"Unknown kind “{kind_text}”" if kind_text else "A kind is required"
        errors.add("kind", f"{problem}; one of: {known}.")

    summary = unquoted(row.get("summary"))
    if not summary:
        errors.add("summary", "A summary is required.")
    quote = unquoted(row.get("quote"))
    speaker = _read_speaker(row, reference, errors)

    attribution_text = unquoted(row.get("attribution")) or unquoted(row.get("attribution_label"))
    attribution = _choice(Attribution, attribution_text) if attribution_text else None
    if attribution_text and attribution is None:
        known = ", ".join(Attribution.values)
        errors.add("attribution", f"Unknown attribution “{attribution_text}”; one of: {known}.")

    case_names = _items(row.get("cases"))
    cases = [_find(reference.cases, name, "cases", "case", errors) for name in case_names]
    if not case_names:
        errors.add("cases", "An entry needs at least one case.")
    parties = [
        _find(reference.parties, name, "parties", "party", errors)
        for name in _items(row.get("parties"))
    ]
    proposal = None
    if proposal_name := unquoted(row.get("proposal")):
        proposal = _find(reference.proposals, proposal_name, "proposal", "proposal", errors)

    restricted_text = unquoted(row.get("restricted")).casefold()
    if restricted_text not in _YES | _NO:
        errors.add("restricted", f"“{restricted_text}” is neither yes nor no.")

    sources = _read_sources(row, errors)
    id_text = unquoted(row.get("id"))
    if errors:
        raise errors.error()
    return ImportedRow(
        id=int(id_text) if id_text.isdigit() else None,
        permalink=unquoted(row.get("permalink")),
        values={
            "occurred_on": on,
            "precision": precision,
            "reported_on": reported_on,
            "kind": kind,
            "summary": summary,
            "quote": quote,
            "speaker": speaker,
            "attribution": attribution or default_attribution(kind, speaker, quote),
            "proposal": proposal,
            "restricted": restricted_text in _YES,
        },
        cases=list(dict.fromkeys(cases)),
        parties=list(dict.fromkeys(parties)),
        sources=sources,
    )


def existing_entry(imported: ImportedRow, own_origin: str = "") -> TimelineEntry | None:
    """The entry on the record this row is (see the module's docstring), or None."""
    if own_origin and imported.id is not None:
        own_permalink = own_origin.rstrip("/") + reverse("cases:entry", args=[imported.id])
        if imported.permalink == own_permalink:
            found = TimelineEntry.objects.filter(pk=imported.id).first()
            if found is not None:
                return found
    values = imported.values
    case_ids = sorted(case.pk for case in imported.cases)
    candidates = TimelineEntry.objects.filter(
        occurred_on=values["occurred_on"], kind=values["kind"], summary=values["summary"]
    ).prefetch_related("cases")
    for candidate in candidates:
        if sorted(case.pk for case in candidate.cases.all()) == case_ids:
            return candidate
    return None


def _article_for(source: Source, by) -> Article:
    """The article at the source's URL (or, without one, with its title from its outlet), else a
    new one: no text, done, as the file describes it."""
    if source.url:
        found = Article.objects.filter(url=source.url)
    else:
        found = Article.objects.filter(url__isnull=True, title=source.title)
        found = found.filter(outlet__name__iexact=source.outlet) if source.outlet else found
    article = found.order_by("pk").first()
    if article is not None:
        return article
    domain = (urlsplit(source.url).hostname or "").removeprefix("www.") if source.url else ""
    if source.outlet:
        outlet = outlet_named(source.outlet, domain)
    else:
        outlet = Outlet.objects.filter(domain__iexact=domain).first() if domain else None
    return Article.objects.create(
        url=source.url or None,
        title=fit(Article, "title", source.title),
        outlet=outlet,
        status=ArticleStatus.DONE,
        submitted_by=by,
    )


def cite_sources(entry: TimelineEntry, sources: list[Source], by) -> None:
    """Cite each source's article for the entry (without a span: the words are not known)."""
    for source in sources:
        Citation.objects.get_or_create(
            entry=entry,
            article=_article_for(source, by),
            defaults={"evidence": source.evidence, "created_by": by},
        )


class ShownField(Field):
    """A column as the preview shows it: the value read from the row (`shown`), so the preview
    costs no query per row."""

    def export(self, instance, **kwargs):
        return getattr(instance, "_shown", {}).get(self.column_name, "")


def shown(imported: ImportedRow) -> dict[str, str]:
    values = imported.values
    return {
        "occurred_on": values["occurred_on"].isoformat(),
        "date": format_at_precision(values["occurred_on"], values["precision"]),
        "precision": values["precision"],
        "reported_on": values["reported_on"].isoformat(),
        "kind": values["kind"],
        "summary": values["summary"],
        "quote": values["quote"],
        "speaker": values["speaker"].name if values["speaker"] else "",
        "attribution": values["attribution"],
        "cases": "; ".join(case.slug for case in imported.cases),
        "parties": "; ".join(party.slug for party in imported.parties),
        "proposal": values["proposal"].slug if values["proposal"] else "",
        "restricted": "yes" if values["restricted"] else "no",
        "source_urls": "\n".join(source.url or source.title for source in imported.sources),
    }


class ShownRow(resources.Diff):
    """A preview row: the values read, as text the template escapes. (django-import-export's
    own diff marks changes with inline styles, which the Content Security Policy refuses; an
    imported row is new or skipped, never a change to show.)"""

    def as_html(self) -> list[str]:
        return [str(value) for value in self.right]


class TimelineEntryResource(resources.ModelResource):
    """The CSV export's columns read back into entries. The fields below name the columns the
    import reads and show each row in the preview; the reading itself is `read_row`."""

    occurred_on = ShownField(column_name="occurred_on")
    date = ShownField(column_name="date")
    precision = ShownField(column_name="precision")
    reported_on = ShownField(column_name="reported_on")
    kind = ShownField(column_name="kind")
    summary = ShownField(column_name="summary")
    quote = ShownField(column_name="quote")
    speaker = ShownField(column_name="speaker")
    attribution = ShownField(column_name="attribution")
    cases = ShownField(column_name="cases")
    parties = ShownField(column_name="parties")
    proposal = ShownField(column_name="proposal")
    restricted = ShownField(column_name="restricted")
    source_urls = ShownField(column_name="source_urls")

    class Meta:
        model = TimelineEntry
        fields = (
            "occurred_on",
            "date",
            "precision",
            "reported_on",
            "kind",
            "summary",
            "quote",
            "speaker",
            "attribution",
            "cases",
            "parties",
            "proposal",
            "restricted",
            "source_urls",
        )
        import_id_fields = ()
        # Shown in the preview: a re-imported row is reported as skipped, not left out.
        report_skipped = True

    def __init__(self, own_origin: str = "", **kwargs):
        super().__init__(**kwargs)
        self.own_origin = own_origin

    def get_diff_class(self):
        return ShownRow

    def before_import(self, dataset, **kwargs):
        user = kwargs.get("user")
        if user is None or not user.is_authenticated:
            raise ValueError("An import needs the editor who makes it.")
        self.by = user
        self.reason = fit(
            TimelineEntry.history.model,
            "history_change_reason",
            f"Imported from {kwargs.get('file_name') or 'a file'}",
        )
        self.reference = Reference.load()

    def before_import_row(self, row, **kwargs):
        try:
            self.imported, self.row_errors = read_row(row, self.reference), None
        except ValidationError as errors:
            self.imported, self.row_errors = None, errors

    def get_instance(self, instance_loader, row):
        if self.imported is None:
            return None
        return existing_entry(self.imported, self.own_origin)

    def import_instance(self, instance, row, **kwargs):
        if self.row_errors is not None:
            raise self.row_errors
        instance._shown = shown(self.imported)
        if instance.pk is None:
            for name, value in self.imported.values.items():
                setattr(instance, name, value)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # An entry already on the record is left as it is.
        return instance.pk is not None and not import_validation_errors

    def before_save_instance(self, instance, row, **kwargs):
        instance.approved_by = self.by
        instance.approved_at = timezone.now()
        instance._history_user = self.by
        instance._change_reason = self.reason
        instance.skip_history_when_saving = True  # recorded once it is filed (save_m2m)

    def save_m2m(self, instance, row, **kwargs):
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return  # nothing was saved
        instance.file_under(self.imported.cases, self.imported.parties)
        del instance.skip_history_when_saving
        instance.record_created()
        cite_sources(instance, self.imported.sources, self.by)
