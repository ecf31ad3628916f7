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

# ---- docs/trace-format.md and the code agree (item 13) ----
# Its tables of event codes, metadata tags, frame types, system calls and
# errors, against include/baton/trace.h, syscall.h and error.h: a number
# added on one side only fails here.
tf=docs/trace-format.md
same() {    # same WHAT DOC-LIST CODE-LIST: two sorted "number name" lists
    if [ -n "$2" ] && [ "$2" = "$3" ]; then ok; else
        fail "docs/trace-format.md's $1 differ from the headers:"
        printf '%s\n' "$2" >"$out/doc.list"
        printf '%s\n' "$3" >"$out/code.list"
        diff "$out/doc.list" "$out/code.list" | sed 's/^/    /'
    fi
}
same "event codes" \
    "$(sed -n 's/^| 0x\([0-9a-f][0-9a-f]\) | \([A-Z_]*\) | .*/\1 \2/p' $tf | sort)" \
    "$(sed -n 's/^ *TRACE_EV_\([A-Z_]*\) *= 0x\([0-9a-f]*\),.*/\2 \1/p' include/baton/trace.h |
        grep -v ' SUBJ$' | sort)"
same "metadata tags" \
    "$(sed -n 's/^| \([0-9]\) | \([A-Z]*\) | .*/\1 \2/p' $tf | sort)" \
    "$(awk '/enum trace_meta_tag/ { on = 1; n = 0; next } on && /^}/ { on = 0 }
            on && match($0, /TRACE_META_[A-Z]+/) { n = /= *1/ ? 1 : n + 1;
              print n, substr($0, RSTART + 11, RLENGTH - 11) }' include/baton/trace.h | sort)"
same "frame types" \
    "$(sed -n 's/.*frame type in bits 3..0: 0 events, 1 metadata, 2 boot .*/0 EVENTS 1 META 2 BOOT/p' $tf)" \
    "$(sed -n 's/^#define TRACE_FRAME_\(EVENTS\|META\|BOOT\) *\([0-9]\).*/\2 \1/p' include/baton/trace.h | sort | tr '\n' ' ' | sed 's/ $//')"
same "system call numbers" \
    "$(sed -n 's/^| \([0-9]*\) | `\(SYS_[A-Z_]*\)` |$/\1 \2/p' $tf | sort)" \
    "$(sed -n 's/^ *\(SYS_[A-Z_]*\) *= *\([0-9]*\),.*/\2 \1/p' include/baton/syscall.h | sort)"
same "error numbers" \
    "$(sed -n 's/^| \([0-9]*\) | `\(ERR_[A-Z_]*\)` |$/\1 \2/p' $tf | sort)" \
    "$(sed -n 's/^ *X(\(ERR_[A-Z_]*\), *-\([0-9]*\),.*/\2 \1/p' include/baton/error.h | sort)"
# Its worked example (section 9), decoded by baton-trace: the times the
# page gives each event, every event read, nothing corrupt.
b=$(sed -n 's/^ESC _ B \([A-Za-z0-9+/]*\) ESC \\$/\1/p' $tf)
printf '\033_B%s\033\\' "$b" | build/bin/baton-trace --dump - >"$out/example.dump" 2>&1
same "worked example's times" \
    "$(grep -Eo ' t=[0-9]+$' $tf | cut -c4- | tr '\n' ' ')" \
    "$(awk '/^ *[0-9]+ / { printf "%s ", $1 }' "$out/example.dump")"
if grep -q '^# events 8, lost 0, missing 0, corrupt 0 frames' "$out/example.dump"; then ok; else
    fail "the worked example decodes to 8 events, nothing corrupt ($out/example.dump)"
fi
# The decoder's names for system calls: every one the header has.
for s in $(sed -n 's/^ *\(SYS_[A-Z_]*\) *= *[0-9]*,.*/\1/p' include/baton/syscall.h); do
    grep -q "\"$s\"" tracer/text.c || { fail "tracer/text.c has no name for $s"; continue; }
done
ok

# ---- make before make deps: no error that is not one (item 18) ----
# A fresh machine has no lua5.4.pc yet: a pkg-config that fails for lua5.4
# as Debian's does (its message on stderr) must not reach the screen of
# `make test` (nor of the targets that build the simulator and the viewer)
# while make reads the makefiles. Its calls are logged, so that the check
# knows the makefiles did ask it.
fake=$out/fake-pkg-config
mkdir -p "$fake"
cat >"$fake/pkg-config" <<FAKE
#!/bin/sh
echo "\$*" >>"$fake/calls"
for a; do
    case \$a in lua5.4) echo "Package lua5.4 was not found in the pkg-config search path." >&2; exit 1 ;; esac
done
exec $(command -v pkg-config) "\$@"
FAKE
chmod +x "$fake/pkg-config"
rm -f "$fake/calls"
for t in test sim-tests viewer-tests build/bin/baton-trace; do
    PATH=$fake:$PATH make -n "$t" >"$out/nodeps-$(basename "$t").log" 2>&1
done 2>/dev/null
if [ -s "$fake/calls" ]; then ok; else fail "make -n asked the fake pkg-config nothing ($fake/calls)"; fi
if ! grep -h 'was not found' "$out"/nodeps-*.log; then ok; else
    fail "make -n before make deps prints pkg-config's error (above; $out/nodeps-*.log)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
