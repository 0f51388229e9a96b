#!/usr/bin/env bash
# Bounded wrk run against local Keycloak with CPU accounting.
# Usage: run-wrk.sh MODE CONC [DURATION_S=30] [WARMUP_S=5] [THREADS=2]
#   MODE = cc | password | refresh | device   (Lua scripts in wrk/)
# Output: summary on stdout, full wrk output in $KC_HOME/results/wrk-MODE-cCONC.txt
set -euo pipefail
source "$(dirname "$0")/env.sh"
MODE=$1; CONC=$2; DUR=${3:-30}; WARM=${4:-5}; THR=${5:-2}
[ "$DUR" -le 300 ] && [ "$CONC" -le 512 ] || { echo "bounds: duration<=300 s, conc<=512"; exit 1; }
[ "$THR" -gt "$CONC" ] && THR=$CONC
LUA="$(dirname "$0")/wrk/$MODE.lua"; OUT=$KC_HOME/results/wrk-$MODE-c$CONC.txt
KCPID=$(cat "$RUN_DIR/keycloak.pid")
ticks() { awk '{sub(/.*\) /,""); print $12+$13}' /proc/$1/stat; }
sysbusy() { awk '/^cpu /{t=0; for(i=2;i<=9;i++) t+=$i; print t-$5-$6, t}' /proc/stat; }
if [ "$WARM" -gt 0 ]; then wrk -t$THR -c$CONC -d${WARM}s -s "$LUA" "$KC_URL" > /dev/null; fi
read b0 t0 < <(sysbusy); k0=$(ticks $KCPID)
TIMEFORMAT='%R %U %S'
{ time wrk -t$THR -c$CONC -d${DUR}s --timeout 30s --latency -s "$LUA" "$KC_URL" > "$OUT" ; } 2> $KC_HOME/run/wrk.time
read b1 t1 < <(sysbusy); k1=$(ticks $KCPID)
read real usr sys < $KC_HOME/run/wrk.time
rps=$(awk '/Requests\/sec/{print $2}' "$OUT")
p50=$(awk '/ 50%/{print $2}' "$OUT"); p90=$(awk '/ 90%/{print $2}' "$OUT"); p99=$(awk '/ 99%/{print $2}' "$OUT")
non2xx=$(awk '/Non-2xx/{print $5}' "$OUT"); errs=$(awk '/Socket errors/{print}' "$OUT")
busy=$(echo "scale=0; 100*($b1-$b0)/($t1-$t0)" | bc)
kc=$(echo "scale=0; ($k1-$k0)/$real" | bc)
wrkcpu=$(echo "scale=0; 100*($usr+$sys)/$real" | bc)
RSS=$(awk '/VmRSS/{print $2/1024 " MiB"}' /proc/$KCPID/status)
printf 'RESULT wrk mode=%s conc=%s dur=%ss rps=%s p50=%s p90=%s p99=%s non2xx=%s %s | CPU machine=%s%% (2 cores) keycloak=%s%% wrk=%s%% (100%%=1 core) | KC RSS %s\n' \
  "$MODE" "$CONC" "$DUR" "$rps" "$p50" "$p90" "$p99" "${non2xx:-0}" "${errs:-}" "$busy" "$kc" "$wrkcpu" "$RSS" | tee -a $KC_HOME/results/summary.txt
