/* string.h - the memory and string functions of lib/string.c, for the kernel
 * and user programs (the host uses its own C library's). */
#ifndef BATON_STRING_H
#define BATON_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Copy at most size-1 characters and always terminate; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
void bzero(void *dst, size_t n);

#endif
