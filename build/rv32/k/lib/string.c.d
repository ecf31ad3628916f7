build/rv32/k/lib/string.c.o: lib/string.c include/baton/string.h

include/baton/string.h:
