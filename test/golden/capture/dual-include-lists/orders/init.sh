#!/bin/sh

# meshc traffic capture for service orders: generated from the mesh policy, do not edit.

# Run as the pod's init container (needs CAP_NET_ADMIN); see `init.sh --help`.

set -eu

MESHC_SERVICE='orders'
MESHC_FAMILIES='ipv6 ipv4'
MESHC_REJECTED=''
MESHC_MODE='redirect'
MESHC_POLICY_BACKEND='detect'
MESHC_TABLES_IPV4='nat'
MESHC_TABLES_IPV6='nat'

meshc_head_ipv6_nat() {
  cat <<'MESHC_END'
*nat
:MESHC_INBOUND - [0:0]
:MESHC_IN_REDIRECT - [0:0]
:MESHC_OUTPUT - [0:0]
:MESHC_REDIRECT - [0:0]
MESHC_END
}

meshc_rules_ipv6_nat() {
  cat <<'MESHC_END'
-A MESHC_INBOUND -p tcp --dport 8080 -j MESHC_IN_REDIRECT
-A MESHC_INBOUND -p tcp --dport 9090 -j MESHC_IN_REDIRECT
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -o lo -s ::6/128 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -d ::1/128 -j RETURN
-A MESHC_OUTPUT -d fd00:10:96::/112 -j MESHC_REDIRECT
-A MESHC_REDIRECT -p tcp -j REDIRECT --to-ports 15001
-A PREROUTING -p tcp -j MESHC_INBOUND
-A OUTPUT -p tcp -j MESHC_OUTPUT
MESHC_END
}

meshc_payload_ipv6() {
  meshc_head_ipv6_nat
  meshc_removals "$1" ipv6 "$2" nat 'MESHC_INBOUND MESHC_IN_REDIRECT MESHC_OUTPUT MESHC_REDIRECT'
  meshc_rules_ipv6_nat
  echo COMMIT
}

meshc_head_ipv4_nat() {
  cat <<'MESHC_END'
*nat
:MESHC_INBOUND - [0:0]
:MESHC_IN_REDIRECT - [0:0]
:MESHC_OUTPUT - [0:0]
:MESHC_REDIRECT - [0:0]
MESHC_END
}

meshc_rules_ipv4_nat() {
  cat <<'MESHC_END'
-A MESHC_INBOUND -p tcp --dport 8080 -j MESHC_IN_REDIRECT
-A MESHC_INBOUND -p tcp --dport 9090 -j MESHC_IN_REDIRECT
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -o lo -s 127.0.0.6/32 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -d 127.0.0.1/32 -j RETURN
-A MESHC_OUTPUT -d 10.96.0.10/32 -j RETURN
-A MESHC_OUTPUT -d 10.96.0.0/12 -j MESHC_REDIRECT
-A MESHC_REDIRECT -p tcp -j REDIRECT --to-ports 15001
-A PREROUTING -p tcp -j MESHC_INBOUND
-A OUTPUT -p tcp -j MESHC_OUTPUT
MESHC_END
}

meshc_payload_ipv4() {
  meshc_head_ipv4_nat
  meshc_removals "$1" ipv4 "$2" nat 'MESHC_INBOUND MESHC_IN_REDIRECT MESHC_OUTPUT MESHC_REDIRECT'
  meshc_rules_ipv4_nat
  echo COMMIT
}

meshc_nft_ruleset() {
  cat <<'MESHC_END'
table inet meshc
delete table inet meshc
table inet meshc {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		meta l4proto tcp jump inbound
	}

	chain output {
		type nat hook output priority -100; policy accept;
		meta l4proto tcp jump outbound
	}

	chain inbound {
		tcp dport { 8080, 9090 } jump in_redirect
	}

	chain in_redirect {
		meta l4proto tcp redirect to :15006
	}

	chain outbound {
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
		ip6 daddr fd00:10:96::/112 jump out_redirect
		ip daddr 127.0.0.1 return
		ip daddr 10.96.0.10/32 return
		ip daddr 10.96.0.0/12 jump out_redirect
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
