"""Every use of a dependency's private API, in one place.

Each module here names the versions it was written for (PINNED), probes that the private names
still behave as it expects (probe(); tests/test_architecture.py runs every probe on the versions
from requirements.lock) and links the upstream issue or pull request that would make it
unnecessary. Nothing here imports the rest of the package.
"""
