#!/bin/sh
# Starts the clusterlab kernel; the kernelspec's argv runs this script. It uses the Node.js that
# installed the kernel (CLUSTERLAB_NODE, set by the kernelspec) while that still exists, else the
# first `node` on PATH, so that the kernelspec survives an upgrade or removal of that Node.js.
node="${CLUSTERLAB_NODE:-}"
if [ -z "$node" ] || [ ! -x "$node" ]; then
  node="$(command -v node)" || {
    echo "clusterlab kernel: no Node.js to run it: '${CLUSTERLAB_NODE:-}' is not an executable and there is no node on PATH" >&2
    exit 127
  }
fi
exec "$node" "${0%/*}/../bin/clusterlab.js" kernel "$@"
