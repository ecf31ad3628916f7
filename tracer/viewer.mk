# viewer.mk - the viewer half of baton-trace (docs/tracer.md), included by
# tracer/tracer.mk: the session (the model plus the timeline's index, queue
# histories, console lines), Lua scripts, the JSON export, the sources,
# and the ncurses screen. Debian's liblua5.4 and ncursesw, by pkg-config.
#   make trace ARCH=...         the demo in QEMU with tracing on, in the viewer
#                               (WINDOW=1: with the SDL2 window beside it)
#   make trace-record ARCH=...  the same without a screen, saved to build/ARCH/trace.bin
#   make viewer-tests           Criterion: the view model, the Lua API, the export
#   make viewer-bench           ingest rate, redraw time, memory per event

TV_CORE := tracer/session.c tracer/lanes.c tracer/queues.c tracer/console.c \
           tracer/match.c tracer/json.c tracer/script.c tracer/script_api.c tracer/source.c
TV_UI   := tracer/view.c tracer/view_draw.c tracer/view_tasks.c tracer/view_timeline.c \
           tracer/view_events.c tracer/modes.c
# The window view (docs/window.md): the diagram, navigation and PNG export
# need no display (TW_CORE, zlib); the window itself is SDL2 (TW_UI).
TW_CORE := tracer/canvas.c tracer/font.c tracer/png.c tracer/diagram.c \
           tracer/diagram_marks.c tracer/navigate.c tracer/figure.c
TW_UI   := tracer/window.c
TV_CFLAGS := $(shell pkg-config --cflags ncursesw lua5.4 sdl2 zlib 2>/dev/null)
TV_LIBS   := $(shell pkg-config --libs ncursesw lua5.4 sdl2 zlib 2>/dev/null) -lm

$(BIN)/baton-trace: $(TR_LIB) $(TV_CORE) $(TV_UI) $(TW_CORE) $(TW_UI) tracer/main.c tracer/dump.c \
		$(TR_HDRS) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TR_OPT) $(TV_CFLAGS) -o $@ $(TR_LIB) $(TV_CORE) $(TV_UI) $(TW_CORE) $(TW_UI) \
	    tracer/main.c tracer/dump.c $(TV_LIBS)

# The same under AddressSanitizer and UBSan, for the screen's tests (tmux).
$(BIN)/baton-trace-asan: $(TR_LIB) $(TV_CORE) $(TV_UI) $(TW_CORE) $(TW_UI) tracer/main.c \
		tracer/dump.c $(TR_HDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -fno-sanitize-recover=undefined $(TV_CFLAGS) -o $@ $(TR_LIB) \
	    $(TV_CORE) $(TV_UI) $(TW_CORE) $(TW_UI) tracer/main.c tracer/dump.c $(TV_LIBS)

# The model, the Lua API and the export, under AddressSanitizer and UBSan.
TV_TEST_SRC := $(wildcard tests/viewer/test_*.c)
$(BIN)/viewer-tests: $(TV_TEST_SRC) tests/viewer/viewer_test.h $(TR_LIB) $(TV_CORE) $(TR_HDRS) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $(TV_CFLAGS) -Itracer -o $@ $(TV_TEST_SRC) $(TR_LIB) $(TV_CORE) \
	    -lcriterion $(TV_LIBS)
viewer-tests: $(BIN)/viewer-tests
	$(BIN)/viewer-tests --jobs 2
.PHONY: viewer-tests

# ---- QEMU under the viewer; recording a trace ---------------------------------
# MANIFEST picks the image (demo by default), TRACE_BOOTARGS the boot
# argument (trace=all), TRACE_QEMU extra QEMU options, TRACE_SECONDS the
# recording's limit. -icount shift=0 by default: timestamps count guest
# instructions, one a nanosecond of guest time, so that the viewer's clock
# (estimated once from the timer ticks) holds for the whole run; without
# it rv32's cycle counter stops while the guest idles, and the paced demo
# would read faster than it runs. TRACE_QEMU= (empty) takes it off.
TRACE_BOOTARGS ?= trace=all
TRACE_QEMU     ?= -icount shift=0
TRACE_SECONDS  ?= 10
# WINDOW=1: the window view (SDL2) beside the terminal's (key W opens it too).
TRACE_VIEW     := $(if $(filter 1 yes,$(WINDOW)),--with-window)
TRACE_OUT      ?= $(B)/trace.bin
trace: $(B)/img/$(MANIFEST).elf $(BIN)/baton-trace
	$(BIN)/baton-trace $(TRACE_VIEW) -- sh scripts/qemu.sh $(ARCH) $< -append "$(TRACE_BOOTARGS)" \
	    $(TRACE_QEMU)
trace-record: $(B)/img/$(MANIFEST).elf $(BIN)/baton-trace
	TRACE_BOOTARGS="$(TRACE_BOOTARGS)" sh scripts/trace-record.sh $(ARCH) $< $(TRACE_OUT) \
	    $(TRACE_SECONDS) $(TRACE_QEMU)
.PHONY: trace trace-record

# ---- make bench: the viewer's figures ---------------------------------------------
$(BIN)/viewer-bench: tests/viewer/bench.c $(TR_LIB) $(TV_CORE) $(TV_UI) $(TW_CORE) $(TW_UI) \
		$(TR_KERNEL) \
		$(TR_HDRS) $(TR_KHDRS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(TR_OPT) $(TV_CFLAGS) $(TR_KFLAGS) -Itracer -o $@ tests/viewer/bench.c \
	    $(TR_LIB) $(TV_CORE) $(TV_UI) $(TW_CORE) $(TW_UI) $(TR_KERNEL) $(TV_LIBS)
viewer-bench: $(BIN)/viewer-bench
	$(BIN)/viewer-bench
.PHONY: viewer-bench

# ---- the window view's tests: headless, pixels in memory ----------------------
# make window-tests: Criterion under ASan and UBSan (tests/window/): the
# diagram of the recorded traces on its pixels, the edges, navigation, and
# the SDL window itself on SDL's dummy video driver (no display).
TW_TEST_SRC := $(wildcard tests/window/*.c) tests/viewer/test_util.c
$(BIN)/window-tests: $(TW_TEST_SRC) tests/window/window_test.h $(TR_LIB) $(TV_CORE) \
		$(TW_CORE) $(TV_UI) $(TW_UI) $(TR_HDRS) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -fno-sanitize-recover=undefined $(TV_CFLAGS) -Itracer -o $@ \
	    $(TW_TEST_SRC) $(TR_LIB) $(TV_CORE) $(TW_CORE) $(TV_UI) $(TW_UI) -lcriterion $(TV_LIBS)
window-tests: $(BIN)/window-tests $(BIN)/baton-trace
	$(BIN)/window-tests --jobs 2
.PHONY: window-tests

# make window-figures: the pictures of docs/window.md, from the recorded traces.
WF := $(BIN)/baton-trace --size 900 --export-png docs/window
window-figures: $(BIN)/baton-trace
	@mkdir -p docs/window
	$(WF)/calls.png --range 7.5ms:10ms --at '#62' tests/viewer/demo-rv32.bin
	$(WF)/channel.png --range 5.2ms:7.4ms --lanes chan_server,chan_client,producer \
	    tests/viewer/demo-rv32.bin
	$(WF)/sizes.png --range '#95:#210' tests/viewer/chans-sim.bin
	$(WF)/irq.png tests/viewer/irq-sim.bin
	$(WF)/deadlock.png tests/viewer/deadlock-rv32.bin
	$(WF)/fault.png --range 80000c:110000c tests/viewer/fault-sim.bin
	$(WF)/fanin.png --range 0c:180000c tests/viewer/fanin-sim.bin
	$(WF)/demo-fit.png tests/viewer/demo-rv32.bin
.PHONY: window-figures
