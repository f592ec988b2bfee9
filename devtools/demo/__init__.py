"""The demo data `make dev` seeds."""
