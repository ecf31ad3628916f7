# Baton: one entry point. ARCH=rv32 (default) or ARCH=i386.
#   make deps | make | make run | make gdb | make test | make bench | make clean
# See docs/build.md for every target and variable.

.SUFFIXES:               # no built-in rules: every rule is written here
.SECONDARY:              # keep intermediate files (program ELFs, manifests)
ARCH     ?= rv32
MANIFEST ?= demo
B        := build/$(ARCH)
BIN      := build/bin
CC       := clang
LD       := ld.lld
OBJDUMP  := llvm-objdump
NM       := llvm-nm

ifeq ($(ARCH),rv32)
  TARGET := --target=riscv32-unknown-none-elf -march=rv32ima -mabi=ilp32 \
            -mcmodel=medany -mno-relax
  LDEMU  := elf32lriscv
else ifeq ($(ARCH),i386)
  # The floor is the Pentium (i586): no CMOV, which clang emits for i686
  # and a Pentium lacks. start.c checks CPUID for it at boot
  # (docs/arch-i386.md, "Which CPUs").
  TARGET := --target=i386-unknown-none-elf -march=i586 -mno-sse -mno-mmx \
            -mno-80387
  LDEMU  := elf_i386
else
  $(error ARCH must be rv32 or i386, not '$(ARCH)')
endif

# ---- tracing (docs/trace-format.md) ------------------------------------------
# TRACE       categories compiled in: all (default), none, or a list such as
#             TRACE=ipc,sched,chan (names: sched task ipc notify irq chan
#             async err user), or a mask: TRACE=0x1ff
# TRACE_BOOT  categories on at boot, the same way; none by default, so the
#             console is plain text until a boot argument (trace=...), a
#             program (trace_set_mask) or the host turns tracing on
# TRACE_RING  records in the kernel's ring (a power of two; 16 bytes each)
# TRACE_SHIFT timestamps on the wire in units of 2^TRACE_SHIFT cycles
TRACE       ?= all
TRACE_BOOT  ?= none
TRACE_RING  ?= 1024
TRACE_SHIFT ?= 0
# FASTPATH    1: the IPC fast path (kernel/fastpath.c) is built in; 0: every
#             IPC takes the slow path (the tests compare the two)
FASTPATH    ?= 1
comma := ,
TRACE_NAMES := sched task ipc notify irq chan async err user
trace_words = $(subst $(comma), ,$(1))
trace_upper = $(subst sched,SCHED,$(subst task,TASK,$(subst ipc,IPC,$(subst notify,NOTIFY,\
    $(subst irq,IRQ,$(subst chan,CHAN,$(subst async,ASYNC,$(subst err,ERR,$(subst user,USER,$(1))))))))))
trace_word = $(if $(filter all,$(1)),TRACE_CAT_ALL,$(if $(filter none,$(1)),0,\
    $(if $(filter 0x%,$(1)),$(1),TRACE_CAT_$(strip $(call trace_upper,$(1))))))
# "ipc,sched" -> (TRACE_CAT_IPC | TRACE_CAT_SCHED), for the C preprocessor
trace_expr = ($(subst $() , | ,$(strip $(foreach w,$(call trace_words,$(1)),$(call trace_word,$(w))))))
TRACE_BAD := $(filter-out all none $(TRACE_NAMES) 0x%,$(call trace_words,$(TRACE) $(TRACE_BOOT)))
ifneq ($(TRACE_BAD),)
  $(error unknown trace category '$(TRACE_BAD)': use $(TRACE_NAMES), all, none or 0x...)
endif
# TRACE_COUNT=1 counts every tracepoint passed (kinfo->trace_sites), for
# make bench only: the counting costs instructions of its own.
TRACE_COUNT ?=
TRACE_FLAGS := $(if $(TRACE_COUNT),-DTRACE_COUNT_SITES) -DTRACE_BUILD_MASK='$(call trace_expr,$(TRACE))' \
               -DTRACE_DEFAULT_MASK='$(call trace_expr,$(TRACE_BOOT))' \
               -DTRACE_RING_SLOTS=$(TRACE_RING) -DTRACE_TS_SHIFT=$(TRACE_SHIFT)

WARN     := -Wall -Wextra -Werror
FREE     := -std=c11 -ffreestanding -fno-builtin -nostdlib -fno-pic \
            -fno-stack-protector -fno-omit-frame-pointer -momit-leaf-frame-pointer -O2 -g $(WARN)
KCFLAGS  := $(TARGET) $(FREE) -Ikernel -Iinclude -Iarch/$(ARCH) $(TRACE_FLAGS) -DFASTPATH=$(FASTPATH)
UCFLAGS  := $(TARGET) $(FREE) -Iinclude -Iuser/include -Iuser/lib/arch/$(ARCH) $(TRACE_FLAGS) -DFASTPATH=$(FASTPATH)
HOSTCC   := clang
HOSTCFLAGS := -std=c11 -g -O1 $(WARN) -Iinclude -D_DEFAULT_SOURCE \
              -fsanitize=address,undefined -fno-omit-frame-pointer

# ---- sources ------------------------------------------------------------------
# Kernel objects go to $(B)/k/, user objects to $(B)/u/: lib/ is built twice,
# once with the kernel's flags and once with the user programs'.
KSRC  := $(wildcard kernel/*.c) $(wildcard arch/$(ARCH)/*.c) \
         $(wildcard arch/$(ARCH)/*.S) $(wildcard lib/*.c)
KOBJ  := $(patsubst %,$(B)/k/%.o,$(KSRC))
USRC  := $(wildcard user/lib/*.c) $(wildcard user/lib/arch/$(ARCH)/*.S) \
         $(wildcard lib/*.c)
UOBJ  := $(patsubst %,$(B)/u/%.o,$(USRC))
# Every .c in a program folder is one user program, named after its file.
PROG_DIRS := user/progs tests/qemu/progs
PROG_SRCS := $(foreach d,$(PROG_DIRS),$(wildcard $(d)/*.c))
PROG_ELFS := $(patsubst %.c,$(B)/prog/%.elf,$(notdir $(PROG_SRCS)))
vpath %.c $(PROG_DIRS)

.PHONY: all run gdb test bench deps deps-build clean image
all: $(B)/baton.elf $(B)/baton.asm $(B)/baton.sym

# ---- compile --------------------------------------------------------------------
$(B)/k/%.o: % $(B)/trace.flags | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@
$(B)/u/%.o: % $(B)/trace.flags | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -MMD -MP -c $< -o $@
# The IPC fast path keeps no frame pointer: a leaf but for rare calls, it
# then needs no prologue (GDB unwinds it by its DWARF frame information).
$(B)/k/kernel/fastpath.c.o: KCFLAGS += -fomit-frame-pointer
# The user library's IPC calls name every argument register, ebp too on
# i386 (user/lib/arch/i386/arch_syscall.h): no frame pointer there.
$(B)/u/user/lib/ipc.c.o: UCFLAGS += -fomit-frame-pointer -DUSER_NO_FRAME_POINTER

# Every object depends on the trace settings and the target CPU: this file
# changes only when they do, so that make TRACE=... (or a new -march)
# rebuilds what it must and no more.

BUILD_KEY := $(TRACE) $(TRACE_BOOT) $(TRACE_RING) $(TRACE_SHIFT) $(TRACE_COUNT) $(TARGET) $(FASTPATH)
$(B)/trace.flags: FORCE
	@mkdir -p $(dir $@)
	@echo "$(BUILD_KEY)" | cmp -s - $@ || echo "$(BUILD_KEY)" > $@

# ---- user programs ----------------------------------------------------------------
$(B)/libuser.a: $(UOBJ)
	@rm -f $@
	llvm-ar rcs $@ $^
$(B)/prog/%.o: %.c $(B)/trace.flags | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -MMD -MP -c $< -o $@
$(B)/prog/%.elf: $(B)/prog/%.o $(B)/libuser.a user/lib/user.ld
	$(LD) -m $(LDEMU) -T user/lib/user.ld -o $@ $< $(B)/libuser.a

# ---- kernel images: the kernel plus one manifest of tasks -----------------------
# A manifest (user/manifests/NAME.txt or tests/qemu/NAME.manifest) lists the
# tasks; scripts/mkmanifest.sh turns it into C that embeds their programs.
$(B)/manifest/%.c: user/manifests/%.txt scripts/mkmanifest.sh
	@mkdir -p $(dir $@)
	sh scripts/mkmanifest.sh $< $(B)/prog > $@
$(B)/manifest/%.c: tests/qemu/%.manifest scripts/mkmanifest.sh
	@mkdir -p $(dir $@)
	sh scripts/mkmanifest.sh $< $(B)/prog > $@
# make run PROGS="a b": a manifest of just those programs, priority 3 each.
ifneq ($(PROGS),)
MANIFEST := custom
$(B)/manifest/custom.c: FORCE
	@mkdir -p $(dir $@)
	printf '%s\n' $(foreach p,$(PROGS),"$(p) $(p) 3") > $(B)/manifest/custom.txt
	sh scripts/mkmanifest.sh $(B)/manifest/custom.txt $(B)/prog > $@
endif
.PHONY: FORCE

$(B)/manifest/%.o: $(B)/manifest/%.c $(PROG_ELFS)
	$(CC) $(KCFLAGS) -c $< -o $@
$(B)/img/%.elf: $(KOBJ) $(B)/manifest/%.o arch/$(ARCH)/kernel.ld
	@mkdir -p $(dir $@)
	$(LD) -m $(LDEMU) -T arch/$(ARCH)/kernel.ld -o $@ $(KOBJ) $(B)/manifest/$*.o
# baton.elf is a copy of the image of MANIFEST: $(B)/manifest.name changes
# when MANIFEST does, so that a plain `make run` after `make run MANIFEST=x`
# boots the demo again rather than a stale copy of x.
$(B)/manifest.name: FORCE
	@mkdir -p $(dir $@)
	@echo "$(MANIFEST)" | cmp -s - $@ || echo "$(MANIFEST)" > $@
$(B)/baton.elf: $(B)/img/$(MANIFEST).elf $(B)/manifest.name
	cp $< $@
$(B)/baton.asm: $(B)/baton.elf
	$(OBJDUMP) -d -S --no-show-raw-insn $< > $@
$(B)/baton.sym: $(B)/baton.elf
	$(NM) -n $< > $@
image: $(B)/img/$(MANIFEST).elf

# ---- run and debug -------------------------------------------------------------------
run: all | deps-build
	sh scripts/qemu.sh $(ARCH) $(B)/baton.elf
gdb: all | deps-build
	BATON_MANIFEST=$(MANIFEST) sh scripts/gdb.sh $(ARCH) $(B)/baton.elf

# ---- tests -----------------------------------------------------------------------------
bench: | deps
	sh scripts/bench.sh

test: | deps
	sh tests/run-all.sh

# The machines Baton boots on and those it refuses, one line each, with the
# harness's own test and the faults set up under GDB (tests/boot/run.sh):
# the short part, which make test runs too. boot-matrix-long adds the QEMU
# suites under -icount shift=8 and on unusual machines (a long while).
boot-matrix: | deps
	sh tests/boot/run.sh
boot-matrix-long: | deps
	sh tests/boot/run.sh --long
.PHONY: boot-matrix boot-matrix-long
# The IPC fast path against the slow path (FASTPATH=0) on QEMU: every
# conformance test twice per arch (make test does it in the simulator).
fastpath-qemu: | deps
	sh tests/fastpath/run.sh rv32 i386
.PHONY: fastpath-qemu

# ---- labs (docs/labs.md) ----------------------------------------------------------
# make lab-skeleton LAB=NAME [DEST=DIR]   the student's starting tree (build/labs/NAME)
# make grade LAB=NAME [GRADE_ON=rv32|i386] grade this tree on lab NAME (the simulator)
lab-skeleton:
	sh labs/skeleton.sh $(LAB) $(or $(DEST),build/labs/$(LAB))
# Every lab graded on QEMU (rv32, i386): reference, skeleton, planted bug.
# Long (a stuck skeleton costs its whole timeout there): not in make test.
labs-qemu: | deps
	sh tests/labs/qemu.sh
grade: | deps-build
	sh labs/grade-tree.sh $(if $(GRADE_ON),-a $(GRADE_ON)) $(LAB)
.PHONY: lab-skeleton grade labs-qemu

# A kernel that powers off before printing: the harness must fail it.
$(B)/boot/dead.elf: tests/boot/dead.S arch/$(ARCH)/kernel.ld | deps-build
	@mkdir -p $(dir $@)
	$(CC) $(TARGET) -c $< -o $(B)/boot/dead.o
	$(LD) -m $(LDEMU) -T arch/$(ARCH)/kernel.ld -o $@ $(B)/boot/dead.o

# ---- dependencies ------------------------------------------------------------------
deps:
	sh scripts/deps.sh
# The build itself needs only the compiler; checked quietly.
deps-build:
	@command -v $(CC) >/dev/null && command -v $(LD) >/dev/null || sh scripts/deps.sh

clean:
	rm -rf build

# ---- host unit tests (Criterion) --------------------------------------------
UNIT_SRC := $(wildcard tests/unit/*.c) lib/fmt.c lib/error.c
# lib/string.c under baton_* names, so it does not replace the host's own.
HOST_STRING := $(foreach f,memcpy memmove memset memcmp strlen strcmp strncmp \
               strlcpy bzero,-D$(f)=baton_$(f))
$(BIN)/host-string.o: lib/string.c include/baton/string.h | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -fno-builtin $(HOST_STRING) -c $< -o $@
$(BIN)/unit-tests: $(UNIT_SRC) $(BIN)/host-string.o $(wildcard include/baton/*.h) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $(UNIT_SRC) $(BIN)/host-string.o -lcriterion
unit-tests: $(BIN)/unit-tests
	$(BIN)/unit-tests --jobs 2
.PHONY: unit-tests

# White-box unit tests of kernel units (tests/unit/kernel/), built for the
# host with the simulator's arch types: they build kernel structures by hand.
KUNIT_SRC := $(wildcard tests/unit/kernel/*.c) kernel/sendq.c
$(BIN)/kernel-unit-tests: $(KUNIT_SRC) $(wildcard kernel/*.h include/baton/*.h) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -Ikernel -Isim -o $@ $(KUNIT_SRC) -lcriterion
kernel-unit-tests: $(BIN)/kernel-unit-tests
	$(BIN)/kernel-unit-tests --jobs 2
.PHONY: kernel-unit-tests

include sim/sim.mk     # the host simulator: make sim, make sim-tests (docs/sim.md)
# ---- tracing: the host decoder, its tests, fuzzer and benchmark ----------------
include tracer/tracer.mk
include sim/fuzz/fuzz.mk # the kernel fuzzer: make fuzz (docs/sim.md)

# The dependency files of this build only (last: SIM_B is set above):
# build/ also holds whole trees of its own (labs, alt, fastpath), thousands
# of files that would cost every make two seconds to read.
-include $(shell find $(B) $(SIM_B) -name '*.d' 2>/dev/null)
