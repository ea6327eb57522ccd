"""Spark's ``mapInPandas`` function: batches in, ``lint_frame``'s findings out. The
SparkSession test runs where pyspark and Java are installed, and skips otherwise."""
from __future__ import annotations

import shutil
import sys

import pytest

pd = pytest.importorskip("pandas")

from test_dataframes import RULES, replies  # noqa: E402

from cslint.dataframes import lint_frame  # noqa: E402
from cslint.dataframes.spark import lint_batches, spark_schema  # noqa: E402


def test_each_batch_gives_lint_frame_s_findings() -> None:
    frame = replies()
    mapper = lint_batches("reply", None, "ticket", RULES, carry=["agent"])
    batches = list(mapper(iter([frame.iloc[:3], frame.iloc[3:]])))
    expected = lint_frame(frame, "reply", None, "ticket", RULES, carry=["agent"])
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), expected)


def test_the_schema_names_every_column_of_the_findings() -> None:
    assert spark_schema("ticket", "string", {"agent": "string"}) == (
        "`ticket` string, `agent` string, `line` bigint, `column` bigint, `end_line` bigint, `end_column` bigint, "
        "`code` string, `rule` string, `principle` string, `severity` string, `message` string"
    )


def test_on_a_local_spark_session(monkeypatch) -> None:
    pyspark_sql = pytest.importorskip("pyspark.sql")
    if shutil.which("java") is None:
        pytest.skip("no Java for Spark")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # the workers import this cslint and pandas
    spark = pyspark_sql.SparkSession.builder.master("local[2]").appName("cslint-test").getOrCreate()
    try:
        frame = replies()[["ticket", "agent", "reply"]].astype(object)
        frame["reply"] = frame["reply"].where(frame["reply"].notna(), None)
        findings = spark.createDataFrame(frame).mapInPandas(
            lint_batches("reply", None, "ticket", RULES, carry=["agent"]),
            schema=spark_schema("ticket", "string", {"agent": "string"}),
        ).toPandas()
    finally:
        spark.stop()
    expected = lint_frame(replies(), "reply", None, "ticket", RULES, carry=["agent"])
    assert sorted(map(tuple, findings.astype(str).values.tolist())) == sorted(map(tuple, expected.astype(str).values.tolist()))
