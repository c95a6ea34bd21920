#!/bin/sh
# The health check of version 2.0.0: it fails (exit 1).
echo "gated-upgrade 2.0.0 is never healthy" >&2
exit 1
