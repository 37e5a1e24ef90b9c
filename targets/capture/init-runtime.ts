// The fixed part of every init script: the idempotent and atomic apply, --cleanup and --dry-run, after the
// backend and family decisions of init-backend.ts. POSIX sh only (dash, busybox ash); no value in it comes
// from the policy. The per-workload part (init-script.ts) defines MESHC_* settings and the
// meshc_head_*/meshc_rules_*/meshc_payload_*/meshc_nft_* functions this code calls.
//
// Why it works the way it does:
// - One `*-restore --noflush` per family: a table's section commits as one transaction. The section first
//   deletes the jumps an earlier run added (found with *-save) and declares our chains (which flushes them),
//   so a second run yields the same ruleset instead of duplicate jumps or "Chain already exists".
// - Tables commit one by one and families are separate tools, so every family is first checked with
//   --test, and if a commit still fails each family is rolled back to meshc's state before the run.
// - A dry run changes nothing: state is read only through meshc_read, without -t, which creates no table.
// - Each tool's output is read once and kept until a restore commits (every read is a fork and a dump).
import { INIT_BACKEND } from "./init-backend";
import { TPROXY_MARK, TPROXY_ROUTE_TABLE } from "./sidecar";
import { NFT_TABLE } from "./nft-rules";

/** Every table meshc may hold chains in; cleanup and rollback look in all of them. */
const ALL_TABLES = "raw mangle nat filter";

const BUILTIN_JUMP = "^-A (PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) .*-j MESHC_[A-Z0-9_]+( |$)";

export const INIT_RUNTIME = String.raw`
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

${INIT_BACKEND.trim()}

# meshc_removals SAVE FAMILY BACKEND TABLE 'KEPT CHAINS': restore lines that delete an earlier run's jumps
# from the built-in chains, then flush and delete meshc chains the payload no longer declares.
meshc_removals() {
  meshc_dump "$1" "$2" "$3" "$4"
  printf '%s\n' "$MESHC_DUMP" | grep -E '${BUILTIN_JUMP}' | sed 's/^-A /-D /' || true
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
  for meshc_t in ${ALL_TABLES}; do
    meshc_dump "$1" "$2" "$3" "$meshc_t"
    meshc_lines=$(printf '%s\n' "$MESHC_DUMP" | grep -E '^(:MESHC_[A-Z0-9_]+ |-A MESHC_)|${BUILTIN_JUMP}') || meshc_lines=''
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
  for meshc_t in ${ALL_TABLES}; do
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
  for meshc_t in ${ALL_TABLES}; do
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
  if ! nft list table inet ${NFT_TABLE} >/dev/null 2>&1; then return 0; fi
  if [ "$MESHC_DRY_RUN" = 1 ]; then printf '# nft -f -\ndelete table inet ${NFT_TABLE}\n'; return 0; fi
  nft delete table inet ${NFT_TABLE} || meshc_die "could not delete the nftables table inet ${NFT_TABLE}"
  meshc_say "removed the nftables table inet ${NFT_TABLE}"
}


# TPROXY: packets marked ${TPROXY_MARK} are delivered locally (https://docs.kernel.org/networking/tproxy.html).
meshc_routes_apply() {
  if ! command -v ip >/dev/null 2>&1; then meshc_die "TPROXY capture needs the ip command (iproute2) in this image"; fi
  for meshc_f in $MESHC_FAMILIES; do
    case "$meshc_f" in ipv4) meshc_v=-4 ;; *) meshc_v=-6 ;; esac
    if [ "$MESHC_DRY_RUN" = 1 ]; then
      printf '%s\n' "ip $meshc_v rule add fwmark ${TPROXY_MARK} lookup ${TPROXY_ROUTE_TABLE}" "ip $meshc_v route replace local default dev lo table ${TPROXY_ROUTE_TABLE}"
      continue
    fi
    while ip "$meshc_v" rule del fwmark ${TPROXY_MARK} lookup ${TPROXY_ROUTE_TABLE} 2>/dev/null; do :; done
    ip "$meshc_v" rule add fwmark ${TPROXY_MARK} lookup ${TPROXY_ROUTE_TABLE} || meshc_die "could not add the $meshc_f TPROXY routing rule"
    ip "$meshc_v" route replace local default dev lo table ${TPROXY_ROUTE_TABLE} || meshc_die "could not add the $meshc_f TPROXY route"
  done
}

meshc_routes_cleanup() {
  if ! command -v ip >/dev/null 2>&1; then return 0; fi
  for meshc_f in ipv4 ipv6; do
    case "$meshc_f" in ipv4) meshc_v=-4 ;; *) meshc_v=-6 ;; esac
    if ! ip "$meshc_v" rule show 2>/dev/null | grep -q "fwmark 0x${TPROXY_MARK.toString(16)} lookup ${TPROXY_ROUTE_TABLE}"; then continue; fi
    if [ "$MESHC_DRY_RUN" = 1 ]; then
      printf '%s\n' "ip $meshc_v rule del fwmark ${TPROXY_MARK} lookup ${TPROXY_ROUTE_TABLE}" "ip $meshc_v route del local default dev lo table ${TPROXY_ROUTE_TABLE}"
      continue
    fi
    while ip "$meshc_v" rule del fwmark ${TPROXY_MARK} lookup ${TPROXY_ROUTE_TABLE} 2>/dev/null; do :; done
    ip "$meshc_v" route del local default dev lo table ${TPROXY_ROUTE_TABLE} 2>/dev/null || true
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
`;
