"""The project's settings with one more URL, a bare view: the floor the pages benchmark compares
the pages' throughput with (tests.bench.pages)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.bare_urls"
