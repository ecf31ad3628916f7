# lua.mk (sim/lua) - Lua scenarios (docs/sim.md, "Lua scenarios"), included
# by sim/sim.mk. The host side, sim/lua/*.c but lua_task.c, goes into
# baton-sim and baton-sim-fast only, linked with Debian's liblua5.4;
# lua_task.c is a user program (the C half of every Lua task), built and
# linked in like those of PROG_DIRS, so every simulator binary has it.
SIM_LUA_CFLAGS := $(shell pkg-config --cflags lua5.4 2>/dev/null)
SIM_LUA_LIBS   := $(shell pkg-config --libs lua5.4 2>/dev/null)
SIM_LUA_PROG   := sim/lua/lua_task.c
SIM_LUA_SRC    := $(filter-out $(SIM_LUA_PROG),$(wildcard sim/lua/*.c))
SIM_LUA_OBJ_san  := $(patsubst %,$(SIM_B)/san/s/%.o,$(SIM_LUA_SRC))
SIM_LUA_OBJ_fast := $(patsubst %,$(SIM_B)/fast/s/%.o,$(SIM_LUA_SRC))
vpath %.c $(dir $(SIM_LUA_PROG))
