#!/bin/sh
# make-zip.sh LAB [ZIP] - the autograder zip to upload to Gradescope for
# lab LAB (default ZIP: build/gradescope/LAB.zip): this tree without
# build/ and .git, with setup.sh and run_autograder at its top and LAB
# written in labs/gradescope/LAB. Hidden tests (labs/LAB/hidden.conf) go
# in: the zip is the instructor's, never the students'.
set -eu
[ $# -ge 1 ] || { echo "usage: labs/gradescope/make-zip.sh LAB [ZIP]" >&2; exit 2; }
cd "$(dirname "$0")/../.."
lab=$1 zip=${2:-build/gradescope/$1.zip}
[ -f "labs/$lab/lab.conf" ] || { echo "make-zip: no lab '$lab'" >&2; exit 1; }
command -v zip >/dev/null || { echo "make-zip: needs zip (apt-get install zip)" >&2; exit 1; }
stage=build/gradescope/$lab
rm -rf "$stage" && mkdir -p "$stage"
tar -cf - --exclude=./build --exclude=./.git . | tar -xf - -C "$stage"
cp labs/gradescope/setup.sh labs/gradescope/run_autograder "$stage/"
echo "$lab" >"$stage/labs/gradescope/LAB"
zip="$(cd "$(dirname "$zip")" && pwd)/$(basename "$zip")"
rm -f "$zip" && (cd "$stage" && zip -qr "$zip" .)
echo "make-zip: $zip (upload it as the autograder of lab $lab)"
