// The part of every init script that decides what to apply where: which iptables backend, which families,
// and whether the kernel and the image can serve them. POSIX sh; no value in it comes from the policy.
//
// - iptables-legacy and iptables-nft keep separate rule sets; a pod whose rules land in the other one than
//   the node uses is silently not captured. So the state already in the pod decides: rules and chains, since
//   a chain without rules is state too (kubelet marks its backend with the empty KUBE-IPTABLES-HINT chain).
//   With none, or as much in both, the image's `iptables` variant is preferred (kubernetes-sigs/iptables-wrappers)
//   — but only preferred: on a kernel that lacks it (no ip_tables modules on an nftables-only host, no
//   nf_tables on an old one) the other backend serves, as Istio's detection does; an explicit --backend never
//   falls back.
// - Nothing here creates a table. The legacy tools instantiate a table in the pod the first time they read
//   it (`iptables-legacy-save -t nat` leaves an empty nat table behind), so state is read without -t (which
//   lists the tables that exist), and a legacy table is probed with -t only when the script is about to
//   apply anyway; a dry run cannot probe it and assumes the kernel provides it when /proc shows legacy
//   iptables at all.
// - A family the mesh does not use is rejected (unused-family.ts), unless the pod cannot carry it: IPv6
//   absent from the kernel or off on every interface. A pod that can carry it but whose image lacks the tool
//   stops, as one lacking a family the mesh uses does: an open family is a bypass, never a warning.

export const INIT_BACKEND = String.raw`
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
`;
