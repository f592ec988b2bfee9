"""`make openapi`: openapi.json described from the code, and docs/api.md made from it."""
