# panic_twice.gdb (both ports) - every call of fmt_format, the formatter
# printk and panic use, jumps to an unmapped address: the first printk
# faults, the kernel panics, and panic's own printk faults again. A second
# panic must print one line and stop, not recurse.
hbreak kernel_main
continue
break fmt_format
commands
silent
set $pc = 0xf0000000
continue
end
continue
