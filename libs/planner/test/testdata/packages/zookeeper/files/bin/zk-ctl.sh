#!/bin/sh
# Fixture script: the planner only needs the package to pass lint.
set -eu
echo "zk-ctl $*"
