build/rv32/u/user/lib/printf.c.o: user/lib/printf.c user/include/baton.h \
  include/baton/types.h include/baton/error.h include/baton/syscall.h \
  include/baton/string.h include/baton/fmt.h

user/include/baton.h:

include/baton/types.h:

include/baton/error.h:

include/baton/syscall.h:

include/baton/string.h:

include/baton/fmt.h:
