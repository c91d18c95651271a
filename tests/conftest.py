import pytest
from rasa.shared.core.domain import Domain

from tests.live.harness import ROOT


@pytest.fixture(scope="session")
def domain() -> Domain:
    """The whole domain, merged from domain/ as Rasa does."""
    return Domain.load(str(ROOT / "domain"))


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL (Debian's package) for the storage tests' PostgreSQL cases; started on first use."""
    from tests.scaled_services import postgres_server

    with postgres_server() as pg:
        yield pg
