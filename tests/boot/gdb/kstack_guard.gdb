# kstack_guard.gdb (i386) - a task's kernel stack runs down into the guard
# page below it (kernel/task.c, arch_vm_guard): the kernel must panic with a
# double fault that names the task, not run into the stack below nor reset.
hbreak trap_syscall
continue
delete
set $esp = (int)task_current->kstack + 16
continue
