"""Alerts by email, through a real SMTP server on 127.0.0.1: approved, corrected and retracted
entries on what a user follows, at once or in the day's digest, and never a restricted entry to
an analyst."""

import pytest

from alerts import notify
from alerts.models import Alert, AlertSettings, Change, EmailMode, Follow
from cases import corrections
from cases.models import Case, Party
from sources import processing, review
from sources.models import ArticleStatus
from tests.factories import make_article, make_entry, make_proposed_entry
from tests.sources.test_processing import STORY, fake_extract

pytestmark = pytest.mark.django_db


def follow(user, case="griner"):
    return Follow.objects.create(user=user, case=Case.objects.get(slug=case))


def approve(editor, capture, **fields):
    proposed = make_proposed_entry(**fields)
    with capture(execute=True):
        return review.approve(proposed.pk, by=editor)


def test_a_followed_cases_new_entry_arrives_by_mail_with_its_link(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    follow(analyst_mail)
    entry = approve(editor, django_capture_on_commit_callbacks)

    [message] = mailbox.to("analyst@example.org")
    assert "Brittney Griner: new entry" in message["Subject"]
    text = mailbox.text(message)
    assert f"http://tracker.example/entries/{entry.pk}/" in text
    assert entry.summary in text
    alert = Alert.objects.get(user=analyst_mail)
    assert (alert.entry, alert.change, alert.sent_at is not None) == (entry, Change.APPROVED, True)


def test_nothing_is_mailed_for_what_a_user_does_not_follow(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    follow(analyst_mail, case="whelan")
    approve(editor, django_capture_on_commit_callbacks)
    assert mailbox.messages == []
    assert not Alert.objects.exists()


def test_a_followed_party_or_proposal_alerts_too(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    Follow.objects.create(user=analyst_mail, party=Party.objects.get(slug="price"))
    approve(editor, django_capture_on_commit_callbacks, parties=("price",))
    assert len(mailbox.to("analyst@example.org")) == 1


def test_a_merge_into_an_entry_already_told_tells_nothing_new(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    follow(analyst_mail)
    entry = approve(editor, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        review.merge(make_proposed_entry().pk, entry.pk, by=editor)
    assert len(mailbox.to("analyst@example.org")) == 1


def test_the_digest_sends_one_mail_with_the_days_entries(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    follow(analyst_mail)
    AlertSettings.objects.create(user=analyst_mail, email_mode=EmailMode.DIGEST)
    first = approve(editor, django_capture_on_commit_callbacks)
    second = approve(editor, django_capture_on_commit_callbacks, evidence="Griner was sentenced.")
    assert mailbox.messages == []  # nothing before the digest

    assert notify.send_digests() == 1
    [message] = mailbox.to("analyst@example.org")
    assert message["Subject"] == "2 changes on what you follow"
    text = mailbox.text(message)
    assert f"/entries/{first.pk}/" in text and f"/entries/{second.pk}/" in text
    assert notify.send_digests() == 0  # each alert is mailed once
    assert len(mailbox.messages) == 1


def test_email_off_mails_nothing(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    follow(analyst_mail)
    AlertSettings.objects.create(user=analyst_mail, email_mode=EmailMode.OFF)
    approve(editor, django_capture_on_commit_callbacks)
    assert notify.send_digests() == 0
    assert mailbox.messages == []


def test_restricted_entries_never_alert_analysts(
    world, mailbox, analyst_mail, editor_mail, django_capture_on_commit_callbacks
):
    follow(analyst_mail)
    follow(editor_mail)
    entry = make_entry(restricted=True)
    notify.record_entry_change(entry.pk, Change.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        corrections.correct(entry, by=editor_mail, reason="Typo", changes={"summary": "Fixed."})
    with django_capture_on_commit_callbacks(execute=True):
        corrections.retract(entry, by=editor_mail, reason="Wrong")

    assert mailbox.to("analyst@example.org") == []
    assert not Alert.objects.filter(user=analyst_mail).exists()
    assert set(Alert.objects.filter(user=editor_mail).values_list("change", flat=True)) == {
        Change.APPROVED,
        Change.CORRECTED,
        Change.RETRACTED,
    }


def test_an_entry_restricted_before_the_digest_is_left_out_of_it(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    follow(analyst_mail)
    AlertSettings.objects.create(user=analyst_mail, email_mode=EmailMode.DIGEST)
    entry = approve(editor, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        corrections.correct(entry, by=editor, reason="Sensitive", changes={"restricted": True})
    assert notify.send_digests() == 0
    assert mailbox.messages == []


def test_a_correction_and_a_retraction_are_mailed(
    world, mailbox, analyst_mail, editor, django_capture_on_commit_callbacks
):
    follow(analyst_mail)
    entry = make_entry(summary="Griner is moved to a penal colony.")
    with django_capture_on_commit_callbacks(execute=True):
        corrections.correct(
            entry, by=editor, reason="Wrong colony", changes={"summary": "Griner is moved to IK-2."}
        )
    with django_capture_on_commit_callbacks(execute=True):
        corrections.correct(
            entry, by=editor, reason="Wrong again", changes={"summary": "Griner is moved to IK-3."}
        )
    with django_capture_on_commit_callbacks(execute=True):
        corrections.retract(entry, by=editor, reason="Not reported by anyone else")

    corrected, corrected_again, retracted = mailbox.to("analyst@example.org")
    assert "entry corrected" in corrected["Subject"]
    assert "summary was Griner is moved to a penal colony." in mailbox.text(corrected)
    assert "summary was Griner is moved to IK-2." in mailbox.text(corrected_again)
    assert "entry retracted" in retracted["Subject"]
    assert f"/entries/{entry.pk}/" in mailbox.text(retracted)


def test_editors_following_a_case_hear_of_its_new_pending_proposals(
    world, mailbox, analyst_mail, editor_mail, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(processing, "run_extraction", fake_extract)
    follow(analyst_mail)
    follow(editor_mail, case="whelan")
    article = make_article(status=ArticleStatus.QUEUED, text=STORY, url=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert processing.process_article(article.pk) == ArticleStatus.DONE

    assert mailbox.to("analyst@example.org") == []  # analysts do not review
    [message] = mailbox.to("editor@example.org")
    assert "Paul Whelan: 1 new proposed entries to review" in message["Subject"]
    assert "http://tracker.example/review/?case=whelan" in mailbox.text(message)
    # Extracted again (a new extractor version), the same article tells nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        notify.proposals_pending(article.pk)
    assert len(mailbox.to("editor@example.org")) == 1
