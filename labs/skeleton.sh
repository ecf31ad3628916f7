#!/bin/sh
# skeleton.sh LAB DEST - write the student's starting tree of lab LAB
# (labs/LAB/) to DEST: this tree without build/ and .git, without what
# would give solutions or grading away (tests/alt/: a second solution;
# tests/labs/: the grader's planted bugs; labs/*/hidden.conf: hidden
# tests), and with the solution regions of LAB cut out of the files that
# labs/LAB/lab.conf lists ("files"), each replaced by its TODO and stub
# (labs/skeleton.awk, docs/labs.md "Solution markers").
# Files not cut keep their modification time, so a build copied from this
# tree (labs/grade does) rebuilds only what the lab changed.
# Exit status 1 if LAB is unknown, DEST exists and is not empty, a listed
# file has no region, or a region is broken.
set -u
[ $# -eq 2 ] || { echo "usage: labs/skeleton.sh LAB DEST" >&2; exit 2; }
lab=$1 dest=$2
cd "$(dirname "$0")/.." || exit 2
conf=labs/$lab/lab.conf
[ -f "$conf" ] || { echo "skeleton: no lab '$lab' (no $conf); labs: $(ls -d labs/*/ | cut -d/ -f2 | tr '\n' ' ')" >&2; exit 1; }
if [ -d "$dest" ] && [ -n "$(ls -A "$dest")" ]; then
    echo "skeleton: $dest exists and is not empty" >&2
    exit 1
fi
mkdir -p "$dest" || exit 1
tar -cf - --exclude=./build --exclude=./.git --exclude=./tests/alt --exclude=./tests/labs \
    --exclude='./labs/*/hidden.conf' --exclude='./labs/*/hidden' . | tar -xpf - -C "$dest" || exit 1
cut=0
for f in $(awk '$1 == "files" { for (i = 2; i <= NF && $i !~ /^#/; i++) print $i }' "$conf"); do
    grep -q "/\\* LAB $lab BEGIN" "$f" || continue   # allowed, but nothing cut
    awk -v lab="$lab" -f labs/skeleton.awk "$f" >"$dest/$f.tmp" || exit 1
    mv "$dest/$f.tmp" "$dest/$f"
    cut=$((cut + $(grep -c "TODO(lab $lab)" "$dest/$f")))
done
if [ "$cut" -eq 0 ]; then
    echo "skeleton: no region of lab $lab in the files of $conf" >&2
    exit 1
fi
echo "skeleton: lab $lab written to $dest ($cut regions to write; start with $dest/labs/$lab/README.md)"
