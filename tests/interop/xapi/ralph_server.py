"""Ralph LRS on loopback for the xAPI tests, run with this folder's own venv:
    .venv/bin/python ralph_server.py PORT
with RALPH_APP_DIR (auth.json), RALPH_RUNSERVER_BACKEND=fs and
RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH set by the test (see interop.md)."""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

# The fs backend takes only the first write unless told to append (interop.md).
FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
