"""Running a lint on this machine: worker processes and the per-rule time limit."""
