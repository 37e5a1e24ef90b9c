#!/usr/bin/env python3
# Runs a command as if the kernel had no legacy iptables (no ip_tables / ip6_tables), as on nftables-only
# hosts: a seccomp filter answers every legacy iptables socket option with ENOPROTOOPT, which is what the
# kernel itself answers when no module registered that option range (net/netfilter/nf_sockopt.c). The real
# iptables-legacy binaries then fail exactly as they do there ("Table does not exist (do you need to
# insmod?)"), while iptables-nft and nft, which speak netlink, keep working. The filter is inherited by every
# child process, so a whole init.sh run sees the same kernel.
#
#   no-legacy-kernel.py COMMAND [ARG...]
import ctypes, os, platform, struct, sys

# getsockopt/setsockopt numbers and the seccomp audit arch, per machine (asm/unistd_64.h, linux/audit.h).
ARCH = {
    "x86_64": (0xC000003E, 55, 54),
    "aarch64": (0xC00000B7, 209, 208),
}
SOL_IP, SOL_IPV6 = 0, 41
# IPT_SO_SET_REPLACE/ADD_COUNTERS and IPT_SO_GET_INFO/ENTRIES/REVISION_MATCH/REVISION_TARGET are 64..67;
# the IP6T_SO_* options use the same numbers at SOL_IPV6 (linux/netfilter_ipv4/ip_tables.h, ip6_tables.h).
FIRST_OPTION, LAST_OPTION = 64, 67
ENOPROTOOPT = 92

LD_ABS, JEQ, JGE, JGT, RET = 0x20, 0x15, 0x35, 0x25, 0x06
ALLOW, ERRNO = 0x7FFF0000, 0x00050000
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2


def program(arch, getsockopt, setsockopt):
    # seccomp_data: nr at 0, arch at 4, args[i] at 16 + 8 i (low 32 bits first on these little-endian machines).
    return [
        (LD_ABS, 0, 0, 4),
        (JEQ, 0, 10, arch),  # another ABI: allow
        (LD_ABS, 0, 0, 0),
        (JEQ, 1, 0, getsockopt),
        (JEQ, 0, 7, setsockopt),  # any other call: allow
        (LD_ABS, 0, 0, 16 + 8),  # level
        (JEQ, 1, 0, SOL_IP),
        (JEQ, 0, 4, SOL_IPV6),
        (LD_ABS, 0, 0, 16 + 16),  # optname
        (JGE, 0, 2, FIRST_OPTION),
        (JGT, 1, 0, LAST_OPTION),
        (RET, 0, 0, ERRNO | ENOPROTOOPT),
        (RET, 0, 0, ALLOW),
    ]


def install():
    machine = platform.machine()
    if machine not in ARCH:
        sys.exit(f"no-legacy-kernel.py: no syscall table for {machine}")
    filters = program(*ARCH[machine])
    raw = b"".join(struct.pack("HBBI", *f) for f in filters)
    buffer = ctypes.create_string_buffer(raw, len(raw))
    fprog = struct.pack("HxxxxxxP", len(filters), ctypes.addressof(buffer))
    fprog_buffer = ctypes.create_string_buffer(fprog, len(fprog))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        sys.exit(f"no-legacy-kernel.py: PR_SET_NO_NEW_PRIVS: {os.strerror(ctypes.get_errno())}")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog_buffer), 0, 0) != 0:
        sys.exit(f"no-legacy-kernel.py: PR_SET_SECCOMP: {os.strerror(ctypes.get_errno())}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: no-legacy-kernel.py COMMAND [ARG...]")
    install()
    os.execvp(sys.argv[1], sys.argv[1:])
