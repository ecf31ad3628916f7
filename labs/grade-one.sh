#!/bin/sh
# grade-one.sh OUT LAB NAME PATH - grade one submission for labs/grade
# (which prepared OUT: the handout in OUT/pristine, built; its hashes in
# OUT/handout.sha256). PATH: a directory, a tarball or a git bundle. In
# OUT/subs/NAME/: the unpacked submission (sub/), the tree graded (tree/:
# the handout with the submission's allowed files), grade.txt (what make
# grade printed), results.tsv, results.json (Gradescope's format) and
# row.csv. Environment: GRADE_ARCH, GRADE_TEST_TIMEOUT (one run),
# GRADE_TIMEOUT (the whole submission).
set -u
out=$1 lab=$2 name=$3 path=$4
root=$(cd "$(dirname "$0")/.." && pwd)
d=$out/subs/$name
rm -rf "$d" && mkdir -p "$d/sub" || exit 2
status=ok notes=

# ---- unpack ----
case $path in
*.bundle) git clone -q "$path" "$d/sub/x" 2>"$d/unpack.log" ;;
*.tar|*.tar.gz|*.tgz|*.tar.xz|*.tar.bz2) tar -xf "$path" -C "$d/sub" 2>"$d/unpack.log" ;;
*) [ -d "$path" ] && tar -cf - -C "$path" --exclude=./build --exclude=./.git . | tar -xf - -C "$d/sub" ;;
esac
src=$d/sub
# A submission packed with its top folder: that folder is the tree.
[ -f "$src/Makefile" ] || src=$(find "$d/sub" -maxdepth 2 -name Makefile -printf '%h\n' | head -n 1)
allowed=$(awk '$1 == "files" { for (i = 2; i <= NF && $i !~ /^#/; i++) print $i }' "$root/labs/$lab/lab.conf")
if [ -z "$src" ] || [ ! -f "$src/Makefile" ]; then
    # No tree: the lab's files alone (a Gradescope upload), found by name.
    src=$d/files
    mkdir -p "$src"
    for f in $allowed; do
        g=$(find "$d/sub" -type f -name "$(basename "$f")" | head -n 1)
        [ -n "$g" ] && mkdir -p "$src/$(dirname "$f")" && cp "$g" "$src/$f"
    done
    if [ -z "$(find "$src" -type f)" ]; then
        status=unreadable notes="neither a Baton tree (no Makefile) nor any of the lab's files ($(echo $allowed)) $(head -c 200 "$d/unpack.log" 2>/dev/null)"
    else
        files_only=yes
    fi
fi

# ---- the handout's files, by hash ----
if [ "$status" = ok ] && [ -z "${files_only:-}" ]; then
    (cd "$src" && sha256sum -c "$out/handout.sha256" 2>/dev/null) | grep -v ': OK$' | sed 's/^\.\///' >"$d/changed"
    refused=$(grep -E '^(tests|labs|tracer|scripts|sim|Makefile)[/:]' "$d/changed" | grep -v 'FAILED open or read' | cut -d: -f1 | tr '\n' ' ')
    others=$(grep -v -E '^(tests|labs|tracer|scripts|sim|Makefile)[/:]' "$d/changed" | cut -d: -f1 | tr '\n' ' ')
    if [ -n "$refused" ]; then
        status=refused notes="changed the tests or graders: $refused"
    elif [ -n "$others" ]; then
        notes="changes outside the lab's files ignored: $others"
    fi
fi

# ---- grade: the handout, with the submission's allowed files ----
: >"$d/results.tsv"
if [ "$status" = ok ]; then
    cp -a "$out/pristine" "$d/tree" || exit 2
    for f in $allowed; do
        [ -f "$src/$f" ] || continue
        cp "$src/$f" "$d/tree/$f"
        # The handout's build was made from the reference: a file equal to
        # the reference's keeps its time (nothing to rebuild), others are new.
        if cmp -s "$src/$f" "$root/$f"; then touch -r "$root/$f" "$d/tree/$f"; else touch "$d/tree/$f"; fi
    done
    (cd "$d/tree" && exec timeout -k 5 "${GRADE_TIMEOUT:-600}" sh labs/grade-tree.sh \
        -a "${GRADE_ARCH:-sim}" -t "${GRADE_TEST_TIMEOUT:-30}" -r ../results.tsv "$lab") >"$d/grade.txt" 2>&1
    rc=$?
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        status=timeout notes="stopped after ${GRADE_TIMEOUT:-600} s (the submission's time): the tests not run score 0"
    elif [ -f "$d/tree/build/grade/$lab/build.out" ]; then
        status=no-build notes="$(sed -n 2,3p "$d/tree/build/grade/$lab/build.out" | tr '\n\t"' '  ' | cut -c1-200)"
    elif n=$(grep -l "^timed out after" "$d"/tree/build/grade/"$lab"/*.why 2>/dev/null | wc -l) && [ "$n" -gt 0 ]; then
        status=timeout notes="$n runs never ended (stopped after ${GRADE_TEST_TIMEOUT:-30} s each)"
    fi
fi

# Every test of the lab gets a line, 0 points for those never run.
{ cat "$root/labs/$lab/lab.conf"; [ -f "$out/pristine/labs/$lab/hidden.conf" ] &&
      sed 's/$/ #hidden/' "$out/pristine/labs/$lab/hidden.conf"; } |
awk -v why="$status${notes:+: $notes}" -v res="$d/results.tsv" -v none="$d/none.txt" '
    BEGIN { while ((getline l < res) > 0) { split(l, f, "\t"); seen[f[1]] = 1; print l }
            print why > none }
    $1 == "test" || $1 == "trace" {
        n = $1 == "test" ? $2 : "trace " $3 " on " $2
        p = $1 == "test" ? $3 : $4
        if (!(n in seen)) print n "\t0\t" p "\t" (/#hidden/ ? "after_published" : "visible") "\t" none }' >"$d/all.tsv"

score=$(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$d/all.tsv")
max=$(awk -F'\t' '{ s += $3 } END { print s + 0 }' "$d/all.tsv")
[ "$status" = refused ] || [ "$status" = unreadable ] && score=0
[ "$status" = ok ] && [ "$score" -lt "$max" ] && status=partial
printf '%s,%s,%s,%s,"%s"\n' "$name" "$score" "$max" "$status" "$(printf '%s' "$notes" | tr '"' "'")" >"$d/row.csv"
sh "$root/labs/results-json.sh" "$score" "$status${notes:+: $notes}" "$d/all.tsv" >"$d/results.json"
echo "$name: $score/$max $status${notes:+ ($notes)}"
