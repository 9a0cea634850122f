"""The OpenAPI schema: a valid OpenAPI 3 document, every operation in it called by every role
with an answer it documents, and every body it answers with as the schema describes it."""

import re

import pytest
from django.db import transaction
from django.urls import URLPattern, get_resolver, reverse
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

# Pages of the API that are not operations of it: the schema itself and its documentation.
NOT_OPERATIONS = {"api:schema", "api:docs"}
# The answers whose bodies are checked against the schema: what an operation gives, and its
# refusals. A write's 400 (the request's errors by field) is left to the writes' own tests.
BODIES_CHECKED = (200, 201, 401, 403, 404)


@pytest.fixture
def api_schema(client) -> dict:
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_a_valid_openapi_3_document_open_to_all(client, api_schema):
    validate(api_schema)
    assert api_schema["openapi"].startswith("3.")
    yaml = client.get(reverse("api:schema"))
    assert yaml.status_code == 200
    assert yaml.content.startswith(b"openapi: 3.")


def api_routes() -> list[tuple[str, str]]:
    """(path as the schema writes it, URL name) for every URL of the API."""
    [api] = [p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api"]
    return [
        (
            "/api/v1/"
            + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(inner.pattern)).replace("{pk}", "{id}"),
            f"api:{inner.name}",
        )
        for inner in api.url_patterns
        if isinstance(inner, URLPattern)
    ]


def test_every_api_url_is_in_the_schema(api_schema):
    """No view of the API left out of its schema, and so out of the walk below."""
    routes = [route for route, name in api_routes() if name not in NOT_OPERATIONS]
    assert "/api/v1/entries/{id}/" in routes
    missing = [route for route in routes if route not in api_schema["paths"]]
    assert not missing, f"API URLs missing from the schema: {missing}"


def _fill(path: str, record) -> str:
    """The path with its parameters naming real objects of the record."""
    values = {
        "/api/v1/cases/{slug}/": {"slug": "griner"},
        "/api/v1/proposals/{slug}/": {"slug": "bout-swap"},
        "/api/v1/parties/{slug}/": {"slug": "lavrov-ru"},
        "/api/v1/entries/{id}/": {"id": record["corrected"].pk},
        "/api/v1/articles/{id}/": {"id": record["seed"].pk},
    }
    if path.startswith("/api/v1/proposed-entries/{id}/"):
        values[path] = {"id": record["pending"].first().pk}
    found = values.get(path, {})
    filled = re.sub(r"\{(\w+)\}", lambda m: str(found[m[1]]), path)
    assert "{" not in filled, path
    return filled


def _body_schema(operation: dict, status: int, components: dict) -> dict | None:
    response = operation["responses"].get(str(status), {})
    content = response.get("content", {}).get("application/json")
    if content is None:
        return None
    return {**content["schema"], "components": components}


def test_every_operation_answers_every_role_as_the_schema_documents(
    api_schema, api_record, api_clients
):
    """Each path and method of the schema, called by each role (inside a savepoint rolled back,
    so a write leaves the record as it was): the status is one the operation documents, its
    body is what the schema says it is, and some role reaches the operation itself (not a
    refusal)."""
    wrong, called = [], set()
    for path, operations in api_schema["paths"].items():
        for method, operation in operations.items():
            url = _fill(path, api_record)
            reached = False
            for role, client in api_clients.items():
                with transaction.atomic():
                    response = client.generic(
                        method.upper(), url, b"{}", content_type="application/json"
                    )
                    transaction.set_rollback(True)
                called.add((path, method))
                status = response.status_code
                if str(status) not in operation["responses"]:
                    wrong.append(f"{method.upper()} {path} as {role}: undocumented {status}")
                    continue
                reached |= status not in (401, 403, 404)
                schema = _body_schema(operation, status, api_schema["components"])
                if schema is not None and status in BODIES_CHECKED:
                    errors = [
                        e.message for e in OAS30Validator(schema).iter_errors(response.json())
                    ]
                    if errors:
                        wrong.append(f"{method.upper()} {path} as {role} ({status}): {errors[:3]}")
            if not reached:
                wrong.append(f"{method.upper()} {path}: every role was refused")
    every = {(path, method) for path, ops in api_schema["paths"].items() for method in ops}
    assert called == every
    assert not wrong, "\n".join(wrong)
