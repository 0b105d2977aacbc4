#!/bin/sh
# Takes a pull request's records into the base branch's checkout, as data: leases/ and documents/
# replace the base's, without symbolic links and without any executable bit; nothing else from
# the pull request (no code, no package files, no leasekit.yaml) is used. Then the pull
# request's checkout is removed. Usage: leasekit-take-records.sh PULL_REQUEST_CHECKOUT
set -eu
pull="$1"
for dir in leases documents; do
  rm -rf "./$dir"
  if [ -d "$pull/$dir" ] && [ ! -L "$pull/$dir" ]; then
    cp -R -P "$pull/$dir" "./$dir"
    find "./$dir" -type l -exec rm -f {} +
    find "./$dir" -type f -exec chmod a-x {} +
  fi
done
rm -rf "$pull"
