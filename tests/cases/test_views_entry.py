import datetime

import pytest
from django.urls import reverse

from tests.factories import make_article, make_entry

pytestmark = pytest.mark.django_db


def test_the_permalink_shows_the_entry_and_leads_into_the_timeline(analyst_client, world):
    entry = make_entry(cases=("griner", "whelan"), article=make_article(title="CNN report"))
    html = analyst_client.get(reverse("cases:entry", args=[entry.pk])).content.decode()
    assert entry.summary in html and "CNN report" in html
    assert f"/cases/griner/?end=2022-07-28#entry-{entry.pk}" in html
    assert f"/cases/whelan/?end=2022-07-28#entry-{entry.pk}" in html


def test_the_timeline_up_to_an_entry_starts_with_it(analyst_client, world):
    entry = make_entry()
    make_entry(summary="Something later", occurred_on=datetime.date(2022, 8, 1))
    response = analyst_client.get(reverse("cases:case", args=["griner"]), {"end": "2022-07-28"})
    html = response.content.decode().split('id="timeline-list"')[1]
    assert f'id="entry-{entry.pk}"' in html and "Something later" not in html


def test_a_restricted_entry_is_not_found_by_an_analyst(analyst_client, editor, client, world):
    entry = make_entry(restricted=True)
    url = reverse("cases:entry", args=[entry.pk])
    assert analyst_client.get(url).status_code == 404
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_an_unknown_entry_is_404(analyst_client, world):
    assert analyst_client.get(reverse("cases:entry", args=[999999])).status_code == 404
