import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttle_counts")]


def test_an_analyst_signs_in_and_lands_on_the_cases(client, analyst):
    response = client.post(reverse("login"), {"username": "analyst", "password": "pw-analyst-1"})
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_is_refused_with_a_message(client, analyst):
    response = client.post(reverse("login"), {"username": "analyst", "password": "wrong"})
    assert response.status_code == 200
    assert b"didn&#x27;t match" in response.content or b"didn't match" in response.content


def test_guessing_passwords_is_throttled_and_then_tries_no_password(client, analyst, settings):
    settings.LOGIN_RATE = "3/m"
    for _ in range(3):
        client.post(reverse("login"), {"username": "analyst", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "analyst", "password": "pw-analyst-1"})
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session
