// my_server.c

void somewhere(void) {
    // `async_send` enqueues the message and notifies the destination task with
    // the notification `NOTIFY_ASYNC`.
    m.type = BENCHMARK_NOP_MSG;
    async_send(dst, &m);
}

void main(void) {
    while (true) {
        struct message m;
        bzero(&m, sizeof(m));
        ASSERT_OK(ipc_recv(IPC_ANY, &m));

        switch (m.type) {
            case ASYNC_MSG:
                // Handle a request from the client's async_recv().
                async_reply(m.src);
                break;
        }
    }
}
