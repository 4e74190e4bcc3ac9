"""GET /healthz and GET /openapi.json, and the OpenAPI document checked against real responses."""

from __future__ import annotations

import json

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from server.version import __version__
from tests.conftest import fixture_bytes


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "version": __version__}


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def validator_for(openapi: dict, schema: dict) -> jsonschema.Draft202012Validator:
    """A JSON Schema 2020-12 validator (OpenAPI 3.1's dialect) that resolves #/components refs."""
    registry = Registry().with_resource(
        "urn:openapi", Resource.from_contents(openapi, default_specification=DRAFT202012)
    )
    root = {"$ref": "urn:openapi" + schema["$ref"]} if "$ref" in schema else schema
    return jsonschema.Draft202012Validator(root, registry=registry, format_checker=jsonschema.FormatChecker())


def response_schema(openapi: dict, path: str, method: str, status: int, mimetype: str) -> dict:
    return openapi["paths"][path][method]["responses"][str(status)]["content"][mimetype]["schema"]


def test_openapi_document_describes_this_version(openapi):
    assert openapi["openapi"].startswith("3.1")
    assert openapi["info"]["version"] == __version__
    assert set(openapi["paths"]) == {"/v1/extract", "/healthz", "/openapi.json"}


def test_extract_200_matches_the_document(client, openapi):
    response = client.post(
        "/v1/extract",
        data=json.dumps({"url": "https://example.org/a", "html": fixture_bytes("article.html").decode()}),
        content_type="application/json",
    )
    schema = response_schema(openapi, "/v1/extract", "post", 200, "application/json")
    validator_for(openapi, schema).validate(response.get_json())


@pytest.mark.parametrize(
    ("status", "data", "content_type"),
    [
        (400, b"{", "application/json"),
        (415, b"x", "text/plain"),
        (422, b"<html><body></body></html>", "text/html"),
    ],
)
def test_extract_errors_match_the_document(client, openapi, status, data, content_type):
    response = client.post("/v1/extract", data=data, content_type=content_type)
    assert response.status_code == status
    schema = response_schema(openapi, "/v1/extract", "post", status, "application/problem+json")
    validator_for(openapi, schema).validate(response.get_json(force=True))


def test_every_documented_extract_status_is_one_the_api_gives(openapi):
    documented = set(openapi["paths"]["/v1/extract"]["post"]["responses"])
    assert documented == {"200", "400", "413", "415", "422", "429"}


def test_healthz_matches_the_document(client, openapi):
    schema = response_schema(openapi, "/healthz", "get", 200, "application/json")
    validator_for(openapi, schema).validate(client.get("/healthz").get_json())


def test_the_document_itself_is_valid_json_schema(openapi):
    for schema in openapi["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
