#!/usr/bin/env python3
# A transparent-proxy stub for the capture kernel tests, and the client that talks to it.
#
#   capture-stub.py serve [--uid N] NAME tcp:PORT[:transparent] udp:PORT[:loopback] ...
#       listens on every port for IPv4 (0.0.0.0) and IPv6 (::, v6only); `loopback` binds 127.0.0.1 and ::1
#       instead (a redirected UDP reply must leave from the address the redirect chose, as the sidecar's DNS
#       proxy does); `transparent` sets IP_TRANSPARENT (TPROXY). On each TCP connection it answers one
#       JSON line: who answered (NAME, the listening port), the peer, the local address, and the original
#       destination the kernel recorded before NAT: getsockopt(SOL_IP, SO_ORIGINAL_DST) on IPv4 sockets,
#       getsockopt(IPPROTO_IPV6, IP6T_SO_ORIGINAL_DST) on IPv6 sockets (linux/netfilter_ipv4.h,
#       linux/netfilter_ipv6/ip6_tables.h; both are 80). UDP datagrams get the same line, without the
#       original destination. Prints "ready" once every socket is bound. With --uid it runs as uid/gid N
#       (the sidecar's 1337), so the rules that match the proxy's own packets see them as the proxy's.
#   capture-stub.py connect [--uid N] [--sport P] tcp:HOST:PORT udp:HOST:PORT ...
#       (as uid/gid N when given, from local port P when given) connects to each target and prints one JSON
#       line per target: the reply, or the error.
import json, os, selectors, socket, struct, sys

SO_ORIGINAL_DST = 80
IP6T_SO_ORIGINAL_DST = 80
IP_TRANSPARENT = 19  # linux/in.h
IPV6_TRANSPARENT = 75  # linux/in6.h


def original_destination(conn, family):
    try:
        if family == socket.AF_INET:
            raw = conn.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
            port, addr = struct.unpack_from("!H4s", raw, 2)
            return [socket.inet_ntop(socket.AF_INET, addr), port]
        raw = conn.getsockopt(socket.IPPROTO_IPV6, IP6T_SO_ORIGINAL_DST, 28)
        port = struct.unpack_from("!H", raw, 2)[0]
        return [socket.inet_ntop(socket.AF_INET6, raw[8:24]), port]
    except OSError as error:
        return "none: " + error.strerror


def address(sockaddr):
    return [sockaddr[0], sockaddr[1]]


def serve(name, specs):
    selector = selectors.DefaultSelector()
    for spec in specs:
        parts = spec.split(":")
        kind, port, transparent = parts[0], int(parts[1]), "transparent" in parts[2:]
        hosts = ("127.0.0.1", "::1") if "loopback" in parts[2:] else ("0.0.0.0", "::")
        for family, host in ((socket.AF_INET, hosts[0]), (socket.AF_INET6, hosts[1])):
            sock = socket.socket(family, socket.SOCK_STREAM if kind == "tcp" else socket.SOCK_DGRAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if transparent:
                if family == socket.AF_INET:
                    sock.setsockopt(socket.SOL_IP, IP_TRANSPARENT, 1)
                else:
                    sock.setsockopt(socket.IPPROTO_IPV6, IPV6_TRANSPARENT, 1)
            sock.bind((host, port))
            if kind == "tcp":
                sock.listen(64)
            selector.register(sock, selectors.EVENT_READ, (kind, port, family))
    print("ready", flush=True)
    while True:
        for key, _ in selector.select():
            kind, port, family = key.data
            sock = key.fileobj
            if kind == "udp":
                data, peer = sock.recvfrom(4096)
                reply = {"name": name, "port": port, "peer": address(peer), "data": data.decode(errors="replace")}
                sock.sendto((json.dumps(reply) + "\n").encode(), peer)
                continue
            conn, peer = sock.accept()
            with conn:
                reply = {
                    "name": name,
                    "port": port,
                    "peer": address(peer),
                    "local": address(conn.getsockname()),
                    "original": original_destination(conn, family),
                }
                try:
                    conn.sendall((json.dumps(reply) + "\n").encode())
                except OSError:
                    pass


def become(uid):
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def options(args):
    """Leading --uid N / --sport P pairs, and the remaining arguments."""
    found = {}
    while len(args) >= 2 and args[0] in ("--uid", "--sport"):
        found[args[0][2:]] = int(args[1])
        args = args[2:]
    return found, args


def connect(targets, sport):
    for target in targets:
        kind, rest = target.split(":", 1)
        host, port = rest.rsplit(":", 1)
        host = host.strip("[]")
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        result = {"target": target}
        try:
            sock = socket.socket(family, socket.SOCK_STREAM if kind == "tcp" else socket.SOCK_DGRAM)
            sock.settimeout(2)
            with sock:
                if sport is not None:
                    sock.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", sport))
                sock.connect((host, int(port)))
                if kind == "udp":
                    sock.send(b"query")
                    result["reply"] = json.loads(sock.recv(4096).decode())
                else:
                    data = b""
                    while not data.endswith(b"\n"):
                        chunk = sock.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                    result["reply"] = json.loads(data.decode()) if data else None
        except (OSError, ValueError) as error:
            result["error"] = str(error)
        print(json.dumps(result), flush=True)


def main(argv):
    found, rest = options(argv[1:])
    if "uid" in found:
        become(found["uid"])
    if argv and argv[0] == "serve" and rest:
        serve(rest[0], rest[1:])
    elif argv and argv[0] == "connect":
        connect(rest, found.get("sport"))
    else:
        sys.exit("usage: capture-stub.py serve [--uid N] NAME SPEC... | connect [--uid N] [--sport P] TARGET...")


if __name__ == "__main__":
    main(sys.argv[1:])
