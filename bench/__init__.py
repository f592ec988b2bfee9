"""`make bench`: the numbers behind bench/README.md (see bench/run.py)."""
