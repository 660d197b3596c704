"""Runs the Python package's tests against the servers named in the environment (see
clients/python/check.sh): every ``test_*`` function of the modules of one part, in order."""
import importlib
import sys
import time

PARTS = {
    "main": [
        "test_replay",
        "test_extract",
        "test_stream",
        "test_admin",
        "test_curation",
        "test_retry",
        "test_aio",
    ],
    # Needs a server with ListEdits and RevertEdit.
    "history": ["test_history"],
}


def main(part: str) -> None:
    count = 0
    for name in PARTS[part]:
        module = importlib.import_module(name)
        for attr in dir(module):
            if attr.startswith("test_"):
                started = time.monotonic()
                getattr(module, attr)()
                count += 1
                print(f"ok   {name}.{attr} ({time.monotonic() - started:.2f} s)")
    print(f"python package: {count} tests passed ({part})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "main")
