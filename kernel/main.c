/* main.c - kernel_main(): after the port has booted the machine, start the
 * page allocator, the idle task and the manifest's tasks, then schedule. */
#include "arch.h"
#include "page.h"
#include "task.h"
#include "sched.h"
#include "printk.h"
#include "manifest.h"
#include "trace.h"
#include "kinfo.h"

noreturn void kernel_main(void)
{
    uintptr_t start, end;
    arch_mem_range(&start, &end);
    page_init(start, end);
    printk("Baton (%s): %u KiB free\n", ARCH_NAME,
           (unsigned)(page_free_count() * PAGE_SIZE / 1024));

    kinfo_init();           /* before trace_init: it publishes the mask */
    trace_init();           /* before any task: their creation is traced */
    task_init();
    int started = 0;
    for (int i = 0; i < manifest_count; i++) {
        const struct manifest_task *m = &manifest_tasks[i];
        struct task *t;
        error_t err = task_create(m, &t);
        if (err != OK) {
            printk("[baton] cannot start task %s: %s\n", m->name, err2str(err));
            continue;
        }
        started++;
    }
    if (started == 0)
        panic("no task could be started");
    task_boot_supervisor();

    arch_irq_enable(arch_irq_uart());
    arch_timer_init();
    sched_start();
}
