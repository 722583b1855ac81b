"""Core tests of iso_time.parse: Z is UTC, no zone is UTC, an offset is kept, junk refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from connect_tui.core import iso_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-28T22:00:00Z", datetime(2026, 11, 28, 22, tzinfo=UTC)),
        ("2026-11-28T22:00:00", datetime(2026, 11, 28, 22, tzinfo=UTC)),
        ("2026-11-28T22:00:00.500Z", datetime(2026, 11, 28, 22, 0, 0, 500000, tzinfo=UTC)),
        (
            "2026-11-28T23:00:00+01:00",
            datetime(2026, 11, 28, 23, tzinfo=timezone(timedelta(hours=1))),
        ),
    ],
)
def test_times_are_read_with_a_zone(text: str, expected: datetime) -> None:
    parsed = iso_time.parse(text)
    assert parsed == expected and parsed.tzinfo is not None


def test_what_is_no_time_is_refused() -> None:
    with pytest.raises(ValueError):
        iso_time.parse("saturday night")
