# dirty_entry.gdb (i386) - what a Multiboot loader other than QEMU's may
# leave: EFLAGS.NT and DF set, and .bss full of garbage (the spec promises
# neither a clean EFLAGS nor a zeroed .bss). The kernel must boot anyway.
# $bss_fill: a file of 0xa5 bytes, the size of .bss (faults.sh makes it).
hbreak _start
continue
set $eflags = $eflags | 0x4400
eval "restore %s binary %d", $bss_file, (int)&__bss_start
continue
