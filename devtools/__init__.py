"""Developer tooling: reads infra/template.yaml so tests and the local server run exactly what deploys."""
