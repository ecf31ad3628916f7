#!/bin/sh
# setup.sh - Gradescope's image setup (Ubuntu or Debian, run once as root):
# the packages Baton needs, then the reference's simulator and trace
# viewer built, so that each submission rebuilds only the lab's files.
# Gradescope unpacks the autograder zip (labs/gradescope/make-zip.sh) into
# /autograder/source and runs this from there.
set -eu
cd /autograder/source
apt-get update -qq
apt-get install -y -qq --no-install-recommends make >/dev/null
make deps
make -s build/bin/baton-sim build/bin/baton-trace
