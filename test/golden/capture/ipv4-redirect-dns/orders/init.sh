#!/bin/sh

# meshc traffic capture for service orders: generated from the mesh policy, do not edit.

# Run as the pod's init container (needs CAP_NET_ADMIN); see `init.sh --help`.

set -eu

MESHC_SERVICE='orders'
MESHC_FAMILIES='ipv4'
MESHC_REJECTED='ipv6'
MESHC_MODE='redirect'
MESHC_POLICY_BACKEND='detect'
MESHC_TABLES_IPV4='raw nat'
MESHC_TABLES_IPV6='filter'

meshc_head_ipv4_raw() {
  cat <<'MESHC_END'
*raw
:MESHC_DNS_ZONE_IN - [0:0]
:MESHC_DNS_ZONE_OUT - [0:0]
MESHC_END
}

meshc_rules_ipv4_raw() {
  cat <<'MESHC_END'
-A MESHC_DNS_ZONE_IN -p udp --sport 53 -j CT --zone 1
-A MESHC_DNS_ZONE_OUT -p udp --dport 53 -m owner --uid-owner 1337 -j CT --zone 1
-A MESHC_DNS_ZONE_OUT -p udp --sport 15053 -m owner --uid-owner 1337 -j CT --zone 2
-A MESHC_DNS_ZONE_OUT -p udp --dport 53 -m owner --gid-owner 1337 -j CT --zone 1
-A MESHC_DNS_ZONE_OUT -p udp --sport 15053 -m owner --gid-owner 1337 -j CT --zone 2
-A MESHC_DNS_ZONE_OUT -p udp --dport 53 -j CT --zone 2
-A PREROUTING -p udp -j MESHC_DNS_ZONE_IN
-A OUTPUT -p udp -j MESHC_DNS_ZONE_OUT
MESHC_END
}

meshc_head_ipv4_nat() {
  cat <<'MESHC_END'
*nat
:MESHC_INBOUND - [0:0]
:MESHC_IN_REDIRECT - [0:0]
:MESHC_OUTPUT - [0:0]
:MESHC_REDIRECT - [0:0]
:MESHC_DNS - [0:0]
MESHC_END
}

meshc_rules_ipv4_nat() {
  cat <<'MESHC_END'
-A MESHC_INBOUND -p tcp --dport 15000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15001 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15006 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15020 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15021 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15053 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15090 -j RETURN
-A MESHC_INBOUND -p tcp -j MESHC_IN_REDIRECT
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -o lo -s 127.0.0.6/32 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp ! --dport 53 -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp ! --dport 53 -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp ! --dport 53 -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp ! --dport 53 -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -p tcp --dport 53 -j REDIRECT --to-ports 15053
-A MESHC_OUTPUT -d 127.0.0.1/32 -j RETURN
-A MESHC_OUTPUT -j MESHC_REDIRECT
-A MESHC_REDIRECT -p tcp -j REDIRECT --to-ports 15001
-A MESHC_DNS -m owner --uid-owner 1337 -j RETURN
-A MESHC_DNS -m owner --gid-owner 1337 -j RETURN
-A MESHC_DNS -p udp -j REDIRECT --to-ports 15053
-A PREROUTING -p tcp -j MESHC_INBOUND
-A OUTPUT -p tcp -j MESHC_OUTPUT
-A OUTPUT -p udp --dport 53 -j MESHC_DNS
MESHC_END
}

meshc_payload_ipv4() {
  meshc_head_ipv4_raw
  meshc_removals "$1" ipv4 "$2" raw 'MESHC_DNS_ZONE_IN MESHC_DNS_ZONE_OUT'
  meshc_rules_ipv4_raw
  echo COMMIT
  meshc_head_ipv4_nat
  meshc_removals "$1" ipv4 "$2" nat 'MESHC_INBOUND MESHC_IN_REDIRECT MESHC_OUTPUT MESHC_REDIRECT MESHC_DNS'
  meshc_rules_ipv4_nat
  echo COMMIT
}

meshc_head_ipv6_filter() {
  cat <<'MESHC_END'
*filter
:MESHC_REJECT_IN - [0:0]
:MESHC_REJECT_OUT - [0:0]
MESHC_END
}

meshc_rules_ipv6_filter() {
  cat <<'MESHC_END'
-A MESHC_REJECT_IN -i lo -j RETURN
-A MESHC_REJECT_IN -p ipv6-icmp --icmpv6-type neighbour-solicitation -j RETURN
-A MESHC_REJECT_IN -p ipv6-icmp --icmpv6-type neighbour-advertisement -j RETURN
-A MESHC_REJECT_IN -p tcp -j REJECT --reject-with tcp-reset
-A MESHC_REJECT_IN -j REJECT --reject-with icmp6-adm-prohibited
-A MESHC_REJECT_OUT -o lo -j RETURN
-A MESHC_REJECT_OUT -m conntrack --ctstate RELATED -j RETURN
-A MESHC_REJECT_OUT -p ipv6-icmp --icmpv6-type neighbour-solicitation -j RETURN
-A MESHC_REJECT_OUT -p ipv6-icmp --icmpv6-type neighbour-advertisement -j RETURN
-A MESHC_REJECT_OUT -p tcp -j REJECT --reject-with tcp-reset
-A MESHC_REJECT_OUT -j REJECT --reject-with icmp6-adm-prohibited
-A INPUT -j MESHC_REJECT_IN
-A OUTPUT -j MESHC_REJECT_OUT
MESHC_END
}

meshc_payload_ipv6() {
  meshc_head_ipv6_filter
  meshc_removals "$1" ipv6 "$2" filter 'MESHC_REJECT_IN MESHC_REJECT_OUT'
  meshc_rules_ipv6_filter
  echo COMMIT
}

meshc_nft_ruleset() {
  cat <<'MESHC_END'
table inet meshc
delete table inet meshc
table inet meshc {
	chain dns_zone_prerouting {
		type filter hook prerouting priority raw; policy accept;
		meta nfproto ipv4 udp sport 53 ct zone set 1
	}

	chain dns_zone_output {
		type filter hook output priority raw; policy accept;
		meta nfproto ipv4 udp dport 53 meta skuid 1337 ct zone set 1 return
		meta nfproto ipv4 udp sport 15053 meta skuid 1337 ct zone set 2 return
		meta nfproto ipv4 udp dport 53 meta skgid 1337 ct zone set 1 return
		meta nfproto ipv4 udp sport 15053 meta skgid 1337 ct zone set 2 return
		meta nfproto ipv4 udp dport 53 ct zone set 2
	}

	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		meta nfproto ipv4 meta l4proto tcp jump inbound
	}

	chain output {
		type nat hook output priority -100; policy accept;
		meta nfproto ipv4 meta l4proto tcp jump outbound
		meta nfproto ipv4 udp dport 53 jump dns
	}

	chain inbound {
		tcp dport { 15000, 15001, 15006, 15020, 15021, 15053, 15090 } return
		jump in_redirect
	}

	chain in_redirect {
		meta l4proto tcp redirect to :15006
	}

	chain outbound {
		oifname "lo" ip saddr 127.0.0.6 return
		oifname "lo" ip daddr != 127.0.0.1 tcp dport != 53 meta skuid 1337 jump in_redirect
		oifname "lo" tcp dport != 53 meta skuid != 1337 return
		meta skuid 1337 return
		oifname "lo" ip daddr != 127.0.0.1 tcp dport != 53 meta skgid 1337 jump in_redirect
		oifname "lo" tcp dport != 53 meta skgid != 1337 return
		meta skgid 1337 return
		tcp dport 53 redirect to :15053
		ip daddr 127.0.0.1 return
		jump out_redirect
	}

	chain out_redirect {
		meta l4proto tcp redirect to :15001
	}

	chain dns {
		meta skuid 1337 return
		meta skgid 1337 return
		meta l4proto udp redirect to :15053
	}

	chain reject_input {
		type filter hook input priority filter; policy accept;
		meta nfproto ipv6 icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } return
		meta nfproto ipv6 iifname != "lo" meta l4proto tcp reject with tcp reset
		meta nfproto ipv6 iifname != "lo" reject with icmpx admin-prohibited
	}

	chain reject_output {
		type filter hook output priority filter; policy accept;
		meta nfproto ipv6 icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } return
		meta nfproto ipv6 oifname != "lo" ct state != related meta l4proto tcp reject with tcp reset
		meta nfproto ipv6 oifname != "lo" ct state != related reject with icmpx admin-prohibited
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
