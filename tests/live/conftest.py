import uuid

import pytest

from tests.live.harness import BotServers


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.live)


@pytest.fixture(scope="session")
def bot():
    servers = BotServers().start()
    yield servers
    servers.stop()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id per test."""
    return f"test-{uuid.uuid4().hex[:12]}"


# Widget session ids of `short_idle_bot` stop resuming after this many quiet seconds (the default is an hour).
SHORT_IDLE_SECONDS = 10


@pytest.fixture(scope="session")
def short_idle_bot():
    """A second bot whose widget session ids expire after SHORT_IDLE_SECONDS (test_security_live.py,
    test_widget_live.py); started only when a test asks for it."""
    servers = BotServers(extra_env={"HARMBOT_SOCKET_SESSION_MAX_IDLE_SECONDS": str(SHORT_IDLE_SECONDS)}).start()
    yield servers
    servers.stop()
