"""Cursor pagination: a page is the rows after the last one seen, so a client walking a
timeline while editors approve entries neither skips nor repeats one, and a page deep in the
record costs what the first does (no OFFSET, no COUNT)."""

from rest_framework.pagination import CursorPagination


class RecordCursor(CursorPagination):
    """Pages of 50 (up to 200 with ?page_size=), ordered by a unique key."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("slug",)


class TimelineCursor(RecordCursor):
    """A timeline in the order it happened; the id orders entries of the same day."""

    ordering = ("occurred_on", "id")


class NewestFirstCursor(RecordCursor):
    """Articles and proposed entries, the latest received first."""

    ordering = ("-id",)
