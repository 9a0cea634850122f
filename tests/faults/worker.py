"""A real Celery worker of the project, for the fault tests: python -m tests.faults.worker ARGS.

The project's app and settings, with three test-only changes made here and nowhere else:
- the tests' fake extractor (tests.sources.test_processing.fake_extract), so no world is needed;
- with PAUSE_EXTRACTION=1, an extraction that never returns: the worker stays mid-article, its
  claim taken, for as long as the test wants, until the test kills it;
- the queue named by FAULT_QUEUE, so the test's messages and the worker's own (the sweep's) stay
  apart from any other worker on the same Redis.
"""

import os
import sys
import time

import django

django.setup()

from config.celery import app  # noqa: E402
from sources import processing  # noqa: E402
from tests.sources.test_processing import fake_extract  # noqa: E402


def extract(text, published, gazetteer):
    if os.environ.get("PAUSE_EXTRACTION") == "1":
        time.sleep(3600)  # the test kills the worker long before
    return fake_extract(text, published, gazetteer)


processing.run_extraction = extract
app.conf.task_default_queue = os.environ["FAULT_QUEUE"]

if __name__ == "__main__":
    app.worker_main(["worker", *sys.argv[1:]])
