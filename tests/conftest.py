"""Shared fixtures: one real Label Studio server for the whole session (Django starts
slowly, so every live test shares it), and the folder for test artifacts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgold.labelstudio.server import LabelStudioServer, ServerSettings, free_port, start_server

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts"
TEST_TOKEN = "newsgold-test-token-0123456789"
TEST_USER = "admin@newsgold.local"
TEST_PASSWORD = "newsgold-test-pass"


def _fresh_label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudioServer]:
    settings = ServerSettings(
        port=free_port(),
        data_dir=tmp_path_factory.mktemp("labelstudio-data"),
        username=TEST_USER,
        password=TEST_PASSWORD,
        token=TEST_TOKEN,
    )
    server = start_server(settings)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def ls_client(label_studio: LabelStudioServer) -> Any:
    from newsgold.labelstudio.client import connect

    return connect(label_studio.url, TEST_TOKEN)


@pytest.fixture(scope="session")
def ls_credentials() -> dict[str, str]:
    return {"username": TEST_USER, "password": TEST_PASSWORD, "token": TEST_TOKEN}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudioServer]:
    """A real Label Studio on 127.0.0.1, free port, fresh data dir; stopped at the end."""
    yield from _fresh_label_studio(tmp_path_factory)


@pytest.fixture(scope="module")
def own_label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudioServer]:
    """A real Label Studio of the requesting module's own (fixed project titles, own users)."""
    yield from _fresh_label_studio(tmp_path_factory)
