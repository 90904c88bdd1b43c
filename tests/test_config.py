"""Configuration: one Settings from TOML + KIOSK_* env; bad keys and values name the key."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from kiosk.config import ConfigError, Mode, Settings, load_settings

EXAMPLE = resources.files("kiosk.resources") / "kiosk.example.toml"


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


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1@evil.example/", "usuario"),
        ("http://127.0.0.1:9000@evil.example", "usuario"),
        ("http://127.0.0.1\\@evil.example", "usuario"),
        ("https://kiosk:secreto@portal.oj.gob.gt", "usuario"),
        ("http://127.evil.example", "loopback"),
        ("http://localhost.evil.example", "loopback"),
        ("http://127.0.0.1.nip.io:8000", "loopback"),
        ("http://[::ffff:7f00:1]", "loopback"),
        ("http://127.0.0.1#@evil.example", "? ni #"),
        ("http://127.0.0.1:notaport", "puerto"),
        ("https://:443", "servidor"),
    ],
)
def test_plain_http_only_to_a_real_loopback_host(url: str, why: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(overrides={"portal": {"url": url}})
    assert err.value.key == "portal.url"
    assert why in err.value.problem


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9000",
        "http://127.0.0.2",
        "http://[::1]:8000/",
        "http://localhost:8000",
        "https://portal.oj.gob.gt",
        "https://10.1.2.3:8443/portal",
    ],
)
def test_loopback_http_and_any_https_are_accepted(url: str) -> None:
    assert load_settings(overrides={"portal": {"url": url}}).portal.url == url.rstrip("/")


def test_unreadable_config_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    with pytest.raises(ConfigError, match="carpeta") as err:
        load_settings(tmp_path)
    assert err.value.key == str(tmp_path)
    path = write(tmp_path, "[idle]\n")
    real_read_text = Path.read_text

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        if self == path:  # root reads a chmod 000 file anyway: refuse it here
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", denied)
    with pytest.raises(ConfigError, match="permiso denegado") as err:
        load_settings(path)
    assert err.value.key == str(path)


@pytest.mark.parametrize("value", ["notjson", "", '{"url": "https://x"'])
def test_section_variable_must_be_json(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("KIOSK_PORTAL", value)
    with pytest.raises(ConfigError, match="JSON") as err:
        load_settings()
    assert err.value.key == "KIOSK_PORTAL"


def test_section_variable_in_json_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_PRINTER", '{"queue": "OJ-Sala-2"}')
    assert load_settings().printer.queue == "OJ-Sala-2"


def test_log_file_needs_a_folder_above_it(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for log_file, why in (
        (tmp_path / "afile" / "kiosk.log", "afile es un archivo"),
        (tmp_path / "afile" / "sub" / "kiosk.log", "afile es un archivo"),
        (tmp_path, "es una carpeta"),
    ):
        with pytest.raises(ConfigError, match=why) as err:
            load_settings(overrides={"log": {"file": str(log_file)}})
        assert err.value.key == "log.file"
    new_folder = tmp_path / "logs" / "kiosk.log"
    assert load_settings(overrides={"log": {"file": str(new_folder)}}).log.file == new_folder


def test_offline_grace_days_of_the_trust_list(tmp_path: Path) -> None:
    assert load_settings().trust.offline_grace_days == 3
    for days in (0, 30):
        path = write(tmp_path, f"[trust]\noffline_grace_days = {days}\n")
        assert load_settings(path).trust.offline_grace_days == days
    for bad in ("-1", "31", '"tres"'):
        with pytest.raises(ConfigError) as err:
            load_settings(write(tmp_path, f"[trust]\noffline_grace_days = {bad}\n"))
        assert err.value.key == "trust.offline_grace_days", bad
