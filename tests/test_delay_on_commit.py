"""config.celery.delay_on_commit: a task sent after the user's change is saved never undoes it."""

import logging

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from config.celery import delay_on_commit

pytestmark = pytest.mark.django_db


class Task:
    name = "tests.task"

    def __init__(self, error: Exception | None = None):
        self.error = error
        self.sent: list[tuple] = []

    def delay(self, *args):
        if self.error is not None:
            raise self.error
        self.sent.append(args)


def test_nothing_is_sent_until_the_transaction_commits(django_capture_on_commit_callbacks):
    task = Task()
    with django_capture_on_commit_callbacks(execute=True):
        delay_on_commit(task, 7, refused="lost")
        assert task.sent == []
    assert task.sent == [(7,)]


def test_nothing_is_sent_for_a_change_rolled_back(django_capture_on_commit_callbacks):
    task = Task()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        delay_on_commit(task, 7, refused="lost")
        raise RuntimeError("rolled back")
    assert callbacks == [] and task.sent == []


def test_a_broker_that_refuses_is_logged_with_what_becomes_of_the_work(
    django_capture_on_commit_callbacks, caplog
):
    task = Task(OperationalError("Error 111 connecting to localhost:6379."))
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        delay_on_commit(task, 7, refused="it stays queued")
    assert "broker refused" in caplog.text and "it stays queued" in caplog.text


def test_a_tasks_own_failure_is_contained_only_when_asked(
    django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        delay_on_commit(Task(ValueError("mail server down")), 7, refused="", contain_failure=True)
    assert "tests.task(7,) failed" in caplog.text
    with pytest.raises(ValueError), django_capture_on_commit_callbacks(execute=True):
        delay_on_commit(Task(ValueError("a bug")), 7, refused="")
