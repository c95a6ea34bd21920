#!/bin/sh
# Takes a second, then records that the hook ran.
set -eu
sleep 1
echo "$1" >> "$PITRIX_DATA_DIR/hooks.log"
