import pytest

from tests.helpers.scim import Directory, new_directory


@pytest.fixture
def token(app):
    return new_directory()


@pytest.fixture
def directory(client, token) -> Directory:
    return Directory(client, token)


@pytest.fixture
def other_directory(app) -> Directory:
    return Directory(app.test_client(), new_directory("Another organisation"))
