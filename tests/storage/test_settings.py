from __future__ import annotations

import json
from pathlib import Path

import pytest

from ankle_trainer.storage.settings import Settings, SettingsStore


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    result = SettingsStore(tmp_path / "settings.json").load()
    assert result.settings == Settings() and result.notice is None


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    changed = Settings().with_changes(
        theme="dark", reminder_days=(1, 3), reminder_time="07:45", voice_rate=-0.5, pain_threshold=4
    )
    store.save(changed)
    assert store.load() == (changed, None, None)
    assert json.loads((tmp_path / "settings.json").read_text())["reminder_days"] == [1, 3]
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp files left


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"theme": "purple"}, "theme must be one of system, light, dark"),
        ({"sound_volume": 101}, "from 0 to 100"),
        ({"reminder_time": "25:00"}, "HH:MM"),
        ({"reminder_days": (1, 1)}, "distinct weekdays"),
        ({"get_ready_seconds": True}, "whole number"),
        ({"safe_zone_max": 5}, "safe_zone_max must be a whole number from 0 to 4"),
        ({"days_between_load_steps": 0}, "from 1 to 28"),
        ({"symmetry_flag_percent": 101}, "from 50 to 100"),
    ],
)
def test_bad_values_are_refused_with_a_reason(change: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings().with_changes(**change)


def test_hand_broken_values_fall_back_one_by_one_and_the_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    original = json.dumps({"theme": "dark", "sound_volume": 900, "reminder_time": "soon", "future_key": 1})
    path.write_text(original)
    result = SettingsStore(path).load()
    assert result.settings.theme == "dark"  # the good value is kept
    assert result.settings.sound_volume == 70 and result.settings.reminder_time == "18:00"
    assert result.notice is not None
    assert "sound_volume must be a whole number from 0 to 100 (found 900)" in result.notice
    assert result.kept_aside is not None and result.kept_aside.read_text() == original
    assert str(result.kept_aside) in result.notice
    assert not path.exists()


@pytest.mark.parametrize("content", [b"{ not json", b"[1, 2]", b"\xff\xfe\x00"])
def test_corrupt_file_gives_defaults_and_is_kept(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    result = SettingsStore(path).load()
    assert result.settings == Settings()
    assert result.notice is not None and result.notice.startswith("Your settings file could not be read (")
    assert f"so the defaults are used; the damaged file is kept as {result.kept_aside}." in result.notice
    assert "JSON" not in result.notice
    assert result.kept_aside is not None and result.kept_aside.read_bytes() == content


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings().with_changes(theme="light"))

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", boom)
    with pytest.raises(OSError):
        store.save(Settings().with_changes(theme="dark"))
    assert store.load().settings.theme == "light"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_where_settings_live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert SettingsStore.for_app(tmp_path / "d", data_dir_chosen=True).path == tmp_path / "d" / "settings.json"
    assert SettingsStore.for_app(tmp_path / "d", data_dir_chosen=False).path == (
        tmp_path / "cfg" / "ankle-trainer" / "settings.json"
    )


def test_progression_defaults_come_from_the_clinical_notes() -> None:
    from ankle_trainer.storage.settings import thresholds

    t = thresholds(Settings())
    assert (t.safe_max, t.days_between_steps, t.acceptable_max, t.morning_rise_back_off) == (2, 7, 5, 2)
    assert Settings().symmetry_flag_percent == 90
    custom = thresholds(Settings().with_changes(safe_zone_max=1, days_between_load_steps=14))
    assert (custom.safe_max, custom.days_between_steps) == (1, 14)


def test_the_safe_zone_stays_below_a_low_pain_threshold() -> None:
    from ankle_trainer.storage.settings import thresholds

    t = thresholds(Settings().with_changes(pain_threshold=2))
    assert (t.safe_max, t.acceptable_max) == (1, 2)


def test_a_bad_safe_zone_in_the_file_falls_back_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"safe_zone_max": 9, "days_between_load_steps": 14, "theme": "dark"}))
    result = SettingsStore(path).load()
    assert result.settings.safe_zone_max == 2 and result.settings.days_between_load_steps == 14
    assert result.settings.theme == "dark"
    assert result.notice is not None and "safe_zone_max must be a whole number from 0 to 4" in result.notice


def test_a_file_saved_with_a_byte_order_mark_is_read_and_nothing_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"weekly_target": 5}).encode())
    loaded = SettingsStore(path).load()
    assert loaded.notice is None
    assert loaded.settings.weekly_target == 5
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
