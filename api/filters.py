"""The timeline's filters, as the case page offers them (cases.timeline.TimelineFilter), for
the API: the same names in the query string, and the same meaning."""

from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cases.models import Case, EntryKind, Party, Proposal, TimelineEntry
from cases.search import match_entries


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(filters.ModelChoiceFilter):
    """An object named by its slug, as in the site's URLs; an unknown slug is a 400."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, to_field_name="slug", **kwargs)


class EntryFilter(filters.FilterSet):
    case = SlugFilter(
        queryset=Case.objects.all(),
        field_name="cases",
        help_text="A case's slug: its entries.",
    )
    kind = filters.ChoiceFilter(choices=EntryKind.choices, help_text="The kind of development.")
    party = SlugFilter(
        queryset=Party.objects.all(),
        method="filter_party",
        help_text="A party's slug: entries that name or quote the party.",
    )
    proposal = SlugFilter(
        queryset=Proposal.objects.all(),
        help_text="A proposal's slug: entries about it.",
    )
    start = filters.DateFilter(
        field_name="occurred_on", lookup_expr="gte", help_text="From this date (YYYY-MM-DD) on."
    )
    end = filters.DateFilter(
        field_name="occurred_on", lookup_expr="lte", help_text="Up to this date (YYYY-MM-DD)."
    )
    q = filters.CharFilter(
        method="filter_words",
        max_length=200,
        help_text='Words in the summary or quote: "a phrase", -excluded, either or other.',
    )

    class Meta:
        model = TimelineEntry
        fields = ["case", "kind", "party", "proposal", "start", "end", "q"]

    def filter_party(self, entries, name, party):
        named = TimelineEntry.parties.through.objects.filter(party=party)
        return entries.filter(Q(pk__in=named.values("timelineentry")) | Q(speaker=party))

    def filter_words(self, entries, name, words):
        return match_entries(entries, words)
