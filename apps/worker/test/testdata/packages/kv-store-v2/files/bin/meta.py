#!/usr/bin/env python3
"""Reads this node's metadata view ($PITRIX_METADATA_URL/self) and prints what a hook needs.

  meta.py get <path>               the value at /self/<path> (text for scalars, JSON otherwise)
  meta.py nodes <section> <role>   one line "ip sid gid node_id" per node, by sid; section is
                                   hosts, adding-hosts or deleting-hosts
"""
import json
import os
import sys
import urllib.error
import urllib.request


def fail(message):
    sys.stderr.write("meta.py: %s\n" % message)
    sys.exit(1)


def view():
    base = os.environ.get("PITRIX_METADATA_URL")
    if not base:
        fail("PITRIX_METADATA_URL is not set")
    try:
        with urllib.request.urlopen(base.rstrip("/") + "/self", timeout=5) as response:
            return json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as err:
        fail("cannot read %s/self: %s" % (base, err))


def get(data, path):
    for part in [p for p in path.split("/") if p]:
        if not isinstance(data, dict) or part not in data:
            fail("no /self/%s in the metadata view" % path)
        data = data[part]
    return data


def main(argv):
    if len(argv) == 2 and argv[0] == "get":
        value = get(view(), argv[1])
        print(json.dumps(value) if isinstance(value, (dict, list)) else str(value).lower() if isinstance(value, bool) else value)
    elif len(argv) == 3 and argv[0] == "nodes":
        nodes = (view().get(argv[1]) or {}).get(argv[2]) or {}
        for node_id, node in sorted(nodes.items(), key=lambda item: int(item[1].get("sid", 0))):
            print("%s %s %s %s" % (node["ip"], node.get("sid", 0), node.get("gid", 0), node_id))
    else:
        fail("usage: meta.py get <path> | meta.py nodes <hosts|adding-hosts|deleting-hosts> <role>")


if __name__ == "__main__":
    main(sys.argv[1:])
