"""Hypothesis settings for the property tests: the same examples on every run (CI reproduces a
failure exactly), few enough that the whole directory runs in well under a minute.

HYPOTHESIS_PROFILE=explore runs many more random examples, to look for new failures locally.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=200,
    deadline=None,  # no timing in tests; the example counts keep the run short
    database=None,  # derandomized runs need no example database
    # The form tests share one database transaction across examples, which is what they want.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "explore",
    parent=settings.get_profile("ci"),
    derandomize=False,
    max_examples=2000,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
