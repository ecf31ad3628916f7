#!/bin/sh
# run.sh - the build's own tools as a newcomer meets them: make's targets
# (the image make run boots is the MANIFEST asked for, not a stale copy of
# the previous one). Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/tools-tests
mkdir -p "$out"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL tools/$1"; }

# ---- make run MANIFEST=x, then make run: the second boots demo again ----
for arch in rv32 i386; do
    b=build/$arch
    if make -s ARCH=$arch MANIFEST=seed >"$out/make-$arch.log" 2>&1 &&
        cmp -s $b/baton.elf $b/img/seed.elf; then ok; else fail "make MANIFEST=seed builds seed ($arch)"; fi
    if make -s ARCH=$arch >>"$out/make-$arch.log" 2>&1 &&
        cmp -s $b/baton.elf $b/img/demo.elf; then ok; else
        fail "a plain make after MANIFEST=seed builds demo again ($arch): baton.elf is a stale copy"
    fi
    # The symbol list follows the image.
    if llvm-nm -n $b/img/demo.elf | cmp -s - $b/baton.sym; then ok; else fail "baton.sym is the image's ($arch)"; fi
done

# ---- baton-trace --dump: the same from a pipe as from a file ----
if make -s build/bin/baton-trace >"$out/build-trace.log" 2>&1; then ok; else fail "baton-trace builds"; cat "$out/build-trace.log"; fi
for t in fault-sim demo-rv32; do
    build/bin/baton-trace --dump "tests/viewer/$t.bin" >"$out/$t.file.dump" 2>&1
    build/bin/baton-trace --dump - <"tests/viewer/$t.bin" >"$out/$t.pipe.dump" 2>&1
    if cmp -s "$out/$t.file.dump" "$out/$t.pipe.dump"; then ok; else
        fail "--dump - prints what --dump FILE does ($t): diff $out/$t.file.dump $out/$t.pipe.dump"
    fi
done
if grep -Eq '^ *[0-9]+ idle ' "$out/fault-sim.pipe.dump"; then ok; else fail "--dump - names task 0 (idle)"; fi

# ---- what a damaged or restarted trace shows in the dump (items 9, 10, 14) ----
sh tests/tools/badtrace.sh tests/viewer/fault-sim.bin "$out/bad.bin"
build/bin/baton-trace --dump "$out/bad.bin" >"$out/bad.dump" 2>&1
dcheck() {  # dcheck DESCRIPTION PATTERN: a line of the dump matches
    if grep -Eq -- "$2" "$out/bad.dump"; then ok; else fail "dump: $1 (no /$2/ in $out/bad.dump)"; fi
}
dcheck "frames missing and of unknown versions, counted apart" \
    '^# frames: 2 missing \(sequence gaps\), 1 of unknown versions or types skipped, '
dcheck "the console text a lost ESC \\ swallowed is counted" ' [1-9][0-9]* bytes dropped with damaged frames; '
dcheck "a second run is a restart" '; 1 restarts, 0 events timed before the one before them$'
dcheck "the restart is a line of its own" ' restart +the kernel started again \(run 2, inferred'
dcheck "events of the second run are not missing by the thousand" '^# events 299, lost 0, missing 3, corrupt 1 frames'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
