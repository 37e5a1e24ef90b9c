#!/bin/sh

# meshc traffic capture for service orders: generated from the mesh policy, do not edit.

# Run as the pod's init container (needs CAP_NET_ADMIN); see `init.sh --help`.

set -eu

MESHC_SERVICE='orders'
MESHC_FAMILIES='ipv6 ipv4'
MESHC_REJECTED=''
MESHC_MODE='tproxy'
MESHC_POLICY_BACKEND='detect'
MESHC_TABLES_IPV4='mangle nat'
MESHC_TABLES_IPV6='mangle nat'

meshc_head_ipv6_mangle() {
  cat <<'MESHC_END'
*mangle
:MESHC_INBOUND - [0:0]
:MESHC_DIVERT - [0:0]
:MESHC_TPROXY - [0:0]
:MESHC_OUTPUT - [0:0]
MESHC_END
}

meshc_rules_ipv6_mangle() {
  cat <<'MESHC_END'
-A MESHC_INBOUND -p tcp -m mark --mark 1337 -j CONNMARK --save-mark
-A MESHC_INBOUND -p tcp -m mark --mark 1337 -j RETURN
-A MESHC_INBOUND -p tcp -s ::6/128 -i lo -j RETURN
-A MESHC_INBOUND -p tcp -i lo -m mark ! --mark 1338 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15001 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15006 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15020 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15021 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15053 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15090 -j RETURN
-A MESHC_INBOUND -p tcp -m conntrack --ctstate RELATED,ESTABLISHED -j MESHC_DIVERT
-A MESHC_INBOUND -p tcp -j MESHC_TPROXY
-A MESHC_DIVERT -j MARK --set-xmark 1337/0xffffffff
-A MESHC_DIVERT -j ACCEPT
-A MESHC_TPROXY ! -d ::1/128 -p tcp -j TPROXY --on-port 15006 --tproxy-mark 1337/0xffffffff
-A MESHC_OUTPUT -p tcp -o lo -m mark --mark 1337 -j RETURN
-A MESHC_OUTPUT ! -d ::1/128 -p tcp -o lo -m owner --uid-owner 1337 -j MARK --set-xmark 1338/0xffffffff
-A MESHC_OUTPUT ! -d ::1/128 -p tcp -o lo -m owner --gid-owner 1337 -j MARK --set-xmark 1338/0xffffffff
-A MESHC_OUTPUT -p tcp -m connmark --mark 1337 -j CONNMARK --restore-mark
-A PREROUTING -p tcp -j MESHC_INBOUND
-A OUTPUT -p tcp -j MESHC_OUTPUT
MESHC_END
}

meshc_head_ipv6_nat() {
  cat <<'MESHC_END'
*nat
:MESHC_IN_REDIRECT - [0:0]
:MESHC_OUTPUT - [0:0]
:MESHC_REDIRECT - [0:0]
MESHC_END
}

meshc_rules_ipv6_nat() {
  cat <<'MESHC_END'
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -m mark --mark 1337 -j RETURN
-A MESHC_OUTPUT -o lo -s ::6/128 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -d ::1/128 -j RETURN
-A MESHC_OUTPUT -j MESHC_REDIRECT
-A MESHC_REDIRECT -p tcp -j REDIRECT --to-ports 15001
-A OUTPUT -p tcp -j MESHC_OUTPUT
MESHC_END
}

meshc_payload_ipv6() {
  meshc_head_ipv6_mangle
  meshc_removals "$1" ipv6 "$2" mangle 'MESHC_INBOUND MESHC_DIVERT MESHC_TPROXY MESHC_OUTPUT'
  meshc_rules_ipv6_mangle
  echo COMMIT
  meshc_head_ipv6_nat
  meshc_removals "$1" ipv6 "$2" nat 'MESHC_IN_REDIRECT MESHC_OUTPUT MESHC_REDIRECT'
  meshc_rules_ipv6_nat
  echo COMMIT
}

meshc_head_ipv4_mangle() {
  cat <<'MESHC_END'
*mangle
:MESHC_INBOUND - [0:0]
:MESHC_DIVERT - [0:0]
:MESHC_TPROXY - [0:0]
:MESHC_OUTPUT - [0:0]
MESHC_END
}

meshc_rules_ipv4_mangle() {
  cat <<'MESHC_END'
-A MESHC_INBOUND -p tcp -m mark --mark 1337 -j CONNMARK --save-mark
-A MESHC_INBOUND -p tcp -m mark --mark 1337 -j RETURN
-A MESHC_INBOUND -p tcp -s 127.0.0.6/32 -i lo -j RETURN
-A MESHC_INBOUND -p tcp -i lo -m mark ! --mark 1338 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15001 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15006 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15020 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15021 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15053 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15090 -j RETURN
-A MESHC_INBOUND -p tcp -m conntrack --ctstate RELATED,ESTABLISHED -j MESHC_DIVERT
-A MESHC_INBOUND -p tcp -j MESHC_TPROXY
-A MESHC_DIVERT -j MARK --set-xmark 1337/0xffffffff
-A MESHC_DIVERT -j ACCEPT
-A MESHC_TPROXY ! -d 127.0.0.1/32 -p tcp -j TPROXY --on-port 15006 --tproxy-mark 1337/0xffffffff
-A MESHC_OUTPUT -p tcp -o lo -m mark --mark 1337 -j RETURN
-A MESHC_OUTPUT ! -d 127.0.0.1/32 -p tcp -o lo -m owner --uid-owner 1337 -j MARK --set-xmark 1338/0xffffffff
-A MESHC_OUTPUT ! -d 127.0.0.1/32 -p tcp -o lo -m owner --gid-owner 1337 -j MARK --set-xmark 1338/0xffffffff
-A MESHC_OUTPUT -p tcp -m connmark --mark 1337 -j CONNMARK --restore-mark
-A PREROUTING -p tcp -j MESHC_INBOUND
-A OUTPUT -p tcp -j MESHC_OUTPUT
MESHC_END
}

meshc_head_ipv4_nat() {
  cat <<'MESHC_END'
*nat
:MESHC_IN_REDIRECT - [0:0]
:MESHC_OUTPUT - [0:0]
:MESHC_REDIRECT - [0:0]
MESHC_END
}

meshc_rules_ipv4_nat() {
  cat <<'MESHC_END'
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -m mark --mark 1337 -j RETURN
-A MESHC_OUTPUT -o lo -s 127.0.0.6/32 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -d 127.0.0.1/32 -j RETURN
-A MESHC_OUTPUT -j MESHC_REDIRECT
-A MESHC_REDIRECT -p tcp -j REDIRECT --to-ports 15001
-A OUTPUT -p tcp -j MESHC_OUTPUT
MESHC_END
}

meshc_payload_ipv4() {
  meshc_head_ipv4_mangle
  meshc_removals "$1" ipv4 "$2" mangle 'MESHC_INBOUND MESHC_DIVERT MESHC_TPROXY MESHC_OUTPUT'
  meshc_rules_ipv4_mangle
  echo COMMIT
  meshc_head_ipv4_nat
  meshc_removals "$1" ipv4 "$2" nat 'MESHC_IN_REDIRECT MESHC_OUTPUT MESHC_REDIRECT'
  meshc_rules_ipv4_nat
  echo COMMIT
}

meshc_nft_ruleset() {
  cat <<'MESHC_END'
table inet meshc
delete table inet meshc
table inet meshc {
	chain mangle_prerouting {
		type filter hook prerouting priority mangle; policy accept;
		meta l4proto tcp jump tproxy_inbound
	}

	chain mangle_output {
		type route hook output priority mangle; policy accept;
		meta l4proto tcp jump tproxy_output
	}

	chain tproxy_inbound {
		meta mark 1337 ct mark set meta mark
		meta mark 1337 return
		iifname "lo" ip6 saddr ::6 return
		iifname "lo" ip saddr 127.0.0.6 return
		iifname "lo" meta mark != 1338 return
		tcp dport { 15000, 15001, 15006, 15020, 15021, 15053, 15090 } return
		ct state established,related jump divert
		ip6 daddr != ::1 meta l4proto tcp tproxy ip6 to :15006 meta mark set 1337 accept
		ip daddr != 127.0.0.1 meta l4proto tcp tproxy ip to :15006 meta mark set 1337 accept
	}

	chain divert {
		meta mark set 1337 accept
	}

	chain tproxy_output {
		oifname "lo" meta mark 1337 return
		oifname "lo" ip6 daddr != ::1 meta skuid 1337 meta mark set 1338
		oifname "lo" ip daddr != 127.0.0.1 meta skuid 1337 meta mark set 1338
		oifname "lo" ip6 daddr != ::1 meta skgid 1337 meta mark set 1338
		oifname "lo" ip daddr != 127.0.0.1 meta skgid 1337 meta mark set 1338
		ct mark 1337 meta mark set ct mark
	}

	chain output {
		type nat hook output priority -100; policy accept;
		meta l4proto tcp jump outbound
	}

	chain in_redirect {
		meta l4proto tcp redirect to :15006
	}

	chain outbound {
		meta mark 1337 return
		oifname "lo" ip6 saddr ::6 return
		oifname "lo" ip saddr 127.0.0.6 return
		oifname "lo" ip6 daddr != ::1 meta skuid 1337 jump in_redirect
		oifname "lo" ip daddr != 127.0.0.1 meta skuid 1337 jump in_redirect
		oifname "lo" meta skuid != 1337 return
		meta skuid 1337 return
		oifname "lo" ip6 daddr != ::1 meta skgid 1337 jump in_redirect
		oifname "lo" ip daddr != 127.0.0.1 meta skgid 1337 jump in_redirect
		oifname "lo" meta skgid != 1337 return
		meta skgid 1337 return
		ip6 daddr ::1 return
		ip daddr 127.0.0.1 return
		jump out_redirect
	}

	chain out_redirect {
		meta l4proto tcp redirect to :15001
	}
}
MESHC_END
}

MESHC_RUNTIME_WANT='97df49372493dc98'
case "$0" in */*) meshc_here=${0%/*} ;; *) meshc_here=. ;; esac
if [ ! -r "$meshc_here/../runtime.sh" ]; then
  printf 'meshc-capture(%s): error: %s is missing: it is the capture runtime this script runs\n' "$MESHC_SERVICE" "$meshc_here/../runtime.sh" >&2
  exit 1
fi
. "$meshc_here/../runtime.sh"
