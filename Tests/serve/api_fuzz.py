"""API fuzz pass of the what-if page (model.md §21, issue 20): schemathesis against
/api/openapi.json with a bounded number of examples; no 5xx, every status, content type and
body as the document says. The server is started on a free loopback port and stopped by pid.

    api_fuzz.py --binary .build/debug/fiscal-sim-serve [--examples 15]
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from served import Served  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--schemathesis", default=".venv-serve/bin/schemathesis")
    parser.add_argument("--examples", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    # Jobs are kept small (--max-paths) so that the fuzzer's jobs finish in seconds.
    with Served(arguments.binary, args=["--max-paths", "2000"]) as server:
        command = [
            os.path.abspath(arguments.schemathesis), "run", f"{server.url}api/openapi.json",
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--max-examples", str(arguments.examples), "--seed", str(arguments.seed), "--workers", "1",
            "--phases", "examples,coverage,fuzzing", "--no-color",
        ]
        # Run in a scratch folder: schemathesis keeps its example cache in the current directory.
        scratch = os.path.join(os.environ.get("TMPDIR", "/tmp"), "fiscal-sim-serve-fuzz")
        os.makedirs(scratch, exist_ok=True)
        result = subprocess.run(command, capture_output=True, text=True, cwd=scratch)
        lines = result.stdout.splitlines()
        summary = [line for line in lines if "generated" in line or "passed" in line or "failure" in line]
        if result.returncode != 0:
            print(result.stdout[-6000:], result.stderr[-2000:])
            print("api-fuzz: FAILED")
            sys.exit(1)
        print("api-fuzz:", " ".join(line.strip() for line in summary[-2:]))


if __name__ == "__main__":
    main()
