/* elf.h - loading a user program (a static ELF32 executable) into a task. */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stddef.h>
#include <stdint.h>
#include <baton/error.h>

struct task;

/* Map and fill every loadable segment of the ELF file image[0..size) into
 * t's address space; *entry gets the entry point and t->image_end the end of
 * the highest segment. ERR_INVALID_ARG for a file that is not a valid
 * executable for this machine or that reaches outside user space. */
error_t elf_load(struct task *t, const unsigned char *image, size_t size,
                 uintptr_t *entry);

#endif
