/* t_secret.c - two tasks run this program at the same addresses; each keeps
 * its own value in `secret` across sleeps: separate address spaces. */
#include <baton_test.h>

static volatile uint32_t secret;

int main(void)
{
    uint32_t mine = 0x5ec00000u + (uint32_t)task_self();
    secret = mine;
    for (int i = 0; i < 5; i++) {
        sleep_ms(10);
        if (secret != mine) {
            printf("FAIL secret: task %d sees %x, wrote %x\n", task_self(), secret, mine);
            return 1;
        }
    }
    CHECK(secret == mine, "a task's memory is its own");
    return 0;
}
