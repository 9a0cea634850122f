"""The record: who is held, what is offered for them, and what happened when.

Statuses are dated rows (CaseStatusChange, ProposalStatusChange); a case's or a proposal's
current status and the detention clock are derived from them, never stored twice.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .dates import EARLIEST_DATE, LATEST_STORABLE_DATE, validate_record_date


def date_in_bounds(field: str, name: str, *, nullable: bool = False) -> models.CheckConstraint:
    """The database's check on a recorded date: within the fixed bounds of cases.dates, which
    every backend can hold. Forms and models check the tighter bound (a year after today)."""
    condition = Q(**{f"{field}__range": (EARLIEST_DATE, LATEST_STORABLE_DATE)})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=name)


class PartyKind(models.TextChoices):
    PERSON = "person", "Person"
    GOVERNMENT = "government", "Government"
    ORGANIZATION = "organization", "Organization"
    OUTLET = "outlet", "News outlet"


class Party(models.Model):
    """A person, government, organization or outlet that acts or speaks in a case."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    title = models.CharField(
        max_length=200, blank=True, help_text="Role or office, e.g. 'Russian Foreign Minister'."
    )
    country = models.CharField(max_length=100, blank=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names the news uses, e.g. 'the Kremlin'."
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:party", args=[self.slug])


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    APPROXIMATE = "approximate", "Approximate"


class CaseStatus(models.TextChoices):
    DETAINED = "detained", "Detained"
    CHARGED = "charged", "Charged"
    TRIED = "tried", "On trial"
    SENTENCED = "sentenced", "Sentenced"
    DESIGNATED = "designated", "Designated wrongfully detained"
    TRANSFERRED = "transferred", "Transferred"
    RELEASED = "released", "Released"
    EXCHANGED = "exchanged", "Exchanged"
    DECEASED = "deceased", "Died in custody"


# The statuses that stop the detention clock.
CLOCK_STOPPING_STATUSES = (CaseStatus.RELEASED, CaseStatus.EXCHANGED, CaseStatus.DECEASED)


class Case(models.Model):
    """One detained person's case."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    detainee = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="cases_as_detainee")
    detaining_party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_as_detaining_party",
        help_text="The government holding the detainee.",
    )
    detained_at = models.CharField(
        max_length=200, blank=True, help_text="Where the arrest took place."
    )
    held_at = models.CharField(
        max_length=200, blank=True, help_text="Where the detainee is held now."
    )
    charges = models.TextField(blank=True)
    sentence = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    aliases = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:case", args=[self.slug])

    # The derived facts below read self.status_changes; prefetch it on list pages.
    def _changes(self) -> list["CaseStatusChange"]:
        return sorted(self.status_changes.all(), key=lambda change: (change.on, change.pk))

    @property
    def current_status(self) -> "CaseStatusChange | None":
        changes = self._changes()
        return changes[-1] if changes else None

    @property
    def detained_on(self) -> datetime.date | None:
        return next((c.on for c in self._changes() if c.status == CaseStatus.DETAINED), None)

    @property
    def released_on(self) -> datetime.date | None:
        return next((c.on for c in self._changes() if c.status in CLOCK_STOPPING_STATUSES), None)

    @property
    def designated_on(self) -> datetime.date | None:
        return next((c.on for c in self._changes() if c.status == CaseStatus.DESIGNATED), None)

    def days_detained(self, today: datetime.date | None = None) -> int | None:
        """Days from the arrest to the release, or to today while the detainee is still held."""
        if self.detained_on is None:
            return None
        end = self.released_on or today or datetime.date.today()
        return (end - self.detained_on).days


class CaseStatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=CaseStatus.choices)
    on = models.DateField(validators=[validate_record_date])
    precision = models.CharField(
        max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(
        max_length=1000, blank=True, help_text="Where the change is reported."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "status", "on"], name="unique_case_status_change"
            ),
            date_in_bounds("on", "case_status_change_on_in_bounds"),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_status_display()} on {self.on}"


class ProposalStatus(models.TextChoices):
    FLOATED = "floated", "Floated"
    OFFERED = "offered", "Offered"
    COUNTERED = "countered", "Countered"
    REJECTED = "rejected", "Rejected"
    ACCEPTED = "accepted", "Accepted"
    CARRIED_OUT = "carried_out", "Carried out"


class Proposal(models.Model):
    """An offer or deal for the release of one or more detainees, e.g. the Bout swap."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    terms = models.TextField(blank=True, help_text="What each side would give.")
    cases = models.ManyToManyField(Case, related_name="proposals", blank=True)
    offered_by = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals_offered"
    )
    offered_to = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals_received"
    )
    mediators = models.ManyToManyField(Party, related_name="proposals_mediated", blank=True)
    aliases = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(m2m_fields=[cases, mediators])

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:proposal", args=[self.slug])

    @property
    def current_status(self) -> "ProposalStatusChange | None":
        """The latest dated change; prefetch status_changes on list pages."""
        changes = sorted(self.status_changes.all(), key=lambda change: (change.on, change.pk))
        return changes[-1] if changes else None

    def status_for(self, case: Case) -> str:
        """The current status as it concerns `case`: a proposal carried out whose sides (those
        released) are known and do not include the case's detainee was carried out without
        them, which its status alone would not say. Prefetch status_changes and sides."""
        current = self.current_status
        if current is None:
            return ""
        released = {side.released_id for side in self.sides.all()}
        if current.status == ProposalStatus.CARRIED_OUT and released:
            return "Carried out" if case.detainee_id in released else "Carried out; not included"
        return current.get_status_display()


class ProposalSide(models.Model):
    """Who would be released, and by whom: Griner by Russia, Bout by the United States."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sides")
    released = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="proposal_sides_released"
    )
    released_by = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="proposal_sides_releasing"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "released"], name="unique_proposal_side"),
        ]

    def __str__(self) -> str:
        return f"{self.released} by {self.released_by}"


class ProposalStatusChange(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=ProposalStatus.choices)
    on = models.DateField(validators=[validate_record_date])
    precision = models.CharField(
        max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(
        max_length=1000, blank=True, help_text="Where the change is reported."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "status", "on"], name="unique_proposal_status_change"
            ),
            date_in_bounds("on", "proposal_status_change_on_in_bounds"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_status_display()} on {self.on}"


class EntryKind(models.TextChoices):
    """The codebook: what kind of development an entry records."""

    DETENTION = "detention", "Detention"
    CHARGE = "charge", "Charge"
    COURT = "court", "Court"
    CUSTODY = "custody", "Custody"
    DESIGNATION = "designation", "Designation"
    PROPOSAL = "proposal", "Proposal"
    RESPONSE = "response", "Response"
    CONTACT = "contact", "Contact"
    STATEMENT = "statement", "Statement"
    REPORT = "report", "Media report"
    ADVOCACY = "advocacy", "Advocacy"
    RELEASE = "release", "Release"


class Attribution(models.TextChoices):
    ON_RECORD = "on_record", "On the record"
    ANONYMOUS = "anonymous", "Anonymous official"
    MEDIA = "media", "Media report"
    DENIED = "denied", "Denied"


# What the desk calls each field of an entry, in the order its forms show them: in correction
# notices ("date was 17 Feb 2022") and in the desk's measure of what editors change.
ENTRY_FIELD_LABELS = {
    "occurred_on": "date",
    "precision": "precision",
    "kind": "kind",
    "summary": "summary",
    "quote": "quote",
    "speaker": "speaker",
    "cases": "cases",
    "parties": "parties",
    "proposal": "proposal",
    "attribution": "attribution",
    "restricted": "restricted",
}


class TimelineEntryQuerySet(models.QuerySet):
    def on_record(self) -> "TimelineEntryQuerySet":
        """Entries not retracted: what timelines, exports, feeds, search and counts read."""
        return self.filter(retracted_at__isnull=True)

    def visible_to(self, user, *, retracted: bool = False) -> "TimelineEntryQuerySet":
        """Restricted entries are for editors' eyes only; retracted entries are off the record
        for everyone, unless the caller asks for them (an editor opening one by its URL)."""
        entries = self if retracted else self.on_record()
        if user.has_perm("cases.view_restricted_entry"):
            return entries
        return entries.filter(restricted=False)


# The entries' history, kept at hand so that a new entry is recorded once, with its links.
_ENTRY_HISTORY = HistoricalRecords(m2m_fields=["cases", "parties"])


class TimelineEntry(models.Model):
    """A dated development on the record, approved by an editor."""

    occurred_on = models.DateField(
        help_text="When it happened, to the precision given.", validators=[validate_record_date]
    )
    precision = models.CharField(
        max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    reported_on = models.DateField(
        help_text="When it was first reported.", validators=[validate_record_date]
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    summary = models.TextField()
    quote = models.TextField(blank=True)
    speaker = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    attribution = models.CharField(
        max_length=12, choices=Attribution.choices, default=Attribution.ON_RECORD
    )
    cases = models.ManyToManyField(Case, related_name="entries")
    parties = models.ManyToManyField(Party, related_name="entries", blank=True)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    restricted = models.BooleanField(default=False, help_text="Visible to editors only.")
    # A retracted entry leaves the record (timelines, exports, feeds, search, counts) but stays
    # in the database, its history and the admin, with who retracted it and why.
    retracted_at = models.DateTimeField(null=True, blank=True)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retraction_reason = models.CharField(max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = _ENTRY_HISTORY

    objects = TimelineEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name_plural = "timeline entries"
        permissions = [("view_restricted_entry", "Can see restricted timeline entries")]
        indexes = [models.Index(fields=["occurred_on"]), models.Index(fields=["kind"])]
        constraints = [
            date_in_bounds("occurred_on", "entry_occurred_on_in_bounds"),
            date_in_bounds("reported_on", "entry_reported_on_in_bounds"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}: {self.summary[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("cases:entry", args=[self.pk])

    def save_filed_under(self, cases, parties) -> None:
        """Save a new entry linked to its cases and parties, recorded in its history once."""
        self.skip_history_when_saving = True
        try:
            self.save()
            self.file_under(cases, parties)
        finally:
            del self.skip_history_when_saving
        self.record_created()

    def file_under(self, cases, parties) -> None:
        """Link a new entry to its cases and parties. The parties go first: then the cases'
        summaries count the entry with its parties in one pass (cases.summary), instead of
        counting it and then being rewritten for each party. A new entry has no links to keep
        or drop, so they are added, without reading them first as setting them would."""
        self.parties.add(*parties)
        self.cases.add(*cases)

    def record_created(self) -> None:
        """One history row for a new entry, links and all, written once it is filed (saved with
        `skip_history_when_saving`): saved and then linked, simple-history would copy it three
        times (on the save and on each link), the first copy an entry with no case."""
        _ENTRY_HISTORY.create_historical_record(self, "+")


class Correction(models.Model):
    """A correction of an entry on the record, printed beside it as newspapers print theirs:
    "Corrected 3 Dec 2022: date was 17 Feb 2022". `changes` holds each changed field's label
    with its old and new values as shown, {"occurred_on": {"label": "date", "was": "17 Feb
    2022", "now": "18 Feb 2022"}}."""

    entry = models.ForeignKey(TimelineEntry, on_delete=models.CASCADE, related_name="corrections")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["entry", "at"])]

    def __str__(self) -> str:
        return f"Correction of entry {self.entry_id} at {self.at:%Y-%m-%d %H:%M}"


class Audience(models.TextChoices):
    """Who a derived figure is counted for: analysts never see restricted entries, editors do."""

    ANALYSTS = "analysts", "Analysts (restricted entries left out)"
    EDITORS = "editors", "Editors (every entry)"


class CaseSummary(models.Model):
    """A case's figures as the dashboard shows them, one row per audience, kept up to date by
    cases.summary whenever the case, its status changes or its entries change.

    The dashboard sorts, filters and pages a thousand cases by these columns in one indexed
    query instead of reading every entry (the index for its default order, newest activity
    first with the inactive last, is PostgreSQL's only: migration 0005). `version` changes with
    every refresh, so anything cached from a case's record (cases.caching) is keyed by it.

    Its dates are copies of the record's and carry no bounds of their own: a summary mirrors
    whatever the record holds, even a date a hand-written UPDATE put out of bounds."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="summaries")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    entry_count = models.PositiveIntegerField(default=0)
    latest_entry = models.ForeignKey(
        TimelineEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_activity_on = models.DateField(
        null=True, blank=True, help_text="The latest entry's or status change's date."
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    status_on = models.DateField(null=True, blank=True)
    detained_on = models.DateField(null=True, blank=True)
    released_on = models.DateField(null=True, blank=True)
    # Entries per month and kind, {"2022-07": {"statement": 2, "contact": 1}}: the dashboard's
    # activity strip and the case page's overview.
    months = models.JSONField(default=dict, blank=True)
    # The parties the entries name or quote, and each linked proposal's first report
    # ({"12": "2022-07-28"}): the case page's filter choices and proposal bars.
    party_ids = models.JSONField(default=list, blank=True)
    proposals_reported = models.JSONField(default=dict, blank=True)
    version = models.PositiveBigIntegerField(default=0)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "case summaries"
        constraints = [
            models.UniqueConstraint(fields=["case", "audience"], name="unique_case_summary"),
        ]
        indexes = [
            models.Index(fields=["audience", "status"], name="summary_by_status"),
        ]

    def __str__(self) -> str:
        return f"{self.case} ({self.get_audience_display()})"
