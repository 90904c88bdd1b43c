"""Configuration: one Settings from TOML + KIOSK_* env; bad keys and values name the key."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from kiosk.config import ConfigError, Mode, Settings, load_settings

EXAMPLE = resources.files("kiosk") / "resources" / "kiosk.example.toml"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("KIOSK_"):
            monkeypatch.delenv(name)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_start_the_embedded_sandbox() -> None:
    settings = load_settings()
    assert settings.portal.url == ""
    assert settings.idle.timeout_seconds == 90 and settings.idle.countdown_seconds == 20
    assert settings.kiosk.mode is Mode.KIOSK


def test_file_then_environment_then_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path,
        '[portal]\nurl = "https://portal.oj.gob.gt"\nread_timeout = 7\n'
        "[idle]\ntimeout_seconds = 60\n",
    )
    monkeypatch.setenv("KIOSK_IDLE__TIMEOUT_SECONDS", "120")
    monkeypatch.setenv("KIOSK_KIOSK__MODE", "desk")
    settings = load_settings(path, {"portal": {"url": "http://127.0.0.1:9000"}})
    assert settings.portal.url == "http://127.0.0.1:9000"  # override wins
    assert settings.portal.read_timeout == 7  # file, kept next to an override of the same section
    assert settings.idle.timeout_seconds == 120  # environment beats the file
    assert settings.kiosk.mode is Mode.DESK


def test_config_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", str(write(tmp_path, '[printer]\nqueue = "OJ-Sala-1"\n')))
    assert load_settings().printer.queue == "OJ-Sala-1"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[portal]\nurll = "x"\n', "portal.urll"),
        ("[idle]\ntimeout_seconds = 3\n", "idle.timeout_seconds"),
        ('[kiosk]\nmode = "arcade"\n', "kiosk.mode"),
        ('[portal]\nurl = "ftp://x"\n', "portal.url"),
        ('[portal]\nurl = "http://portal.oj.gob.gt"\n', "portal.url"),
        ('[portal]\npublic_url = "http://servicios.oj.gob.gt"\n', "portal.public_url"),
        ('[portal]\npublic_url = "servicios.oj.gob.gt"\n', "portal.public_url"),
        ('[staff]\npin_hash = "1234"\n', "staff.pin_hash"),
        ('[scanner]\nengine = "zbar"\n', "scanner.engine"),
        ("[colors]\nbg = 1\n", "colors"),
    ],
)
def test_bad_key_or_value_names_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, text))
    assert err.value.key == key


def test_public_url_of_verification_links(tmp_path: Path) -> None:
    path = write(tmp_path, '[portal]\npublic_url = "https://servicios.oj.gob.gt/"\n')
    assert load_settings(path).portal.public_url == "https://servicios.oj.gob.gt"


def test_unknown_environment_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_PORTL__URL", "x")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert err.value.key == "KIOSK_PORTL__URL"


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no existe"):
        load_settings(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="TOML"):
        load_settings(write(tmp_path, "[portal\n"))


def test_example_file_loads_and_documents_every_key() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    settings = load_settings(str(EXAMPLE))
    assert settings.model_dump() == Settings().model_dump()  # the example shows the defaults
    documented = set(re.findall(r"^#?\s*([a-z_]+) = ", text, flags=re.MULTILINE))
    for section, model in Settings.model_fields.items():
        assert f"[{section}]" in text
        for key in model.annotation.model_fields:  # type: ignore[union-attr]
            assert key in documented, f"{section}.{key} is not in the example file"


def test_cli_exits_2_naming_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, "[idle]\ncountdown_seconds = -1\n")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "idle.countdown_seconds" in result.stderr
