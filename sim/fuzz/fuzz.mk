# fuzz.mk - the kernel fuzzer (docs/sim.md, "Fuzzing the kernel"), included
# by the top Makefile after sim/sim.mk.
#   make fuzz         run build/bin/baton-fuzz for FUZZ_TIME seconds (600 by
#                     default) on tests/fuzz/sim-corpus/, which keeps the new
#                     inputs it finds; FUZZ_JOBS=N runs N processes
#   make fuzz-sim-test  what `make test` runs (tests/fuzz/sim.sh): the saved
#                     corpus replayed, then a 25-second smoke run
#   make fuzz-fastpath-test  also in `make test` (tests/fuzz/fastpath.sh): the
#                     same inputs replayed by baton-fuzz and baton-fuzz-slow
#                     (its kernel built with FASTPATH=0), their runs compared
# The kernel and the simulator are built a third time, flavour "fuzz": with
# libFuzzer's coverage, ASan and UBSan. The driver (sim/fuzz/driver.c) is
# linked as FZ_PROGRAMS programs of their own, with a program table of their
# own: baton-fuzz runs nothing else.

FUZZ_TIME   ?= 600
FUZZ_JOBS   ?= 1
FUZZ_CORPUS := tests/fuzz/sim-corpus
FZ_B        := $(SIM_B)/fuzz-progs
FZ_PROGS    := fz_driver1 fz_driver2 fz_driver3 fz_driver4 fz_driver5 fz_driver6
FZ_SRC      := $(filter-out sim/fuzz/driver.c,$(wildcard sim/fuzz/*.c))

SIM_CFLAGS_fuzz  := $(SIM_BASE) -O1 -fsanitize=fuzzer-no-link,address,undefined \
                    -fsanitize-coverage-ignorelist=sim/fuzz/nocov.txt \
                    -fno-sanitize-recover=undefined
SIM_LDFLAGS_fuzz := -fsanitize=fuzzer,address,undefined
$(eval $(call SIM_FLAVOUR,fuzz))

.PHONY: fuzz fuzz-sim-test fuzz-fastpath-test
$(FZ_B)/driver.o: sim/fuzz/driver.c | deps-build
	@mkdir -p $(dir $@)
	$(SIM_CC) $(SIM_UFLAGS) -Isim/fuzz -MMD -MP -c $< -o $@
$(FZ_B)/%.sim.o: $(FZ_B)/driver.o $(SIM_START) $(SIM_B)/libuser.a \
                 sim/linkprog.sh sim/prog-r.ld
	sh sim/linkprog.sh $* $@ $< $(SIM_START) $(SIM_B)/libuser.a
$(FZ_B)/table/progs.ld: sim/mkprogs.sh include/baton/syscall.h sim/fuzz/fuzz.mk
	@mkdir -p $(dir $@)
	sh sim/mkprogs.sh $(FZ_B)/table $(FZ_PROGS)
$(FZ_B)/table/progs.c: $(FZ_B)/table/progs.ld ;
$(FZ_B)/table/progs.o: $(FZ_B)/table/progs.c
	$(SIM_CC) $(SIM_CFLAGS_fuzz) $(SIM_SFLAGS) -c $< -o $@

FZ_OBJ := $(SIM_B)/fuzz/kernel.o $(patsubst %,$(SIM_B)/fuzz/s/%.o,$(SIM_SSRC) $(FZ_SRC)) \
          $(FZ_B)/table/progs.o $(patsubst %,$(FZ_B)/%.sim.o,$(FZ_PROGS))
FZ_LINK = $(SIM_CC) $(SIM_LDFLAGS_fuzz) -fuse-ld=bfd -no-pie \
          -Wl,-T,$(FZ_B)/table/progs.ld -o $@ $(filter %.o,$^)
$(BIN)/baton-fuzz: $(FZ_OBJ) $(FZ_B)/table/progs.ld
	@mkdir -p $(dir $@)
	$(FZ_LINK)

# The fast path's successes, counted (sim/fuzz/main.c, fz_fastpath_handoff):
# here kernel/fastpath.c alone calls sched_handoff by that name.
$(SIM_B)/fuzz/k/kernel/fastpath.c.o: kernel/fastpath.c | deps-build
	@mkdir -p $(dir $@)
	$(SIM_CC) $(SIM_CFLAGS_fuzz) $(SIM_KFLAGS) -Dsched_handoff=fz_fastpath_handoff \
	    -MMD -MP -c kernel/fastpath.c -o $@

# baton-fuzz-slow: the same fuzzer, but its kernel built with FASTPATH=0 (by
# a make of its own, in $(SIM_B)/fuzz-slow/): tests/fuzz/fastpath.sh runs
# both on the same inputs and compares what they did.
FZ_SLOW_K := $(SIM_B)/fuzz-slow/fuzz/kernel.o
$(FZ_SLOW_K): FORCE
	$(MAKE) -s FASTPATH=0 SIM_B=$(SIM_B)/fuzz-slow $@
$(BIN)/baton-fuzz-slow: $(FZ_SLOW_K) $(filter-out $(SIM_B)/fuzz/kernel.o,$(FZ_OBJ)) \
                        $(FZ_B)/table/progs.ld
	@mkdir -p $(dir $@)
	$(FZ_LINK)

# From build/fuzz/, where libFuzzer leaves its logs (fuzz-N.log) and crashes.
fuzz: $(BIN)/baton-fuzz
	@mkdir -p build/fuzz $(FUZZ_CORPUS)
	cd build/fuzz && $(CURDIR)/$(BIN)/baton-fuzz -max_total_time=$(FUZZ_TIME) \
	    $(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) \
	    -len_control=0 -max_len=2048 -print_final_stats=1 $(CURDIR)/$(FUZZ_CORPUS)
fuzz-fastpath-test: $(BIN)/baton-fuzz $(BIN)/baton-fuzz-slow
	sh tests/fuzz/fastpath.sh
fuzz-sim-test: $(BIN)/baton-fuzz
	sh tests/fuzz/sim.sh
# What the fuzz flavour compiles with is in these files too.
$(patsubst %,$(SIM_B)/fuzz/k/%.o,$(SIM_KSRC)) \
$(patsubst %,$(SIM_B)/fuzz/s/%.o,$(SIM_SSRC) $(FZ_SRC)): sim/fuzz/nocov.txt sim/fuzz/fuzz.mk
