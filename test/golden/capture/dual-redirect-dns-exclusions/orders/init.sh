#!/bin/sh

# meshc traffic capture for service orders: generated from the mesh policy, do not edit.

# Run as the pod's init container (needs CAP_NET_ADMIN); see `init.sh --help`.

set -eu

MESHC_SERVICE='orders'
MESHC_FAMILIES='ipv6 ipv4'
MESHC_REJECTED=''
MESHC_MODE='redirect'
MESHC_POLICY_BACKEND='detect'
MESHC_TABLES_IPV4='raw nat'
MESHC_TABLES_IPV6='raw nat'

meshc_head_ipv6_raw() {
  cat <<'MESHC_END'
*raw
:MESHC_DNS_ZONE_IN - [0:0]
:MESHC_DNS_ZONE_OUT - [0:0]
MESHC_END
}

meshc_rules_ipv6_raw() {
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

meshc_head_ipv6_nat() {
  cat <<'MESHC_END'
*nat
:MESHC_INBOUND - [0:0]
:MESHC_IN_REDIRECT - [0:0]
:MESHC_OUTPUT - [0:0]
:MESHC_REDIRECT - [0:0]
:MESHC_DNS - [0:0]
MESHC_END
}

meshc_rules_ipv6_nat() {
  cat <<'MESHC_END'
-A MESHC_INBOUND -p tcp --dport 8086 -j RETURN
-A MESHC_INBOUND -p tcp --dport 9000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15001 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15006 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15020 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15021 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15053 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15090 -j RETURN
-A MESHC_INBOUND -p tcp -j MESHC_IN_REDIRECT
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -p tcp --dport 5432 -j RETURN
-A MESHC_OUTPUT -o lo -s ::6/128 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp ! --dport 53 -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp ! --dport 53 -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d ::1/128 -p tcp ! --dport 53 -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp ! --dport 53 -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -p tcp --dport 53 -j REDIRECT --to-ports 15053
-A MESHC_OUTPUT -d ::1/128 -j RETURN
-A MESHC_OUTPUT -d fd00:200::3/128 -j RETURN
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

meshc_payload_ipv6() {
  meshc_head_ipv6_raw
  meshc_removals "$1" ipv6 "$2" raw 'MESHC_DNS_ZONE_IN MESHC_DNS_ZONE_OUT'
  meshc_rules_ipv6_raw
  echo COMMIT
  meshc_head_ipv6_nat
  meshc_removals "$1" ipv6 "$2" nat 'MESHC_INBOUND MESHC_IN_REDIRECT MESHC_OUTPUT MESHC_REDIRECT MESHC_DNS'
  meshc_rules_ipv6_nat
  echo COMMIT
}

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
-A MESHC_INBOUND -p tcp --dport 8086 -j RETURN
-A MESHC_INBOUND -p tcp --dport 9000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15000 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15001 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15006 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15020 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15021 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15053 -j RETURN
-A MESHC_INBOUND -p tcp --dport 15090 -j RETURN
-A MESHC_INBOUND -p tcp -j MESHC_IN_REDIRECT
-A MESHC_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006
-A MESHC_OUTPUT -p tcp --dport 5432 -j RETURN
-A MESHC_OUTPUT -o lo -s 127.0.0.6/32 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp ! --dport 53 -m owner --uid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp ! --dport 53 -m owner ! --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN
-A MESHC_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp ! --dport 53 -m owner --gid-owner 1337 -j MESHC_IN_REDIRECT
-A MESHC_OUTPUT -o lo -p tcp ! --dport 53 -m owner ! --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -m owner --gid-owner 1337 -j RETURN
-A MESHC_OUTPUT -p tcp --dport 53 -j REDIRECT --to-ports 15053
-A MESHC_OUTPUT -d 127.0.0.1/32 -j RETURN
-A MESHC_OUTPUT -d 10.200.0.3/32 -j RETURN
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

meshc_nft_ruleset() {
  cat <<'MESHC_END'
table inet meshc
delete table inet meshc
table inet meshc {
	chain dns_zone_prerouting {
		type filter hook prerouting priority raw; policy accept;
		udp sport 53 ct zone set 1
	}

	chain dns_zone_output {
		type filter hook output priority raw; policy accept;
		udp dport 53 meta skuid 1337 ct zone set 1 return
		udp sport 15053 meta skuid 1337 ct zone set 2 return
		udp dport 53 meta skgid 1337 ct zone set 1 return
		udp sport 15053 meta skgid 1337 ct zone set 2 return
		udp dport 53 ct zone set 2
	}

	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		meta l4proto tcp jump inbound
	}

	chain output {
		type nat hook output priority -100; policy accept;
		meta l4proto tcp jump outbound
		udp dport 53 jump dns
	}

	chain inbound {
		tcp dport { 8086, 9000, 15000, 15001, 15006, 15020, 15021, 15053, 15090 } return
		jump in_redirect
	}

	chain in_redirect {
		meta l4proto tcp redirect to :15006
	}

	chain outbound {
		tcp dport 5432 return
		oifname "lo" ip6 saddr ::6 return
		oifname "lo" ip saddr 127.0.0.6 return
		oifname "lo" ip6 daddr != ::1 tcp dport != 53 meta skuid 1337 jump in_redirect
		oifname "lo" ip daddr != 127.0.0.1 tcp dport != 53 meta skuid 1337 jump in_redirect
		oifname "lo" tcp dport != 53 meta skuid != 1337 return
		meta skuid 1337 return
		oifname "lo" ip6 daddr != ::1 tcp dport != 53 meta skgid 1337 jump in_redirect
		oifname "lo" ip daddr != 127.0.0.1 tcp dport != 53 meta skgid 1337 jump in_redirect
		oifname "lo" tcp dport != 53 meta skgid != 1337 return
		meta skgid 1337 return
		tcp dport 53 redirect to :15053
		ip6 daddr ::1 return
		ip6 daddr fd00:200::3/128 return
		ip daddr 127.0.0.1 return
		ip daddr 10.200.0.3/32 return
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
}
MESHC_END
}

meshc_say() { printf 'meshc-capture(%s): %s\n' "$MESHC_SERVICE" "$*" >&2; }
meshc_die() { printf 'meshc-capture(%s): error: %s\n' "$MESHC_SERVICE" "$*" >&2; exit 1; }

meshc_usage() {
  cat <<'MESHC_USAGE'
usage: init.sh [--dry-run] [--cleanup] [--backend=iptables-legacy|iptables-nft|nft]
  (no option)  apply this workload's traffic capture (safe to run again)
  --dry-run    print what would be applied or removed; change nothing
  --cleanup    remove every rule, chain, table and route meshc added, in every backend
  --backend=B  use backend B instead of the policy's choice
MESHC_USAGE
}

meshc_name() {
  case "$1" in ipv4) printf 'iptables-%s' "$2" ;; *) printf 'ip6tables-%s' "$2" ;; esac
}

# What a backend is in the kernel's terms, for messages.
meshc_kernel_name() {
  case "$1" in legacy) printf 'legacy iptables' ;; *) printf 'nf_tables' ;; esac
}

# Sets MESHC_VARIANT to the variant a plain iptables binary was built as ("iptables v1.8.9 (nf_tables)" or
# "(legacy)"), or none. Helpers set variables instead of printing: every $(...) costs a fork.
meshc_variant() {
  if ! command -v "$1" >/dev/null 2>&1; then MESHC_VARIANT=none; return 0; fi
  case "$("$1" -V 2>/dev/null || true)" in
    *nf_tables*) MESHC_VARIANT=nft ;;
    *) MESHC_VARIANT=legacy ;;
  esac
}

# meshc_tool FAMILY BACKEND SUFFIX sets MESHC_TOOL to the command, e.g. ip6tables-nft-restore; older images
# only have the plain name, which is used when it is the wanted variant.
meshc_tool() {
  case "$1" in ipv4) meshc_base=iptables ;; *) meshc_base=ip6tables ;; esac
  MESHC_TOOL=$meshc_base-$2$3
  if command -v "$MESHC_TOOL" >/dev/null 2>&1; then return 0; fi
  MESHC_TOOL=$meshc_base$3
  if ! command -v "$MESHC_TOOL" >/dev/null 2>&1; then return 1; fi
  meshc_variant "$meshc_base"
  [ "$MESHC_VARIANT" = "$2" ]
}

# meshc_family_tables FAMILY sets MESHC_FTABLES to the tables this workload's rules use in that family.
meshc_family_tables() {
  case "$1" in ipv4) MESHC_FTABLES=$MESHC_TABLES_IPV4 ;; *) MESHC_FTABLES=$MESHC_TABLES_IPV6 ;; esac
}

meshc_names_file() {
  case "$1" in ipv4) meshc_names=/proc/net/ip_tables_names ;; *) meshc_names=/proc/net/ip6_tables_names ;; esac
}

# meshc_has_table FAMILY BACKEND TABLE: the table exists in the pod (an nft table may be read regardless).
meshc_has_table() {
  if [ "$2" != legacy ]; then return 0; fi
  meshc_names_file "$1"
  grep -qx "$3" "$meshc_names" 2>/dev/null
}

# meshc_read SAVE sets MESHC_SAVED to what SAVE prints without -t: every table that exists, and only those
# (a read never creates a table). Kept until meshc_changed, which every restore that commits calls; a read in
# a subshell ($(...), a pipeline) is not kept, so callers read first.
meshc_read() {
  if [ "$MESHC_SAVED_BY" = "$1" ]; then return 0; fi
  MESHC_SAVED_BY=''
  MESHC_SAVED=$("$1" 2>/dev/null) || { MESHC_SAVED=''; return 1; }
  MESHC_SAVED_BY=$1
}
meshc_changed() { MESHC_SAVED_BY=''; }

# meshc_dump SAVE FAMILY BACKEND TABLE sets MESHC_DUMP to the table's section, empty when it does not exist.
meshc_dump() {
  MESHC_DUMP=''
  meshc_read "$1" || return 0
  case "$MESHC_SAVED" in *"*$4"*) ;; *) return 0 ;; esac
  MESHC_DUMP=$(printf '%s\n' "$MESHC_SAVED" | sed -n "/^\*$4\$/,/^COMMIT\$/p")
}

# meshc_table_usable SAVE FAMILY BACKEND TABLE: the kernel gives this backend that table. iptables-nft reads
# every table over one netlink dump, which fails without nf_tables; a legacy table may have to be created.
meshc_table_usable() {
  if [ "$3" != legacy ]; then meshc_read "$1"; return; fi
  if meshc_has_table "$2" "$3" "$4"; then return 0; fi
  meshc_names_file "$2"
  if [ ! -e "$meshc_names" ]; then return 1; fi
  if [ "$MESHC_DRY_RUN" = 1 ]; then return 0; fi
  "$1" -t "$4" >/dev/null 2>&1
}

# meshc_usable BACKEND: the image has the backend's tools and the kernel its tables, in every family applied.
meshc_usable() {
  for meshc_u in $MESHC_APPLY; do
    meshc_tool "$meshc_u" "$1" -restore || return 1
    meshc_tool "$meshc_u" "$1" -save || return 1
    meshc_family_tables "$meshc_u"
    for meshc_t in $MESHC_FTABLES; do meshc_table_usable "$MESHC_TOOL" "$meshc_u" "$1" "$meshc_t" || return 1; done
  done
}

# Rules, user chains and non-ACCEPT policies a backend holds in the pod, in both families.
meshc_state_count() {
  meshc_n=0
  for meshc_f in ipv4 ipv6; do
    meshc_tool "$meshc_f" "$1" -save || continue
    meshc_read "$MESHC_TOOL" || continue
    meshc_c=$(printf '%s\n' "$MESHC_SAVED" | grep -c -E '^(-A |:[^ ]+ (-|DROP) )') || meshc_c=0
    meshc_n=$((meshc_n + meshc_c))
  done
  MESHC_COUNT=$meshc_n
}

# Sets MESHC_USE (legacy | nft) and MESHC_WHY.
meshc_detect() {
  meshc_state_count legacy
  meshc_legacy=$MESHC_COUNT
  meshc_state_count nft
  meshc_nft=$MESHC_COUNT
  if [ "$meshc_legacy" -gt "$meshc_nft" ]; then
    MESHC_USE=legacy
    MESHC_WHY="iptables-legacy holds $meshc_legacy rules or chains in this pod, iptables-nft $meshc_nft"
    return 0
  fi
  if [ "$meshc_nft" -gt "$meshc_legacy" ]; then
    MESHC_USE=nft
    MESHC_WHY="iptables-nft holds $meshc_nft rules or chains in this pod, iptables-legacy $meshc_legacy"
    return 0
  fi
  if [ "$meshc_legacy" = 0 ]; then
    meshc_seen="no rules in this pod yet"
  else
    meshc_seen="iptables-legacy and iptables-nft both hold $meshc_legacy rules or chains in this pod"
  fi
  meshc_variant iptables
  if [ "$MESHC_VARIANT" = none ]; then meshc_variant ip6tables; fi
  MESHC_USE=$MESHC_VARIANT
  if [ "$MESHC_USE" = none ]; then
    if command -v iptables-nft-restore >/dev/null 2>&1 || command -v ip6tables-nft-restore >/dev/null 2>&1; then MESHC_USE=nft; else MESHC_USE=legacy; fi
    MESHC_WHY="$meshc_seen and no plain iptables command"
  else
    MESHC_WHY="$meshc_seen; this image's iptables is iptables-$MESHC_USE"
  fi
  if meshc_usable "$MESHC_USE"; then return 0; fi
  case "$MESHC_USE" in legacy) meshc_other=nft ;; *) meshc_other=legacy ;; esac
  if meshc_usable "$meshc_other"; then
    MESHC_WHY="$MESHC_WHY, but this kernel gives no $(meshc_kernel_name "$MESHC_USE")"
    MESHC_USE=$meshc_other
  fi
}

meshc_require_ipv6() {
  if [ ! -e /proc/net/if_inet6 ]; then
    meshc_die "the mesh uses IPv6, but this kernel has no IPv6 (/proc/net/if_inet6 is missing); refusing to capture without IPv6"
  fi
  if [ "$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6 2>/dev/null || echo 0)" != 0 ]; then
    meshc_die "the mesh uses IPv6, but IPv6 is disabled in this pod (net.ipv6.conf.all.disable_ipv6=1); refusing to capture without IPv6"
  fi
}

# A family the pod cannot carry: IPv6 absent from the kernel, or off on every interface (an app cannot turn
# it on or add an interface without CAP_NET_ADMIN). IPv4 is always there: loopback has it.
meshc_family_off() {
  if [ "$1" = ipv4 ]; then return 1; fi
  if [ ! -e /proc/net/if_inet6 ]; then return 0; fi
  for meshc_d in /proc/sys/net/ipv6/conf/*/disable_ipv6; do
    if [ "$(cat "$meshc_d" 2>/dev/null || echo 0)" != 1 ]; then return 1; fi
  done
}

# Sets MESHC_APPLY: the mesh's families, then each family it does not use that the pod can carry.
meshc_families() {
  MESHC_APPLY=$MESHC_FAMILIES
  for meshc_f in $MESHC_FAMILIES; do
    if [ "$meshc_f" = ipv6 ]; then meshc_require_ipv6; fi
  done
  for meshc_f in $MESHC_REJECTED; do
    if meshc_family_off "$meshc_f"; then
      meshc_say "the mesh does not use $meshc_f, and $(meshc_label "$meshc_f") is off in this pod, so it needs no rules"
    else
      meshc_say "the mesh does not use $meshc_f: rejecting it in this pod, except on loopback"
      MESHC_APPLY="$MESHC_APPLY $meshc_f"
    fi
  done
}

meshc_refusal() {
  case " $MESHC_REJECTED " in
    *" $1 "*) MESHC_REFUSAL="the mesh does not use $1, but $(meshc_label "$1") is on in this pod and $2; refusing to leave $1 open" ;;
    *) MESHC_REFUSAL="the mesh uses $1, but $2; refusing to skip $1" ;;
  esac
}
meshc_label() {
  case "$1" in ipv4) printf IPv4 ;; *) printf IPv6 ;; esac
}

meshc_require_iptables() {
  meshc_tool "$1" "$2" -restore || { meshc_refusal "$1" "$(meshc_name "$1" "$2")-restore is not installed in this image"; meshc_die "$MESHC_REFUSAL"; }
  meshc_tool "$1" "$2" -save || { meshc_refusal "$1" "$(meshc_name "$1" "$2")-save is not installed in this image"; meshc_die "$MESHC_REFUSAL"; }
  meshc_save=$MESHC_TOOL
  meshc_family_tables "$1"
  for meshc_t in $MESHC_FTABLES; do
    if ! meshc_table_usable "$meshc_save" "$1" "$2" "$meshc_t"; then
      meshc_refusal "$1" "this kernel gives no $(meshc_kernel_name "$2") $meshc_t table ($meshc_save -t $meshc_t failed)"
      meshc_die "$MESHC_REFUSAL"
    fi
  done
}

# meshc_removals SAVE FAMILY BACKEND TABLE 'KEPT CHAINS': restore lines that delete an earlier run's jumps
# from the built-in chains, then flush and delete meshc chains the payload no longer declares.
meshc_removals() {
  meshc_dump "$1" "$2" "$3" "$4"
  printf '%s\n' "$MESHC_DUMP" | grep -E '^-A (PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) .*-j MESHC_[A-Z0-9_]+( |$)' | sed 's/^-A /-D /' || true
  meshc_gone=''
  for meshc_chain in $(printf '%s\n' "$MESHC_DUMP" | sed -n 's/^:\(MESHC_[A-Z0-9_]*\) .*/\1/p'); do
    case " $5 " in *" $meshc_chain "*) ;; *) meshc_gone="$meshc_gone $meshc_chain" ;; esac
  done
  for meshc_chain in $meshc_gone; do printf '%s\n' "-F $meshc_chain"; done
  for meshc_chain in $meshc_gone; do printf '%s\n' "-X $meshc_chain"; done
}

# meshc_own_state SAVE FAMILY BACKEND: meshc's own lines (chains, their rules, the jumps to them) in every
# table of one family: the rollback point.
meshc_own_state() {
  for meshc_t in raw mangle nat filter; do
    meshc_dump "$1" "$2" "$3" "$meshc_t"
    meshc_lines=$(printf '%s\n' "$MESHC_DUMP" | grep -E '^(:MESHC_[A-Z0-9_]+ |-A MESHC_)|^-A (PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) .*-j MESHC_[A-Z0-9_]+( |$)') || meshc_lines=''
    if [ -n "$meshc_lines" ]; then printf '*%s\n%s\nCOMMIT\n' "$meshc_t" "$meshc_lines"; fi
  done
}

# Removes meshc's rules of one family from one iptables backend (quietly nothing when the tools are missing).
meshc_cleanup_iptables() {
  meshc_tool "$1" "$2" -save || return 0
  meshc_save=$MESHC_TOOL
  meshc_tool "$1" "$2" -restore || return 0
  meshc_restore=$MESHC_TOOL
  meshc_read "$meshc_save" || return 0
  meshc_text=''
  for meshc_t in raw mangle nat filter; do
    meshc_body=$(meshc_removals "$meshc_save" "$1" "$2" "$meshc_t" '')
    if [ -n "$meshc_body" ]; then meshc_text="$meshc_text*$meshc_t
$meshc_body
COMMIT
"; fi
  done
  if [ -z "$meshc_text" ]; then return 0; fi
  if [ "$MESHC_DRY_RUN" = 1 ]; then
    printf '# remove from %s: %s -w --noflush\n%s' "$1" "$meshc_restore" "$meshc_text"
    return 0
  fi
  meshc_changed
  printf '%s' "$meshc_text" | "$meshc_restore" -w --noflush || meshc_die "could not remove meshc's $1 rules from $(meshc_name "$1" "$2")"
  meshc_say "removed meshc's $1 rules from $(meshc_name "$1" "$2")"
}

# meshc_family_payload FAMILY BACKEND SAVE: the whole restore text of one family: this workload's tables,
# then the removal of meshc chains an earlier policy left in tables this one no longer uses (the mangle table
# after leaving TPROXY mode, the raw table after turning DNS capture off).
meshc_family_payload() {
  "meshc_payload_$1" "$3" "$2"
  meshc_family_tables "$1"
  for meshc_t in raw mangle nat filter; do
    case " $MESHC_FTABLES " in *" $meshc_t "*) continue ;; esac
    meshc_body=$(meshc_removals "$3" "$1" "$2" "$meshc_t" '')
    if [ -n "$meshc_body" ]; then printf '*%s\n%s\nCOMMIT\n' "$meshc_t" "$meshc_body"; fi
  done
}

meshc_set_snapshot() {
  case "$1" in ipv4) meshc_snapshot_ipv4=$2 ;; *) meshc_snapshot_ipv6=$2 ;; esac
}
meshc_snapshot() {
  case "$1" in ipv4) printf '%s' "$meshc_snapshot_ipv4" ;; *) printf '%s' "$meshc_snapshot_ipv6" ;; esac
}

meshc_rollback() {
  for meshc_r in $MESHC_APPLY; do
    meshc_cleanup_iptables "$meshc_r" "$1" >/dev/null 2>&1 || true
    meshc_state=$(meshc_snapshot "$meshc_r")
    if [ -n "$meshc_state" ]; then
      meshc_tool "$meshc_r" "$1" -restore
      meshc_changed
      printf '%s\n' "$meshc_state" | "$MESHC_TOOL" -w --noflush || true
    fi
  done
}

meshc_apply_iptables() {
  for meshc_f in $MESHC_APPLY; do meshc_require_iptables "$meshc_f" "$1"; done
  if [ "$MESHC_DRY_RUN" = 1 ]; then
    for meshc_f in $MESHC_APPLY; do
      meshc_tool "$meshc_f" "$1" -restore
      printf '# %s: %s -w --noflush\n' "$meshc_f" "$MESHC_TOOL"
      meshc_tool "$meshc_f" "$1" -save
      meshc_read "$MESHC_TOOL" || true
      meshc_family_payload "$meshc_f" "$1" "$MESHC_TOOL"
    done
    return 0
  fi
  for meshc_f in $MESHC_APPLY; do
    meshc_tool "$meshc_f" "$1" -save
    meshc_save=$MESHC_TOOL
    meshc_tool "$meshc_f" "$1" -restore
    meshc_restore=$MESHC_TOOL
    meshc_read "$meshc_save" || true
    if ! meshc_family_payload "$meshc_f" "$1" "$meshc_save" | "$meshc_restore" -w --noflush --test; then
      meshc_die "$meshc_restore rejected the $meshc_f rules; nothing was applied"
    fi
    meshc_set_snapshot "$meshc_f" "$(meshc_own_state "$meshc_save" "$meshc_f" "$1")"
  done
  for meshc_f in $MESHC_APPLY; do
    meshc_tool "$meshc_f" "$1" -save
    meshc_save=$MESHC_TOOL
    meshc_tool "$meshc_f" "$1" -restore
    meshc_restore=$MESHC_TOOL
    meshc_read "$meshc_save" || true
    if ! meshc_family_payload "$meshc_f" "$1" "$meshc_save" | "$meshc_restore" -w --noflush; then
      meshc_changed
      # The rollback runs the tools of every family and reuses these variables: name the failure first.
      meshc_failed="$meshc_restore failed on the $meshc_f rules"
      meshc_rollback "$1"
      meshc_die "$meshc_failed; rolled every family back to its state before this run"
    fi
    meshc_changed
  done
}

meshc_apply_nft() {
  if ! command -v nft >/dev/null 2>&1; then meshc_die "the policy asks for native nftables, but nft is not installed in this image"; fi
  if [ "$MESHC_DRY_RUN" = 1 ]; then
    printf '# nft -f -\n'
    meshc_nft_ruleset
    return 0
  fi
  meshc_nft_ruleset | nft -f - || meshc_die "nft rejected the ruleset; nothing was applied"
}

meshc_cleanup_nft() {
  if ! command -v nft >/dev/null 2>&1; then return 0; fi
  if ! nft list table inet meshc >/dev/null 2>&1; then return 0; fi
  if [ "$MESHC_DRY_RUN" = 1 ]; then printf '# nft -f -\ndelete table inet meshc\n'; return 0; fi
  nft delete table inet meshc || meshc_die "could not delete the nftables table inet meshc"
  meshc_say "removed the nftables table inet meshc"
}


# TPROXY: packets marked 1337 are delivered locally (https://docs.kernel.org/networking/tproxy.html).
meshc_routes_apply() {
  if ! command -v ip >/dev/null 2>&1; then meshc_die "TPROXY capture needs the ip command (iproute2) in this image"; fi
  for meshc_f in $MESHC_FAMILIES; do
    case "$meshc_f" in ipv4) meshc_v=-4 ;; *) meshc_v=-6 ;; esac
    if [ "$MESHC_DRY_RUN" = 1 ]; then
      printf '%s\n' "ip $meshc_v rule add fwmark 1337 lookup 133" "ip $meshc_v route replace local default dev lo table 133"
      continue
    fi
    while ip "$meshc_v" rule del fwmark 1337 lookup 133 2>/dev/null; do :; done
    ip "$meshc_v" rule add fwmark 1337 lookup 133 || meshc_die "could not add the $meshc_f TPROXY routing rule"
    ip "$meshc_v" route replace local default dev lo table 133 || meshc_die "could not add the $meshc_f TPROXY route"
  done
}

meshc_routes_cleanup() {
  if ! command -v ip >/dev/null 2>&1; then return 0; fi
  for meshc_f in ipv4 ipv6; do
    case "$meshc_f" in ipv4) meshc_v=-4 ;; *) meshc_v=-6 ;; esac
    if ! ip "$meshc_v" rule show 2>/dev/null | grep -q "fwmark 0x539 lookup 133"; then continue; fi
    if [ "$MESHC_DRY_RUN" = 1 ]; then
      printf '%s\n' "ip $meshc_v rule del fwmark 1337 lookup 133" "ip $meshc_v route del local default dev lo table 133"
      continue
    fi
    while ip "$meshc_v" rule del fwmark 1337 lookup 133 2>/dev/null; do :; done
    ip "$meshc_v" route del local default dev lo table 133 2>/dev/null || true
    meshc_say "removed the $meshc_f TPROXY routing rule"
  done
}

meshc_cleanup_all() {
  for meshc_b in legacy nft; do
    for meshc_f in ipv4 ipv6; do meshc_cleanup_iptables "$meshc_f" "$meshc_b"; done
  done
  meshc_cleanup_nft
  meshc_routes_cleanup
}

# After applying with one backend, meshc rules an earlier run left in another backend would capture twice.
meshc_forget_others() {
  for meshc_b in legacy nft; do
    if [ "$meshc_b" = "$1" ]; then continue; fi
    for meshc_f in ipv4 ipv6; do meshc_cleanup_iptables "$meshc_f" "$meshc_b"; done
  done
  if [ "$1" != native ]; then meshc_cleanup_nft; fi
}

MESHC_DRY_RUN=0
MESHC_SAVED_BY=
meshc_action=apply
meshc_backend=$MESHC_POLICY_BACKEND
for meshc_arg in "$@"; do
  case "$meshc_arg" in
    --dry-run) MESHC_DRY_RUN=1 ;;
    --cleanup) meshc_action=cleanup ;;
    --backend=iptables-legacy) meshc_backend=legacy ;;
    --backend=iptables-nft) meshc_backend=nft ;;
    --backend=nft) meshc_backend=native ;;
    -h|--help) meshc_usage; exit 0 ;;
    *) meshc_usage >&2; exit 2 ;;
  esac
done

if [ "$meshc_action" = cleanup ]; then
  meshc_cleanup_all
  exit 0
fi

meshc_families
MESHC_WHY="chosen by the policy"
if [ "$meshc_backend" = detect ]; then
  meshc_detect
  meshc_backend=$MESHC_USE
elif [ "$meshc_backend" != "$MESHC_POLICY_BACKEND" ]; then
  MESHC_WHY="chosen by --backend"
fi
case "$meshc_backend" in native) meshc_shown=nft ;; *) meshc_shown=iptables-$meshc_backend ;; esac
meshc_say "capturing $MESHC_FAMILIES ($MESHC_MODE) with $meshc_shown: $MESHC_WHY"
if [ "$MESHC_DRY_RUN" = 1 ]; then printf '# backend: %s (%s)\n' "$meshc_shown" "$MESHC_WHY"; fi

if [ "$MESHC_MODE" = tproxy ]; then meshc_routes_apply; else meshc_routes_cleanup; fi
if [ "$meshc_backend" = native ]; then meshc_apply_nft; else meshc_apply_iptables "$meshc_backend"; fi
meshc_forget_others "$meshc_backend"
if [ "$MESHC_DRY_RUN" = 0 ]; then meshc_say "done"; fi
