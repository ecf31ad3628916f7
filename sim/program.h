/* program.h - the user programs linked into the simulator. The build
 * (sim/mkprogs.sh) generates the table: for each program, its entry (a host
 * function) and where its data sits in the user window at link time. */
#ifndef SIM_PROGRAM_H
#define SIM_PROGRAM_H

struct sim_program {
    const char *name;
    void (*entry)(void);          /* _start of user/lib/arch/sim/start.c */
    /* Its read-only data [ro, data), page-aligned, then its initialised
     * data [data, bss) and zeroed data [bss, end), page-aligned at data. */
    const unsigned char *ro, *data, *bss, *end;
};

extern const struct sim_program sim_builtin_programs[];
extern const int sim_builtin_count;

#endif
