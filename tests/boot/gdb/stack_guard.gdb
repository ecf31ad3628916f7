# stack_guard.gdb (i386) - the boot stack runs down into its guard page:
# the kernel must panic with "double fault", not reset silently.
hbreak kernel_main
continue
set $esp = (int)&boot_stack + 16
continue
