import pytest
from rasa.shared.core.domain import Domain

from tests.live.harness import ROOT


@pytest.fixture(scope="session")
def domain() -> Domain:
    """The whole domain, merged from domain/ as Rasa does."""
    return Domain.load(str(ROOT / "domain"))
