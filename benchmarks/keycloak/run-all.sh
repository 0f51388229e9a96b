#!/usr/bin/env bash
# One-command Keycloak benchmark (bounded, ~20 min): restart stub + Keycloak, recreate realm,
# JIT warm-up, then ROUNDS x run-measure.sh.
# Env overrides: WARM_S (warm-up seconds per scenario, default 45), ROUNDS (default 2), plus the
# run-measure.sh ones (DUR, DEVDUR, CONCS, CIBA_CONCS, POLL_MS).
# Results: $KC_HOME/results/summary.txt (+ one file per run, last round wins).
# Stops Keycloak and the stub at the end (set KEEP_RUNNING=1 to leave them up; then use ./stop-all.sh).
set -euo pipefail
D=$(cd "$(dirname "$0")" && pwd); source "$D/env.sh"
WARM_S=${WARM_S:-45}; ROUNDS=${ROUNDS:-2}; POLL_MS=${POLL_MS:-100}
R=$KC_HOME/results; mkdir -p $R; : > $R/summary.txt
rss() { awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$(cat "$RUN_DIR/keycloak.pid")/status; }
"$D/stop-stub.sh" || true; "$D/start-stub.sh"
"$D/stop-keycloak.sh"; "$D/start-keycloak.sh" | tee $R/startup.txt
sleep 5; echo "## RSS idle after start: $(rss)" | tee -a $R/summary.txt
python3 "$D/setup-realm.py" | tee $R/setup.txt
echo "## RSS after realm setup: $(rss)" | tee -a $R/summary.txt
echo "== JIT warm-up (${WARM_S} s per scenario, discarded)"
for m in cc refresh password; do wrk -t2 -c16 -d${WARM_S}s -s "$D/wrk/$m.lua" "$KC_URL" > /dev/null; done
wrk -t2 -c8 -d5s -s "$D/wrk/device.lua" "$KC_URL" > /dev/null
"$D/run-java.sh" ciba 32 "$WARM_S" 0 "$POLL_MS" > /dev/null; sed -i '$d' $R/summary.txt   # drop warm-up line
sleep 5; echo "## RSS after warm-up: $(rss)" | tee -a $R/summary.txt
for i in $(seq 1 "$ROUNDS"); do ROUND=$i "$D/run-measure.sh"; done
if [ "${KEEP_RUNNING:-0}" != 1 ]; then "$D/stop-all.sh"; fi
