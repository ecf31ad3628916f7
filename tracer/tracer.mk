# tracer.mk - the host side of tracing, included by the top Makefile:
#   build/bin/baton-trace    the viewer, and --batch, --export-json, --dump
#                            (tracer/viewer.mk: its sources and targets)
#   build/bin/tracer-tests   Criterion tests: the real kernel/trace.c encoder
#                            on the host, against the decoder and the model
#   build/bin/tracer-fuzz    libFuzzer target for the decoder
#   build/bin/tracer-bench   decoder events per second (make bench)
# Targets: make tracer-tests | make fuzz-trace [FUZZ_SECONDS=n] | make trace-bench

TR_LIB  := tracer/wire.c tracer/decode.c tracer/model.c tracer/text.c lib/error.c
TR_HDRS := $(wildcard tracer/*.h) include/baton/trace.h include/baton/error.h
# The kernel's trace code, compiled for the host against a fake kernel.
TR_KERNEL := kernel/trace.c kernel/trace_wire.c kernel/bootarg.c tests/tracer/host/host_kernel.c
TR_KHDRS  := kernel/trace.h kernel/trace_ring.h $(wildcard tests/tracer/host/*.h)
TR_KFLAGS := -Itests/tracer/host -Ikernel
# Tools: optimised; tests: AddressSanitizer and UBSan (HOSTCFLAGS).
TR_OPT  := -std=c11 -O2 -g $(WARN) -Iinclude -D_DEFAULT_SOURCE

# A small ring (64 slots), so that tests overflow it easily.
TR_TEST_SRC := $(wildcard tests/tracer/test_*.c)
$(BIN)/tracer-tests: $(TR_TEST_SRC) $(TR_LIB) $(TR_KERNEL) $(TR_HDRS) $(TR_KHDRS) \
		tests/tracer/tracer_test.h | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(TR_KFLAGS) -Itracer -DTRACE_RING_SLOTS=64 -o $@ \
	    $(TR_TEST_SRC) $(TR_LIB) $(TR_KERNEL) -lcriterion
tracer-tests: $(BIN)/tracer-tests $(BIN)/baton-trace
	$(BIN)/tracer-tests --jobs 2

$(BIN)/tracer-fuzz: tests/fuzz/trace_fuzz.c $(TR_LIB) $(TR_HDRS) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=c11 -O1 -g $(WARN) -Iinclude -Itracer -D_DEFAULT_SOURCE \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ tests/fuzz/trace_fuzz.c $(TR_LIB)

# make fuzz-trace: fuzz until stopped (or FUZZ_SECONDS); new inputs that
# reach new code go to build/fuzz/trace/, the saved corpus seeds it.
FUZZ_SECONDS ?= 0
fuzz-trace: $(BIN)/tracer-fuzz
	@mkdir -p build/fuzz/trace
	$(BIN)/tracer-fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    build/fuzz/trace tests/fuzz/trace-corpus
# What make test runs: the saved corpus once, then 7000 new inputs from a
# fixed seed (tests/fuzz/run.sh).
fuzz-trace-smoke: $(BIN)/tracer-fuzz
	sh tests/fuzz/run.sh $(BIN)/tracer-fuzz 7000

$(BIN)/tracer-bench: tests/tracer/bench.c $(TR_LIB) $(TR_KERNEL) $(TR_HDRS) $(TR_KHDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TR_OPT) $(TR_KFLAGS) -Itracer -o $@ tests/tracer/bench.c \
	    $(TR_LIB) $(TR_KERNEL)
trace-bench: $(BIN)/tracer-bench
	$(BIN)/tracer-bench

.PHONY: tracer-tests fuzz-trace fuzz-trace-smoke trace-bench

# baton-trace itself, the viewer's tests and benchmark, make trace
include tracer/viewer.mk
