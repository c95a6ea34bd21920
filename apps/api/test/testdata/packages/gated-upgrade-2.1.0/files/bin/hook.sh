#!/bin/sh
# Records every hook run, with the package version that ran it, in the node's data folder.
set -eu
echo "$1 2.1.0" >> "$PITRIX_DATA_DIR/hooks.log"
