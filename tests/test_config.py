"""Settings: the defaults work out of the box, the file round-trips, and every mistake in it
becomes a sentence naming the file and the key instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from crm_tui import i18n
from crm_tui.config import (
    CONFIG_ENV,
    ConfigError,
    ProcessConfig,
    Settings,
    default_config_path,
    load_settings,
    save_settings,
    write_default_config,
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = i18n.get_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_data(path: Path, data: dict[str, Any]) -> Path:
    return write(path, tomli_w.dumps(data))


def config_error(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    return str(caught.value)


def defaults_as_data() -> dict[str, Any]:
    return Settings().model_dump(mode="json", exclude_none=True)


# The defaults


def test_defaults_describe_a_working_russian_b2b_setup() -> None:
    settings = Settings()
    codes = [role.code for role in settings.roles]
    assert codes == [
        "decision_maker",
        "influencer",
        "technical_specialist",
        "contract_approver",
        "finance",
        "security_officer",
        "tender_specialist",
    ]
    assert {role.code for role in settings.roles if role.key} == {"decision_maker", "finance"}
    assert settings.role_name("decision_maker", "ru") == "ЛПР"
    assert settings.role_name("decision_maker", "en") == "Decision maker"
    assert settings.timezone == "Europe/Moscow"
    assert settings.phone_region == "RU"
    assert settings.currency == "RUB"
    assert settings.pipelines and settings.lost_reasons
    first = settings.pipelines[0]
    assert settings.pipeline(first.code) is first
    assert settings.process == ProcessConfig()
    assert settings.process.assignment_strategy == "usual_manager"


def test_role_name_follows_the_process_language() -> None:
    settings = Settings()
    i18n.set_language("ru")
    assert settings.role_name("finance") == "Оплата / финансы"
    assert settings.role_name("retired_role") == "retired_role"


def test_unknown_pipeline_code_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        Settings().pipeline("no_such_pipeline")


def test_default_database_is_a_sqlite_file_unless_configured() -> None:
    url = Settings().effective_database_url()
    assert url.startswith("sqlite:///") and url.endswith("crm.db")
    assert Path(url.removeprefix("sqlite:///")).is_absolute()
    custom = "postgresql+psycopg://crm@db/crm"
    assert Settings(database_url=custom).effective_database_url() == custom


# Finding and reading the file


def test_config_path_honours_the_environment_variable(tmp_path: Path) -> None:
    kiosk = tmp_path / "kiosk.toml"
    assert default_config_path({CONFIG_ENV: str(kiosk)}) == kiosk
    fallback = default_config_path({})
    assert fallback.name == "config.toml" and fallback.parent.name == "crm-tui"


def test_a_missing_default_file_means_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "absent.toml"))
    assert load_settings(None) == Settings()


def test_the_default_file_is_read_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "config.toml", 'language = "ru"\n')
    monkeypatch.setenv(CONFIG_ENV, str(path))
    assert load_settings(None).language == "ru"


def test_an_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    message = config_error(path)
    assert str(path) in message
    assert "does not exist" in message


def test_a_partial_file_keeps_the_other_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml", '[process]\nstale_contact_days = 30\n[keymap]\n"deal.next" = "n"\n'
    )
    settings = load_settings(path)
    assert settings.process.stale_contact_days == 30
    assert settings.process.no_roles_reminder_days == 3
    assert settings.keymap == {"deal.next": "n"}
    assert settings.roles == Settings().roles


# Mistakes in the file


def test_bad_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.toml", 'language = "ru"\ntheme = "crm-dark"\ncurrency RUB\n')
    message = config_error(path)
    assert str(path) in message
    assert "line 3" in message
    assert "Traceback" not in message


def test_an_unknown_key_is_named_with_its_path(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml", "timezon = 'Europe/Moscow'\n[process]\nstale_contact_dayz = 5\n"
    )
    message = config_error(path)
    assert f"{path}: timezon: unknown setting" in message
    assert f"{path}: process.stale_contact_dayz: unknown setting" in message


def test_errors_are_explained_in_russian_when_the_ui_is_russian(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", "[process]\nstale_contact_dayz = 5\n")
    i18n.set_language("ru")
    assert "process.stale_contact_dayz: неизвестный параметр" in config_error(path)


def test_a_value_of_the_wrong_type_says_what_is_expected(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[process]\nstale_contact_days = "many"\n')
    assert "process.stale_contact_days: must be a whole number" in config_error(path)


def test_a_choice_outside_the_list_names_the_choices(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[process]\nassignment_strategy = "lottery"\n')
    message = config_error(path)
    assert "process.assignment_strategy" in message
    assert "round_robin" in message


@pytest.mark.parametrize(
    ("line", "key", "fragment"),
    [
        ('timezone = "Europe/Moskva"', "timezone", "Europe/Moskva"),
        ('phone_region = "XX"', "phone_region", "XX"),
        ('currency = "RUR1"', "currency", "RUR1"),
        ('language = "de"', "language", "'en', 'ru'"),
    ],
)
def test_invalid_values_are_refused_by_name(
    tmp_path: Path, line: str, key: str, fragment: str
) -> None:
    message = config_error(write(tmp_path / "c.toml", line + "\n"))
    assert f"{key}: " in message
    assert fragment in message


def test_phone_region_and_currency_are_normalised(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path / "c.toml", 'phone_region = "kz"\ncurrency = "usd"\n'))
    assert (settings.phone_region, settings.currency) == ("KZ", "USD")


def test_duplicate_role_codes_are_refused(tmp_path: Path) -> None:
    data = defaults_as_data()
    data["roles"].append({"code": "finance", "name_en": "Money", "name_ru": "Деньги"})
    message = config_error(write_data(tmp_path / "c.toml", data))
    assert "roles: role code finance is used twice" in message


def test_a_stage_rule_naming_an_unknown_role_is_refused(tmp_path: Path) -> None:
    data = defaults_as_data()
    data["pipelines"][0]["stages"][1].setdefault("rules", []).append(
        {"type": "role_required", "role": "astrologer"}
    )
    message = config_error(write_data(tmp_path / "c.toml", data))
    assert str(tmp_path / "c.toml") in message
    assert "astrologer" in message


def test_removing_a_role_that_a_rule_needs_is_refused(tmp_path: Path) -> None:
    data = defaults_as_data()
    data["pipelines"][0]["stages"][1].setdefault("rules", []).append(
        {"type": "role_required", "role": "tender_specialist"}
    )
    assert load_settings(write_data(tmp_path / "ok.toml", data))
    data["roles"] = [role for role in data["roles"] if role["code"] != "tender_specialist"]
    assert "tender_specialist" in config_error(write_data(tmp_path / "bad.toml", data))


def test_an_unknown_rule_type_points_into_the_pipeline(tmp_path: Path) -> None:
    data = defaults_as_data()
    data["pipelines"][0]["stages"][2]["rules"] = [{"type": "horoscope_favourable"}]
    message = config_error(write_data(tmp_path / "c.toml", data))
    assert "pipelines[0].stages[2].rules[0]" in message
    assert "horoscope_favourable" in message


def test_a_missing_rule_setting_is_named_by_its_key_path(tmp_path: Path) -> None:
    data = defaults_as_data()
    data["pipelines"][0]["stages"][2]["rules"] = [{"type": "required_fields"}]
    message = config_error(write_data(tmp_path / "c.toml", data))
    assert "pipelines[0].stages[2].rules[0].fields" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", 'timezone = "Mars/Olympus"\nphone_region = "XX"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert len(caught.value.problems) == 2


# Writing the file


def test_settings_survive_a_save_and_load(tmp_path: Path) -> None:
    settings = Settings(
        database_url="postgresql+psycopg://crm@db/crm",
        language="ru",
        timezone="Asia/Yekaterinburg",
        readonly_unknown_users=True,
        process=ProcessConfig(stale_contact_days=45, assignment_strategy="round_robin"),
        keymap={"deal.next": "ctrl+n", "app.help": "f1"},
    )
    path = tmp_path / "nested" / "dir" / "config.toml"
    save_settings(settings, path)
    assert load_settings(path) == settings


def test_defaults_survive_a_save_and_load_without_nulls(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(Settings(), path)
    text = path.read_text(encoding="utf-8")
    assert "database_url" not in text and "language" not in text
    assert load_settings(path) == Settings()


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(Settings(), path)
    save_settings(Settings(language="en"), path)
    assert os.listdir(tmp_path) == ["config.toml"]


def test_a_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    save_settings(Settings(language="ru"), path)

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        save_settings(Settings(language="en"), path)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == ["config.toml"]
    assert load_settings(path).language == "ru"


def test_write_default_config_gives_an_editable_starting_point(tmp_path: Path) -> None:
    path = write_default_config(tmp_path / "crm-tui" / "config.toml")
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert load_settings(path) == Settings()
    with pytest.raises(ConfigError, match="already exists"):
        write_default_config(path)


def test_settings_and_formatting_do_not_pull_in_the_ui_or_the_database() -> None:
    code = (
        "import sys, crm_tui.config, crm_tui.formatting;"
        "print(','.join(m for m in ('textual', 'rich', 'sqlalchemy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
