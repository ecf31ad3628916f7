/* boot.S (i386) - the first code that runs: the multiboot header that lets
 * QEMU (or GRUB) load this ELF file, and _start, which puts the CPU in a
 * known state, clears .bss, gets a stack and calls C. */
#include "i386.h"
#define MB_MAGIC     0x1BADB002   /* "I am a multiboot kernel" */
#define MB_FLAG_MEM  (1 << 1)     /* please fill in mem_lower/mem_upper */
#define BOOT_STACK_SIZE 16384
#define PAGE         4096

/* The loader scans the first 8 KiB of the file for this header, 4-byte
 * aligned; kernel.ld places the section first. The three words must sum to
 * zero (mod 2^32). */
    .section .multiboot, "a"
    .p2align 2
    .long MB_MAGIC
    .long MB_FLAG_MEM
    .long -(MB_MAGIC + MB_FLAG_MEM)

/* The loader jumps here in 32-bit protected mode with paging off,
 * interrupts off, eax = 0x2BADB002 and ebx = the physical address of the
 * multiboot information. Its GDT is temporary: gdt_init() replaces it.
 * The specification promises nothing else: not a stack, not EFLAGS (a set
 * NT bit would turn the first iret into a task switch), not a zeroed .bss
 * (QEMU's -kernel clears it; another loader need not). */
    .text
    .globl _start
_start:
    mov  $boot_stack_top, %esp
    pushl $EFLAGS_ALWAYS1     /* EFLAGS = 2: IF, NT, DF, AC, TF all 0 */
    popfl
    mov  %eax, %edx           /* keep the magic: stosl needs eax */
    mov  $__bss_start, %edi   /* .bss, boot stack included: all zeros */
    mov  $__bss_end, %ecx
    sub  %edi, %ecx
    shr  $2, %ecx             /* kernel.ld aligns both ends to 4 */
    xor  %eax, %eax
    rep stosl
    xor  %ebp, %ebp           /* end of the frame chain, for backtraces */
    push %ebx                 /* i386_start(magic, info) */
    push %edx
    call i386_start           /* never returns */
1:  hlt
    jmp  1b

/* The stack kernel_main() and the boot code run on. Tasks have their own.
 * The page below it stays unmapped (vm.c): a boot stack that overflows
 * faults there, and the double-fault task reports it (trap.c). */
    .section .bss.boot_stack, "aw", @nobits
    .p2align 12
    .globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard:
    .space PAGE
boot_stack:
    .space BOOT_STACK_SIZE
boot_stack_top:
