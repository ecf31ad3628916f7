build/rv32/u/lib/fmt.c.o: lib/fmt.c include/baton/fmt.h

include/baton/fmt.h:
