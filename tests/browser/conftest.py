"""Headless Chromium for the page tests: Debian's chromium driven through its chromedriver.

`make test` installs both (apt-get) and sets ``DAO_SIM_REQUIRE_BROWSER=1``, so a missing
browser fails the run there instead of skipping; elsewhere the tests are skipped with the
command that installs it. Every page a test opens is checked for console errors at the end.
``DAO_SIM_SCREENSHOTS=folder`` keeps the screenshots the tests take, to look at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("DAO_SIM_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("DAO_SIM_CHROMEDRIVER", "/usr/bin/chromedriver")
# The flags this machine's closed network needs (no background connections, no sandbox as root).
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1000")


def _missing() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[browser]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return ""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    missing = _missing()
    if missing:
        if os.environ.get("DAO_SIM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="dao-sim-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """The browser, its console emptied before the test and checked for errors after it."""
    browser.get_log("browser")
    yield browser
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
    assert not errors, f"console errors: {errors}"


@pytest.fixture
def screenshot(browser: Any, tmp_path: Path) -> Any:
    """``screenshot(name)`` saves the page as PNG (kept in $DAO_SIM_SCREENSHOTS when set)."""

    def take(name: str) -> Path:
        folder = Path(os.environ.get("DAO_SIM_SCREENSHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        assert browser.save_screenshot(str(path)), f"no screenshot taken of {name}"
        assert path.stat().st_size > 10_000, f"{name}: the screenshot is nearly empty"
        return path

    return take
