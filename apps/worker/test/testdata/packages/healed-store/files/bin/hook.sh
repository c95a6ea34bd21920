#!/bin/sh
# Records every hook run; init writes the birth record on the volume only when there is none.
set -eu
echo "$1 $(date +%s%N)" >> "$PITRIX_DATA_DIR/hooks.log"
if [ "$1" = init ] && [ ! -e "$PITRIX_DATA_DIR/data/born" ]; then
  date +%s%N > "$PITRIX_DATA_DIR/data/born"
fi
