"""What the extractor proposes: one dated development with the evidence an editor reviews."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # text[start:end] == evidence, the sentence that states the development
    end: int
    evidence: str
    date: dt.date
    precision: str  # "day", "month" or "year"
    date_basis: str  # the words that gave the date, or "published"
    kind: str  # codebook kind
    # What the date was counted from: "calendar" (it names its year), "publication" (the
    # story's day: "on Monday", "last month", or no date words), "narrative" (the last date
    # told: "the next day"), "sentence" (the sentence's own later date) or "lead" (the news day
    # the story's lead gives, for an undated quote in copy published the day after).
    date_anchor: str = "publication"
    cases: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    proposal: str | None = None
    speaker: str | None = None
    quote: str = ""
    confidence: float = 0.5
    # Why it was proposed: [{"text", "start", "end", "role", ...}], offsets into the article.
    matched: list[dict[str, Any]] = field(default_factory=list)
    # The names of the rules that fired for it (lang/en_rules.py), for explaining and measuring.
    rules: list[str] = field(default_factory=list)
    # What the confidence was read from (confidence.py), for fitting and explaining it.
    signals: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data
