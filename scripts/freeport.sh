#!/bin/sh
# freeport.sh - print a TCP port nobody listens on, chosen from the user id
# so that two users on one machine start from different places.
uid=$(id -u)
port=$((20000 + (uid * 37 + $$) % 20000))
# /proc/net/tcp* list bound ports in hex as the second field's suffix.
in_use() {
    hex=$(printf '%04X' "$1")
    cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '{print $2}' | grep -q ":$hex\$"
}
while in_use "$port"; do
    port=$((port + 1))
done
echo "$port"
