import re

import pytest
from django.test import Client


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


@pytest.mark.django_db
def test_graphiql_page_references_only_local_static_files():
    # when a browser opens the endpoint
    response = Client().get("/graphql/", HTTP_ACCEPT="text/html,application/xhtml+xml")

    # then GraphiQL is served from /static/ only: nothing from a CDN, so it works offline
    assert response.status_code == 200
    html = response.content.decode()
    assert asset_urls(html) == [
        "/static/api/graphiql/graphiql.min.css",
        "/static/api/graphiql/react.production.min.js",
        "/static/api/graphiql/react-dom.production.min.js",
        "/static/api/graphiql/graphiql.min.js",
        "/static/api/graphiql/graphiql-init.js",
    ]
    assert "http://" not in html and "https://" not in html
    assert 'data-endpoint="/graphql/"' in html
    assert '<html lang="fr">' in html


@pytest.mark.django_db
def test_every_graphiql_asset_is_served_and_loads_nothing_remote():
    client = Client()
    html = client.get("/graphql/", HTTP_ACCEPT="text/html").content.decode()

    for url in asset_urls(html):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 200, url
        # no stylesheet @import and no font or script fetched from another host
        assert not re.search(rb"@import|url\(\s*['\"]?https?://|<script[^>]+src=['\"]https?://", body), url


@pytest.mark.django_db
def test_get_without_html_is_a_json_405_and_post_still_answers():
    client = Client()

    refused = client.get("/graphql/", HTTP_ACCEPT="application/json")
    answered = client.post("/graphql/", data='{"query": "{ shop { name } }"}', content_type="application/json")

    assert refused.status_code == 405
    assert refused["Allow"] == "POST, OPTIONS"
    assert refused.json()["errors"][0]["message"] == ("Send GraphQL operations with POST (a JSON body); GET only "
                                                      "serves GraphiQL.")
    assert answered.status_code == 200
    assert answered.json() == {"data": {"shop": {"name": "Comptoir de Mormal"}}}
