# sim.mk - the host simulator (docs/sim.md), included by the top Makefile.
#   make sim          build/bin/baton-sim (ASan and UBSan on the kernel and
#                     the simulator) and build/bin/baton-sim-fast (-O2, no
#                     sanitizers: for timing)
#   make sim-tests    build and run build/bin/sim-tests (Criterion)
# The kernel and lib/ are compiled for the host with sim/ as the arch; every
# user program (PROG_DIRS) is compiled for the host too, with its own copy
# of the user library, and linked in (sim/linkprog.sh, sim/mkprogs.sh).

SIM_B      := build/sim
include sim/lua/lua.mk  # Lua scenarios: SIM_LUA_*
SIM_CC     := clang
SIM_BASE   := -std=c11 -g -Wall -Wextra -Werror -fno-pic -fno-omit-frame-pointer
SIM_CFLAGS_san  := $(SIM_BASE) -O1 -fsanitize=address,undefined \
                   -fno-sanitize-recover=undefined
SIM_CFLAGS_fast := $(SIM_BASE) -O2
SIM_LDFLAGS_san  := -fsanitize=address,undefined
SIM_LDFLAGS_fast :=
# The kernel: freestanding, with its own lib/; <arch_types.h> is sim/'s.
SIM_KFLAGS := -ffreestanding -fno-builtin -fno-stack-protector -Ikernel -Iinclude -Isim \
              -DFASTPATH=$(FASTPATH)
# The simulator's files: hosted C that also sees the kernel's headers.
SIM_SFLAGS := -D_GNU_SOURCE -Isim -Ikernel -Iinclude $(SIM_LUA_CFLAGS)
# User code: no sanitizers (it runs on its own stacks in the user window),
# but every load and store checked against the software protection keys
# (sim/softkey.c): the address sanitizer's instrumentation, kernel form, each
# check a call to sim_softkey_{load,store}N_noabort; no shadow, no redzones.
SIM_SOFTKEY_FLAGS := -fsanitize=kernel-address \
    -mllvm -asan-instrumentation-with-call-threshold=0 -mllvm -asan-stack=0 \
    -mllvm -asan-globals=0 -mllvm -asan-memory-access-callback-prefix=sim_softkey_
SIM_UFLAGS := $(SIM_BASE) -O2 -ffreestanding -fno-builtin -fno-stack-protector \
              $(SIM_SOFTKEY_FLAGS) -DBATON_SIM -Iinclude -Iuser/include -Iuser/lib/arch/sim

SIM_KSRC   := $(wildcard kernel/*.c) $(wildcard lib/*.c)
SIM_SSRC   := $(filter-out sim/main.c,$(wildcard sim/*.c)) sim/switch.S
SIM_USRC   := $(wildcard user/lib/*.c) $(wildcard lib/*.c)
SIM_UOBJ   := $(patsubst %,$(SIM_B)/u/%.o,$(SIM_USRC))
SIM_START  := $(SIM_B)/u/user/lib/arch/sim/start.c.o
SIM_PROGS  := $(sort $(basename $(notdir $(PROG_SRCS) $(SIM_LUA_PROG))))
SIM_PROGOBJ := $(patsubst %,$(SIM_B)/prog/%.sim.o,$(SIM_PROGS))

.PHONY: sim sim-tests
sim: $(BIN)/baton-sim $(BIN)/baton-sim-fast

# ---- user programs (one build for both flavours) -------------------------
$(SIM_B)/u/%.o: % | deps-build
	@mkdir -p $(dir $@)
	$(SIM_CC) $(SIM_UFLAGS) -MMD -MP -c $< -o $@
$(SIM_B)/libuser.a: $(SIM_UOBJ)
	@rm -f $@
	ar rcs $@ $^
$(SIM_B)/prog/%.o: %.c | deps-build
	@mkdir -p $(dir $@)
	$(SIM_CC) $(SIM_UFLAGS) -MMD -MP -c $< -o $@
$(SIM_B)/prog/%.sim.o: $(SIM_B)/prog/%.o $(SIM_START) $(SIM_B)/libuser.a \
                       sim/linkprog.sh sim/prog-r.ld
	sh sim/linkprog.sh $* $@ $< $(SIM_START) $(SIM_B)/libuser.a

# The list of programs, rewritten only when it changes, and what it makes.
$(SIM_B)/progs.list: FORCE
	@mkdir -p $(dir $@)
	@echo $(SIM_PROGS) | cmp -s - $@ || echo $(SIM_PROGS) > $@
$(SIM_B)/progs.ld: $(SIM_B)/progs.list sim/mkprogs.sh include/baton/syscall.h
	sh sim/mkprogs.sh $(SIM_B) $$(cat $(SIM_B)/progs.list)
$(SIM_B)/progs.c: $(SIM_B)/progs.ld ;

# ---- the kernel and the simulator, per flavour -----------------------------
# $(1): san or fast.
define SIM_FLAVOUR
$(SIM_B)/$(1)/k/%.o: % | deps-build
	@mkdir -p $$(dir $$@)
	$(SIM_CC) $(SIM_CFLAGS_$(1)) $(SIM_KFLAGS) -MMD -MP -c $$< -o $$@
$(SIM_B)/$(1)/s/%.o: % | deps-build
	@mkdir -p $$(dir $$@)
	$(SIM_CC) $(SIM_CFLAGS_$(1)) $(SIM_SFLAGS) -MMD -MP -c $$< -o $$@
$(SIM_B)/$(1)/progs.o: $(SIM_B)/progs.c
	$(SIM_CC) $(SIM_CFLAGS_$(1)) $(SIM_SFLAGS) -c $$< -o $$@

# One object for the kernel: lib/'s names (memcpy, strlen...) made local so
# they do not replace the host's, the manifest renamed to the simulator's.
$(SIM_B)/$(1)/kernel.o: $(patsubst %,$(SIM_B)/$(1)/k/%.o,$(SIM_KSRC)) sim/kernel-r.ld
	ld -r -T sim/kernel-r.ld -o $$@.r.o $$(filter %.o,$$^)
	nm -g --defined-only $$(filter $(SIM_B)/$(1)/k/lib/%,$$^) | \
	    awk 'NF == 3 { print $$$$3 }' > $$@.local
	objcopy --localize-symbols=$$@.local \
	    --redefine-sym manifest_tasks=sim_manifest_tasks \
	    --redefine-sym manifest_count=sim_manifest_count \
	    --redefine-sym manifest_programs=sim_manifest_programs \
	    --redefine-sym manifest_program_count=sim_manifest_program_count \
	    $$@.r.o $$@
	@rm -f $$@.r.o

SIM_LIB_$(1) := $(SIM_B)/$(1)/kernel.o $(patsubst %,$(SIM_B)/$(1)/s/%.o,$(SIM_SSRC)) \
                $(SIM_B)/$(1)/progs.o $(SIM_PROGOBJ)
# GNU ld: the window placement (progs.ld) is an INSERT fragment.
SIM_LINK_$(1) = $(SIM_CC) $(SIM_LDFLAGS_$(1)) -fuse-ld=bfd -no-pie \
                -Wl,-T,$(SIM_B)/progs.ld
endef
$(foreach f,san fast,$(eval $(call SIM_FLAVOUR,$(f))))

$(BIN)/baton-sim: $(SIM_B)/san/s/sim/main.c.o $(SIM_LUA_OBJ_san) \
                  $(SIM_LIB_san) $(SIM_B)/progs.ld
	@mkdir -p $(dir $@)
	$(SIM_LINK_san) -o $@ $(filter %.o,$^) $(SIM_LUA_LIBS)
$(BIN)/baton-sim-fast: $(SIM_B)/fast/s/sim/main.c.o $(SIM_LUA_OBJ_fast) \
                       $(SIM_LIB_fast) $(SIM_B)/progs.ld
	@mkdir -p $(dir $@)
	$(SIM_LINK_fast) -o $@ $(filter %.o,$^) $(SIM_LUA_LIBS)

# ---- tests ----------------------------------------------------------------------
$(BIN)/sim-tests: $(SIM_B)/san/s/tests/sim/test_sim.c.o $(SIM_LIB_san) \
                  $(SIM_B)/progs.ld | deps
	@mkdir -p $(dir $@)
	$(SIM_LINK_san) -o $@ $(filter %.o,$^) -lcriterion
# On a host with PKU, a second time without it (docs/sim.md, "Address spaces").
sim-tests: $(BIN)/sim-tests
	$(BIN)/sim-tests --jobs 2
	@if grep -qw pku /proc/cpuinfo; then BATON_SIM_PKU=0 $(BIN)/sim-tests --jobs 2; fi

# FASTPATH reaches only kernel/fastpath.c: rebuild it when FASTPATH changes
# (labs/grade-tree.sh builds with FASTPATH=0 over a copied build).
$(SIM_B)/fastpath.flags: FORCE
	@mkdir -p $(dir $@)
	@echo "$(FASTPATH)" | cmp -s - $@ || echo "$(FASTPATH)" > $@
$(foreach f,san fast fuzz,$(SIM_B)/$(f)/k/kernel/fastpath.c.o): $(SIM_B)/fastpath.flags
