"""GET /healthz, /readyz and /openapi.json, and the OpenAPI document checked against real responses."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from server import create_app
from server.api import health
from server.version import __version__
from tests.conftest import fixture_bytes

KEY = "k3y-0123456789abcdefghij"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "version": __version__}


def test_readyz_when_everything_works(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "checks": {"pipeline": "ok", "ratelimit_storage": "ok"}}


def test_readyz_is_503_when_the_pipeline_fails(client, monkeypatch):
    monkeypatch.setattr(health, "READINESS_PAGE", "<html><body></body></html>")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["pipeline"] == "failed"


def test_readyz_is_503_not_500_when_the_pipeline_crashes(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(health, "extract", broken)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["pipeline"] == "failed"


def test_readyz_reads_the_built_in_page_as_an_article():
    assert health.pipeline_works()


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


def test_openapi_document_describes_every_route_and_method(app, openapi):
    """The document and the app's routes are the same list: nothing undocumented, nothing extra."""
    routes = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    documented = {(path, method) for path, operations in openapi["paths"].items() for method in operations}
    assert documented == routes


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
    assert documented == {"200", "400", "401", "413", "415", "422", "429", "503"}


def check_documented_headers(openapi: dict, response, documented: dict) -> None:
    """Every header the document names for this response is there and fits its schema."""
    for name, spec in documented.items():
        if "$ref" in spec:
            spec = openapi["components"]["headers"][spec["$ref"].rsplit("/", 1)[-1]]
        assert name in response.headers, f"{name} is documented but missing"
        value = response.headers[name]
        if spec["schema"].get("type") == "integer":
            value = int(value)
        validator_for(openapi, spec["schema"]).validate(value)


@pytest.mark.parametrize(
    ("status", "settings", "headers"),
    [
        (200, {}, {}),
        (401, {"API_KEYS": KEY}, {}),
        (429, {"RATELIMIT_DEFAULT": "1/hour"}, {}),
    ],
)
def test_extract_statuses_and_headers_match_the_document(openapi, status, settings, headers):
    client = create_app({"TESTING": True, **settings}).test_client()
    body = json.dumps({"html": fixture_bytes("article.html").decode()})
    response = client.post("/v1/extract", data=body, content_type="application/json", headers=headers)
    if status == 429:
        response = client.post("/v1/extract", data=body, content_type="application/json")
    assert response.status_code == status
    documented = openapi["paths"]["/v1/extract"]["post"]["responses"][str(status)]
    mimetype = next(iter(documented["content"]))
    validator_for(openapi, documented["content"][mimetype]["schema"]).validate(response.get_json(force=True))
    check_documented_headers(openapi, response, documented.get("headers", {}))


def test_readyz_and_metrics_match_the_document(client, openapi):
    for path in ("/readyz", "/metrics"):
        response = client.get(path)
        documented = openapi["paths"][path]["get"]["responses"]["200"]
        assert response.mimetype == next(iter(documented["content"]))
        check_documented_headers(openapi, response, documented["headers"])
    schema = response_schema(openapi, "/readyz", "get", 200, "application/json")
    validator_for(openapi, schema).validate(client.get("/readyz").get_json())


def test_healthz_matches_the_document(client, openapi):
    schema = response_schema(openapi, "/healthz", "get", 200, "application/json")
    validator_for(openapi, schema).validate(client.get("/healthz").get_json())


def test_the_document_itself_is_valid_json_schema(openapi):
    for schema in openapi["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_readyz_with_rate_limiting_off_has_no_storage_to_check():
    client = create_app({"TESTING": True, "RATELIMIT_ENABLED": False}).test_client()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "checks": {"pipeline": "ok", "ratelimit_storage": "disabled"}}
