#!/bin/sh

# meshc traffic capture for service gateway: generated from the mesh policy, do not edit.

# Run as the pod's init container (needs CAP_NET_ADMIN); see `init.sh --help`.

set -eu

MESHC_SERVICE='gateway'
MESHC_FAMILIES='ipv6'
MESHC_REJECTED='ipv4'
MESHC_MODE='redirect'
MESHC_POLICY_BACKEND='detect'
MESHC_TABLES_IPV4='filter'
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
-A MESHC_INBOUND -p tcp --dport 8081 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15001 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15006 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15020 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15021 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15053 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15090 -j RETURN
-A MESHC_INBOUND -p tcp -j MESHC_IN_REDIRECT
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -o lo -s ::6/128 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -d ::1/128 -j RETURN
-A MESHC_OUTPUT -d fd00:10:0:1::/64 -j RETURN
-A MESHC_OUTPUT -j MESHC_REDIRECT
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

meshc_head_ipv4_filter() {
  cat <<'MESHC_END'
*filter
:MESHC_REJECT_IN - [0:0]
:MESHC_REJECT_OUT - [0:0]
MESHC_END
}

meshc_rules_ipv4_filter() {
  cat <<'MESHC_END'
-A MESHC_REJECT_IN -i lo -j RETURN
-A MESHC_REJECT_IN -p tcp -j REJECT --reject-with tcp-reset
-A MESHC_REJECT_IN -j REJECT --reject-with icmp-admin-prohibited
-A MESHC_REJECT_OUT -o lo -j RETURN
-A MESHC_REJECT_OUT -m conntrack --ctstate RELATED -j RETURN
-A MESHC_REJECT_OUT -p tcp -j REJECT --reject-with tcp-reset
-A MESHC_REJECT_OUT -j REJECT --reject-with icmp-admin-prohibited
-A INPUT -j MESHC_REJECT_IN
-A OUTPUT -j MESHC_REJECT_OUT
MESHC_END
}

meshc_payload_ipv4() {
  meshc_head_ipv4_filter
  meshc_removals "$1" ipv4 "$2" filter 'MESHC_REJECT_IN MESHC_REJECT_OUT'
  meshc_rules_ipv4_filter
  echo COMMIT
}

meshc_nft_ruleset() {
  cat <<'MESHC_END'
table inet meshc
delete table inet meshc
table inet meshc {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		meta nfproto ipv6 meta l4proto tcp jump inbound
	}

	chain output {
		type nat hook output priority -100; policy accept;
		meta nfproto ipv6 meta l4proto tcp jump outbound
	}

	chain inbound {
		tcp dport { 8081, 15000, 15001, 15006, 15020, 15021, 15053, 15090 } return
		jump in_redirect
	}

	chain in_redirect {
		meta l4proto tcp redirect to :15006
	}

	chain outbound {
		oifname "lo" ip6 saddr ::6 return
		oifname "lo" ip6 daddr != ::1 meta skuid 1337 jump in_redirect
		oifname "lo" meta skuid != 1337 return
		meta skuid 1337 return
		oifname "lo" ip6 daddr != ::1 meta skgid 1337 jump in_redirect
		oifname "lo" meta skgid != 1337 return
		meta skgid 1337 return
		ip6 daddr ::1 return
		ip6 daddr fd00:10:0:1::/64 return
		jump out_redirect
	}

	chain out_redirect {
		meta l4proto tcp redirect to :15001
	}

	chain reject_input {
		type filter hook input priority filter; policy accept;
		meta nfproto ipv4 iifname != "lo" meta l4proto tcp reject with tcp reset
		meta nfproto ipv4 iifname != "lo" reject with icmpx admin-prohibited
	}

	chain reject_output {
		type filter hook output priority filter; policy accept;
		meta nfproto ipv4 oifname != "lo" ct state != related meta l4proto tcp reject with tcp reset
		meta nfproto ipv4 oifname != "lo" ct state != related reject with icmpx admin-prohibited
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
