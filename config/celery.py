"""The Celery app, configured from the CELERY_ settings, with one step added to every worker.

The step makes each worker send again, at start and every STUCK_SWEEP_SECONDS, the articles that
a dead worker left half-read or whose message was lost (sources.tasks.sweep_stuck_articles). It
runs in the worker, not from beat, so recovery needs only a worker running: a restarted one
recovers its predecessor's articles, and a surviving one those of a worker that died beside it.
"""

import logging
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

log = logging.getLogger(__name__)


def delay_on_commit(task, *args, refused: str, contain_failure: bool = False) -> None:
    """Send `task` once the current transaction commits. By then the user's change is saved, so
    a broker that refuses the message is logged, with `refused` saying what becomes of the work,
    and never raised at the user. With `contain_failure`, so is the task's own error when it runs
    in-process (no broker: eager tasks), for work that must not fail the change it follows (an
    alert mail when the mail server is down)."""

    def send():
        from kombu.exceptions import OperationalError as BrokerError

        try:
            task.delay(*args)
        except (BrokerError, OSError) as exc:
            log.warning(
                "%s%s not sent: the broker refused it (%s); %s", task.name, args, exc, refused
            )
        except Exception:
            if not contain_failure:
                raise
            log.exception("%s%s failed", task.name, args)

    from django.db import transaction

    transaction.on_commit(send)
