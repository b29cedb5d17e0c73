#!/usr/bin/env bash
# Mutation testing of the unit tests: applies each small mistake listed in scripts/mutations.txt
# to a formula in include/, rebuilds the per-area test executables that cover that header, runs
# them, and reports whether the tests noticed (killed) or not (survived). Slow (a rebuild per
# mutation; a full run took 23 min on two shared cores), so it runs outside CI; its last result
# is recorded in tests/README.md.
#
#   scripts/mutate.sh [--list FILE] [--only REGEX]
#
# It mutates include/ in place (restoring each header before the next mutation and on exit),
# with Release per-area test targets (NONEQ_PER_AREA_TESTS=ON) in build/mutate and ccache when
# available. A mutation is killed when a covering test executable exits non-zero (or does not
# finish in 10 minutes); one that does not compile is reported as such (and counts as neither).
# Exit code: 0 when at least 90 % of the compiled mutations are killed, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
list="$root/scripts/mutations.txt"
only=""
while (($#)); do
  case "$1" in
    --list) list="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "usage: $0 [--list FILE] [--only REGEX]" >&2; exit 2 ;;
  esac
done
work="$root/build/mutate"
src="$root"
bld="$work/build"
log="$work/log"
mkdir -p "$work" "$log"

# Mutations are applied in place to include/ (each restored before the next, and on exit), so
# that the unmutated objects come from ccache; include/ must be clean, and nothing else should
# build from this tree while the script runs.
if ! git -C "$root" diff --quiet -- include; then
  echo "mutate: include/ has uncommitted changes; commit or stash them first" >&2
  exit 2
fi
current=""
restore() { [[ -n "$current" ]] && cp "$work/orig" "$current" && touch "$current"; current=""; }
trap restore EXIT INT TERM

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$src" -B "$bld" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNONEQ_PER_AREA_TESTS=ON \
  -DNONEQ_BUILD_EXAMPLES=OFF -DNONEQ_BUILD_BENCHMARKS=OFF "${launcher[@]}" >"$log/configure.txt"

build() { nice -n 10 cmake --build "$bld" --target "noneq-$1" >"$2" 2>&1; }
runt() { # a covering test: killed (exit != 0) at the first failing check
  (cd "$src" && nice -n 10 timeout 600 "$bld/bin/noneq-$1" --abort-after=1 --no-colors=1) >"$2" 2>&1
}

# The unmutated tree must pass every target the list names.
mapfile -t all_targets < <(grep -v '^#' "$list" | grep -v '^\s*$' |
                           awk -F' [|] ' -v only="$only" 'only == "" || ($1 " " $5) ~ only {print $4}' |
                           tr ' ' '\n' | sort -u | grep -v '^$')
echo "mutate: baseline (${all_targets[*]})"
for t in "${all_targets[@]}"; do
  build "$t" "$log/baseline_build_$t.txt" || { echo "baseline build of $t failed"; exit 1; }
  runt "$t" "$log/baseline_run_$t.txt" || { echo "baseline $t fails: see $log"; exit 1; }
done

results="$work/results.txt"
: >"$results"
killed=0 survived=0 nocompile=0 n=0
start=$(date +%s)
while IFS= read -r line; do
  [[ -z "${line// }" || "$line" == \#* ]] && continue
  IFS='|' read -r header from to targets what <<<"$(sed 's/ | /|/g' <<<"$line")"
  [[ -n "$only" && ! "$header $what" =~ $only ]] && continue
  n=$((n + 1))
  file="$src/include/noneq/$header"
  cp "$file" "$work/orig"
  current="$file"
  if ! FROM="$from" TO="$to" python3 - "$file" <<'PY'
import os, sys
p = sys.argv[1]; s = open(p).read(); a = os.environ["FROM"]; b = os.environ["TO"]
if s.count(a) != 1:
    sys.exit(f"'{a}' occurs {s.count(a)} times")
open(p, "w").write(s.replace(a, b))
PY
  then
    echo "mutate: #$n not applicable ($header: $what)"
    printf '%s\t%s\t%s\t%s\n' "$n" "invalid" "$header" "$what" >>"$results"
    continue
  fi
  verdict="survived" by=""
  for t in $targets; do
    if ! build "$t" "$log/m${n}_build_$t.txt"; then verdict="no-compile"; by="$t"; break; fi
    if ! runt "$t" "$log/m${n}_run_$t.txt"; then verdict="killed"; by="$t"; break; fi
  done
  restore
  case "$verdict" in
    killed) killed=$((killed + 1)) ;;
    survived) survived=$((survived + 1)) ;;
    *) nocompile=$((nocompile + 1)) ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$verdict" "$header" "$what" "$by" >>"$results"
  echo "mutate: #$n $verdict${by:+ by $by} ($header: $what) [$(( $(date +%s) - start )) s]"
done <"$list"

compiled=$((killed + survived))
score=$(( compiled > 0 ? 100 * killed / compiled : 0 ))
echo
echo "mutate: $killed killed, $survived survived, $nocompile did not compile; score $score % of $compiled"
echo "mutate: took $(( $(date +%s) - start )) s; per-mutation logs in $log"
if ((survived)); then
  echo "survivors:"
  awk -F'\t' '$2 == "survived" {print "  #" $1 " " $3 ": " $4}' "$results"
fi
((score >= 90))
