"""The test run's options, here at the root so that every path given to
pytest (``pytest cleaner/ --runslow``, ``pytest tests/``) knows them."""

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--runslow",
        action="store_true",
        help="also run the tests marked slow (the README's whole-suite command and CI do)",
    )


def pytest_collection_modifyitems(config, items):
    """A bare ``pytest`` skips the slow tests, so that it takes under a minute
    while editing; ``--runslow`` runs every test (the pattern of pytest's own docs)."""
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
