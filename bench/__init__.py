"""`make bench`: the numbers behind the README's Performance section (see bench/run.py)."""
