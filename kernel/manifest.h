/* manifest.h - the tasks built into a kernel image.
 *
 * scripts/mkmanifest.sh turns a manifest text file (user/manifests/NAME.txt)
 * into a table of these, with each program's ELF file embedded beside it.
 * kernel_main() starts one task per entry, in order: ids 1, 2, 3...
 * Every program embedded is also listed by name in manifest_programs[], for
 * task_spawn: those of the tasks, and those a "program NAME" line adds. */
#ifndef KERNEL_MANIFEST_H
#define KERNEL_MANIFEST_H

#include <stdint.h>
#include <stdbool.h>

/* Portable interrupt names a task may be granted (bit numbers in .irqs). */
enum { MANIFEST_IRQ_UART = 0 };

struct manifest_task {
    const char *name;
    const unsigned char *elf, *elf_end;   /* the program, an ELF32 file */
    int priority;                         /* TASK_PRIO_MIN..TASK_PRIO_MAX */
    uint32_t send_ports;                  /* bit p: may open port p to send */
    uint32_t recv_ports;                  /* bit p: may open port p to receive */
    uint32_t irqs;                        /* bit i: device i (MANIFEST_IRQ_i): its
                                             registers and its line */
    bool privileged;                      /* may spawn, kill, hear of deaths */
};

/* A program built into the image, which task_spawn finds by name. */
struct manifest_program {
    const char *name;
    const unsigned char *elf, *elf_end;
};

extern const struct manifest_task manifest_tasks[];
extern const int manifest_count;
extern const struct manifest_program manifest_programs[];
extern const int manifest_program_count;

#endif
