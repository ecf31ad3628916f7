build/rv32/k/lib/fmt.c.o: lib/fmt.c include/baton/fmt.h

include/baton/fmt.h:
