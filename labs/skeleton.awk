# skeleton.awk - cut one lab's solution regions out of a source file
# (docs/labs.md, "Solution markers"). Run as
#   awk -v lab=NAME -f labs/skeleton.awk FILE
# A region of lab NAME, in the reference sources:
#
#     /* LAB NAME BEGIN
#      * the contract: what the code below must do (any number of lines)
#      * STUB code the skeleton keeps so that it compiles
#      */
#     ...the reference's code...
#     /* LAB NAME END */
#
# becomes, in the skeleton, the contract as a "TODO(lab NAME)" comment
# followed by the STUB lines as code, at the BEGIN line's indentation. The
# markers are comments: the reference builds and runs as if they were not
# there. Regions of other labs are left as they are. Exit status 1 (and
# the file name and line on stderr) for a region never closed, or a nested
# one.
function indent_of(s) { match(s, /^[ \t]*/); return substr(s, 1, RLENGTH) }
function fail(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad = 1; exit 1 }
BEGIN { state = "code" }
state == "code" && $0 ~ /\/\* LAB [a-z0-9-]+ BEGIN/ {
    name = $0; sub(/.*\/\* LAB /, "", name); sub(/ BEGIN.*/, "", name)
    if (name != lab) { print; next }
    ind = indent_of($0); nstub = 0; start = FNR
    print ind "/* TODO(lab " lab "): write this. It must:"
    state = "head"; next
}
state == "code" && $0 ~ /\/\* LAB [a-z0-9-]+ END \*\// { print; next }
state == "head" {
    done = $0 ~ /\*\//
    line = $0; sub(/\*\/.*/, "", line); sub(/^[ \t]*\*? ?/, "", line)
    if (line ~ /^STUB /) { sub(/^STUB /, "", line); stub[++nstub] = line }
    else if (line != "" || !done) print ind " *" (line == "" ? "" : " " line)
    if (done) {
        print ind " */"
        for (i = 1; i <= nstub; i++) print ind stub[i]
        state = "cut"
    }
    next
}
state == "cut" {
    if ($0 ~ /\/\* LAB [a-z0-9-]+ BEGIN/) fail("a region inside the region of line " start)
    if ($0 ~ ("/\\* LAB " lab " END \\*/")) state = "code"
    next
}
{ print }
END { if (!bad && state != "code") { FNR = start; fail("LAB " lab " BEGIN never ENDed") } }
