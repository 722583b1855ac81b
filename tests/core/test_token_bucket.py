"""Core tests of TokenBucket: take refuses an empty bucket, reserve queues behind it."""

from __future__ import annotations

from connect_tui.core.sending import Pacer
from connect_tui.core.token_bucket import TokenBucket

# So slow that nothing refills while a test runs: what is left is what the calls took.
STILL = 1e-6


def test_take_spends_the_burst_then_refuses_without_taking() -> None:
    bucket = TokenBucket(STILL, 2)
    assert [bucket.take() for _ in range(4)] == [True, True, False, False]


def test_reserve_queues_each_caller_behind_the_one_before() -> None:
    bucket = TokenBucket(STILL, 1)
    first, second, third = (bucket.reserve() for _ in range(3))
    assert first == 0.0
    # One token short, then two: each waits a token's time longer than the one before.
    assert 0.99 / STILL < second < third and third > 1.99 / STILL
    assert not bucket.take()


def test_the_pacer_is_a_bucket_a_little_under_its_rate() -> None:
    pacer = Pacer(2, 5)
    assert isinstance(pacer, TokenBucket) and pacer.rate == 2 * (1 - Pacer.HEADROOM)
