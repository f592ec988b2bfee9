"""What `sam build` ships and how (infra/Makefile's recipes), and the system packages `make test` needs."""
