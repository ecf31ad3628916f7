# stack_gone.gdb (i386) - the kernel stack pointer points at nothing: the
# first fault cannot push its frame. The double-fault task must report it.
hbreak kernel_main
continue
set $esp = 0xf0000000
continue
