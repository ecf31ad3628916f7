/* boot.S (i386) - the first code that runs: the multiboot header that lets
 * QEMU (or GRUB) load this ELF file, and _start, which gets a stack and
 * calls C. */
#define MB_MAGIC     0x1BADB002   /* "I am a multiboot kernel" */
#define MB_FLAG_MEM  (1 << 1)     /* please fill in mem_lower/mem_upper */
#define BOOT_STACK_SIZE 16384

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
 * multiboot information. Its GDT is temporary: gdt_init() replaces it. */
    .text
    .globl _start
_start:
    mov  $boot_stack_top, %esp
    xor  %ebp, %ebp           /* end of the frame chain, for backtraces */
    push %ebx                 /* i386_start(magic, info) */
    push %eax
    call i386_start           /* never returns */
1:  hlt
    jmp  1b

/* The stack kernel_main() and the boot code run on. Tasks have their own. */
    .bss
    .p2align 4
boot_stack:
    .space BOOT_STACK_SIZE
boot_stack_top:
