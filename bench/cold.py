"""One cold start, in a fresh interpreter: `python bench/cold.py baseline|sdk|handler [module]`.

handler: import the handler module (`app`: the function's folder and the shared layer are on PYTHONPATH,
as in Lambda; or the peer's module) and so build what it builds at import. baseline:
`import boto3; boto3.client("dynamodb")`. sdk: `import boto3` alone (the difference is what creating
the first client costs: no handler creates one at import, each does on its first request).
Prints the seconds the import took, in-process (the parent also times the whole process).
"""

import sys
import time

start = time.perf_counter()
if sys.argv[1] == "baseline":
    import boto3

    boto3.client("dynamodb")
elif sys.argv[1] == "sdk":
    import boto3
else:
    import importlib

    importlib.import_module(sys.argv[2] if len(sys.argv) > 2 else "app")
sys.stdout.write(f"{time.perf_counter() - start:.6f}\n")
