build/rv32/k/lib/error.c.o: lib/error.c include/baton/error.h

include/baton/error.h:
