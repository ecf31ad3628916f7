build/rv32/u/lib/string.c.o: lib/string.c include/baton/string.h

include/baton/string.h:
