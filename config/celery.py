"""The Celery app, configured from the CELERY_ settings, with one step added to every worker.

The step makes each worker send again, at start and every STUCK_SWEEP_SECONDS, the articles that
a dead worker left half-read or whose message was lost (sources.tasks.sweep_stuck_articles). It
runs in the worker, not from beat, so recovery needs only a worker running: a restarted one
recovers its predecessor's articles, and a surviving one those of a worker that died beside it.
"""

import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class SweepStuckArticles(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timers = []

    def start(self, worker):
        from django.conf import settings

        from sources.tasks import sweep_stuck_articles

        self.timers = [
            worker.timer.call_after(1.0, sweep_stuck_articles),
            worker.timer.call_repeatedly(settings.STUCK_SWEEP_SECONDS, sweep_stuck_articles),
        ]

    def stop(self, worker):
        for timer in self.timers:
            timer.cancel()
        self.timers = []


app.steps["worker"].add(SweepStuckArticles)
