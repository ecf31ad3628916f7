#!/bin/sh
# results-json.sh SCORE OUTPUT TSV - Gradescope's results.json on stdout:
# {"score", "output", "tests": [{"name", "score", "max_score", "output",
# "visibility"}]}, one test per line of TSV (name, score, max, visibility,
# file whose first 4,000 bytes are the test's output). No Python: awk
# escapes the strings.
awk -F'\t' -v score="$1" -v output="$2" '
    function esc(s) {
        gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s)
        gsub(/\r/, "", s); gsub(/\n/, "\\n", s); gsub(/[\001-\037]/, " ", s)
        return "\"" s "\""
    }
    function slurp(f,   s, l, n) {
        while ((getline l < f) > 0 && length(s) < 4000) s = s (n++ ? "\n" : "") l
        close(f)
        return substr(s, 1, 4000)
    }
    BEGIN { printf "{\n  \"score\": %s,\n  \"output\": %s,\n  \"tests\": [", score, esc(output) }
    {
        printf "%s\n    {\"name\": %s, \"score\": %s, \"max_score\": %s, \"visibility\": %s, \"output\": %s}",
            (NR > 1 ? "," : ""), esc($1), $2, $3, esc($4), esc(slurp($5))
    }
    END { print "\n  ]\n}" }' "$3"
