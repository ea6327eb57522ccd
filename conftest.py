"""pytest collects the doctests of ``cslint/`` too; the dataframe modules import pandas,
which only the optional extra ``cslint[dataframes]`` (and ``[test]``) installs."""
from importlib.util import find_spec

collect_ignore_glob = [] if find_spec("pandas") else ["cslint/dataframes/*"]
