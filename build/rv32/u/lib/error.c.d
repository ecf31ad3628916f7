build/rv32/u/lib/error.c.o: lib/error.c include/baton/error.h

include/baton/error.h:
