#!/bin/sh
# Fixture script: the lint only needs it to exist and be executable.
set -eu
echo "ctl $*"
