"""``lint_dask`` on a local cluster of two worker processes: exactly the findings of
``lint_frame`` on the same rows, and the rules compiled once per worker."""
from __future__ import annotations

import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from test_dataframes import RULES, replies  # noqa: E402

from cslint.dataframes import lint_frame  # noqa: E402
from cslint.dataframes.dask import lint_dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def many() -> pd.DataFrame:
    """Replies enough for several partitions."""
    frame = pd.concat([replies()] * 20, ignore_index=True)
    frame["ticket"] = [f"T-{n}" for n in range(len(frame))]
    return frame


def rules_compiled() -> int:
    """Linters this worker process built for the test rules."""
    from cslint import api

    return sum(1 for config, _ in api._LINTERS.values() if config == RULES)


def test_the_findings_are_lint_frame_s_on_the_same_rows(client) -> None:
    frame = many()
    ddf = dd.from_pandas(frame, npartitions=6)
    lazy = lint_dask(ddf, text_column="reply", id_column="ticket", config=RULES, carry=["agent"])
    expected = lint_frame(frame, text_column="reply", id_column="ticket", config=RULES, carry=["agent"])
    assert list(lazy.columns) == list(expected.columns)
    found = lazy.compute().reset_index(drop=True)
    assert len(found) == len(expected) == 100
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)
    assert [str(t) for t in found.dtypes[2:6]] == ["int64"] * 4
    assert sorted(client.run(rules_compiled).values()) == [1, 1]  # six partitions, two workers
