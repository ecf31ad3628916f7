/* bootarg.h - words of the kernel command line ("-append" under QEMU: the
 * device tree's bootargs on rv32, the multiboot command line on i386). */
#ifndef KERNEL_BOOTARG_H
#define KERNEL_BOOTARG_H

#include <stdbool.h>
#include <stddef.h>

/* The value of the last word "key=value" on cmdline (NULL allowed), as a
 * pointer to its first character (it ends at a space, a comma-list is the
 * caller's to split), or NULL when there is none. */
const char *bootarg(const char *cmdline, const char *key);
/* Does the value at v (from bootarg) equal word, up to its end? */
bool bootarg_is(const char *v, const char *word);
/* The decimal number at v, or dflt when v is NULL or not a number. */
unsigned bootarg_uint(const char *v, unsigned dflt);

#endif
