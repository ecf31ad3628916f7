build/rv32/u/user/lib/syscall.c.o: user/lib/syscall.c \
  user/include/baton.h include/baton/types.h include/baton/error.h \
  include/baton/syscall.h include/baton/string.h include/baton/fmt.h \
  user/lib/arch/rv32/arch_syscall.h

user/include/baton.h:

include/baton/types.h:

include/baton/error.h:

include/baton/syscall.h:

include/baton/string.h:

include/baton/fmt.h:

user/lib/arch/rv32/arch_syscall.h:
