#!/bin/sh
# Run a command with no network but loopback (the kernel needs loopback for Jupyter kernels).
# Where network namespaces are not allowed (no root, no user namespaces), say so and run it as is.
if unshare -n true 2>/dev/null; then
  exec unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$@"
fi
echo "note: cannot drop the network here (unshare -n not permitted); running with it" >&2
exec "$@"
