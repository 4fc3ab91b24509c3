"""``time_limit_s`` bounds the whole call: the search leaves time for finishing the plan."""

from __future__ import annotations

import pytest

from penempatan.solving._solve import FINISH_MAX_SHARE, finishing_reserve


@pytest.mark.parametrize("explain", [True, False])
def test_the_reserve_grows_with_the_network_and_never_takes_the_search(explain: bool) -> None:
    small, large = (
        finishing_reserve(1_000, 30.0, explain),
        finishing_reserve(400_000, 30.0, explain),
    )
    assert 0 < small < large
    assert finishing_reserve(10**9, 30.0, explain) == pytest.approx(FINISH_MAX_SHARE * 30.0)


def test_explaining_keeps_back_more_than_assembling_alone() -> None:
    assert finishing_reserve(400_000, 30.0, True) > finishing_reserve(400_000, 30.0, False)
