import pytest


@pytest.fixture
def make_key(db):
    from reunify.api.services import api_key_create

    def make(scopes=("read", "write"), org="Hôpital Saint-Louis", **kwargs):
        key, raw = api_key_create(organisation_name=org, scopes=list(scopes), **kwargs)
        return key, {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}

    return make


@pytest.fixture
def api(client):
    def call(method, url, data=None, headers=None):
        kwargs = {"content_type": "application/json"} if method == "post" else {}
        return getattr(client, method)(url, data, **kwargs, **(headers or {}))

    return call
