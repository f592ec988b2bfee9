"""One cold start, in a fresh interpreter: `python bench/cold.py baseline|handler`.

handler: import the function's handler module (its folder and the shared layer are on PYTHONPATH, as in
Lambda) and so build what it builds at import. baseline: `import boto3; boto3.client("dynamodb")`.
Prints the seconds the import took, in-process (the parent also times the whole process).
"""

import sys
import time

start = time.perf_counter()
if sys.argv[1] == "baseline":
    import boto3

    boto3.client("dynamodb")
else:
    import app  # noqa: F401
sys.stdout.write(f"{time.perf_counter() - start:.6f}\n")
