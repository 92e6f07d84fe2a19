#!/usr/bin/env bash
# ./qianli demo: builds the applications and starts them on their embedded defaults.
# Ctrl-C (or any exit) stops everything this script started.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. "$ROOT/scripts/jdk.sh"
qianli_use_jdk

RUN_DIR=${QIANLI_DEMO_DIR:-$ROOT/.qianli/demo}
mkdir -p "$RUN_DIR/logs"
pids=()
stop_all() {
  trap - EXIT INT TERM
  echo
  echo "qianli demo: stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

echo "qianli demo: building (logs in $RUN_DIR/logs)"
"$ROOT/mvnw" -B -q --no-transfer-progress -DskipTests install > "$RUN_DIR/logs/build.log" 2>&1 \
  || { tail -50 "$RUN_DIR/logs/build.log"; exit 1; }

# The centre's peers, real and local: S3Proxy (S3, checks signatures) and Keycloak (realm qianli),
# both from Maven Central, run by local-services' Main. It writes their endpoints and this run's
# secrets to services.env once both answer; the applications get them as environment variables.
start_local_services() {
  local env_file="$RUN_DIR/services.env" jar waited=0
  rm -f "$env_file"
  jar=$(ls "$ROOT"/local-services/target/local-services-*.jar | head -1)
  QIANLI_KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180} QIANLI_S3_PORT=${S3_PORT:-9000} \
    java -cp "$jar:$(cat "$ROOT/local-services/target/classpath.txt")" cn.qianli.localservices.Main "$env_file" \
    > "$RUN_DIR/logs/local-services.log" 2>&1 &
  local services_pid=$!
  pids+=("$services_pid")
  echo "qianli demo: starting S3Proxy and Keycloak (the first run builds Keycloak once: a minute or two)"
  until [ -f "$env_file" ]; do
    if ! kill -0 "$services_pid" 2>/dev/null || [ "$waited" -ge 600 ]; then
      echo "qianli demo: local services did not start; see $RUN_DIR/logs/local-services.log" >&2
      tail -20 "$RUN_DIR/logs/local-services.log" >&2
      return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
}

start_app() { # name module port [VAR=value ...]
  local jar
  jar=$(ls "$ROOT/$2"/target/"$2"-*.jar | grep -v -e original -e -tests -e -sources | head -1)
  env "${@:4}" PORT="$3" java -jar "$jar" > "$RUN_DIR/logs/$1.log" 2>&1 &
  pids+=($!)
}

wait_healthy() { # name url
  for _ in $(seq 1 120); do
    if curl -fs "$2" > /dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "qianli demo: $1 did not become healthy; see $RUN_DIR/logs/$1.log" >&2
  return 1
}

start_local_services
start_app diagnosis-service diagnosis-service "${CENTRE_PORT:-8080}"
# One gateway per demo hospital, each sending with its own client credentials from this run's
# Keycloak: H001 on DICOM port 11112 (status page 8081), H002 on 11113 (status page 8083).
start_gateway() { # hospital http-port dicom-port client-secret
  local id=${1,,}
  start_app "pacs-gateway-$id" pacs-gateway "$2" \
    QIANLI_GATEWAY_CENTRE_URL="http://127.0.0.1:${CENTRE_PORT:-8080}" \
    QIANLI_GATEWAY_CENTRE_HOSPITAL_ID="$1" \
    QIANLI_GATEWAY_DICOM_PORT="$3" \
    QIANLI_GATEWAY_DICOM_MODALITIES="${GATEWAY_MODALITIES:-CT01,DR01}" \
    QIANLI_GATEWAY_TOKEN_ENDPOINT="$QIANLI_OIDC_ISSUER/protocol/openid-connect/token" \
    QIANLI_GATEWAY_TOKEN_CLIENT_ID="gateway-$id" \
    QIANLI_GATEWAY_TOKEN_CLIENT_SECRET="$4" \
    QIANLI_GATEWAY_SPOOL_DIRECTORY="$RUN_DIR/gateway-$id-spool" \
    QIANLI_GATEWAY_STUDY_QUIET_TIME=30s
}
start_gateway H001 "${GATEWAY_HTTP_PORT:-8081}" "${GATEWAY_DICOM_PORT:-11112}" "$QIANLI_CLIENT_SECRET_GATEWAY_H001"
start_gateway H002 "${GATEWAY2_HTTP_PORT:-8083}" "${GATEWAY2_DICOM_PORT:-11113}" "$QIANLI_CLIENT_SECRET_GATEWAY_H002"
start_app ai-assist ai-assist "${AI_PORT:-8082}"

wait_healthy diagnosis-service "http://127.0.0.1:${CENTRE_PORT:-8080}/actuator/health"
wait_healthy pacs-gateway-h001 "http://127.0.0.1:${GATEWAY_HTTP_PORT:-8081}/actuator/health"
wait_healthy pacs-gateway-h002 "http://127.0.0.1:${GATEWAY2_HTTP_PORT:-8083}/actuator/health"
wait_healthy ai-assist "http://127.0.0.1:${AI_PORT:-8082}/actuator/health"

cat <<TXT

Qianli is running.
  diagnosis-service  http://127.0.0.1:${CENTRE_PORT:-8080}/            health: /actuator/health
  pacs-gateway H001  http://127.0.0.1:${GATEWAY_HTTP_PORT:-8081}/     health: /actuator/health
                     DICOM: AE QIANLI_GW on port ${GATEWAY_DICOM_PORT:-11112}, e.g.
                     storescu -aec QIANLI_GW -aet CT01 +sd 127.0.0.1 ${GATEWAY_DICOM_PORT:-11112} DIR
  pacs-gateway H002  http://127.0.0.1:${GATEWAY2_HTTP_PORT:-8083}/     health: /actuator/health
                     DICOM: AE QIANLI_GW on port ${GATEWAY2_DICOM_PORT:-11113}
                     (calling AE titles accepted: ${GATEWAY_MODALITIES:-CT01,DR01})
  ai-assist          http://127.0.0.1:${AI_PORT:-8082}/               health: /actuator/health
  Keycloak           $QIANLI_KEYCLOAK_URL/admin/   realm qianli, issuer $QIANLI_OIDC_ISSUER
  S3 (S3Proxy)       $QIANLI_S3_ENDPOINT         bucket $QIANLI_S3_BUCKET
Demo logins (demo only; password = user name):
  radiologist1   radiologist
  clinic1        clinic of hospital H001
  clinic2        clinic of hospital H002
  auditor1       auditor
Keycloak admin and client secrets of this run: $RUN_DIR/services.env
Logs: $RUN_DIR/logs
Press Ctrl-C to stop.
TXT
wait -n "${pids[@]}" || true
echo "qianli demo: a process ended; see $RUN_DIR/logs" >&2
