#!/bin/sh
# The upgrade hook of this test version: it refuses, so the upgrade fails once the new files are on the nodes.
printf 'kv: the upgrade to 1.1.0 is refused on purpose\n' >&2
exit 1
