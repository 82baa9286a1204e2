#!/usr/bin/env bash
# Control-plane benchmark (bench/RESULTS.md): builds the test classpath, then runs
# io.gatehouse.controlplane.ControlPlaneBench against an embedded PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.mvn/select-jdk.sh
gatehouse_select_jdk
cp_file="$(mktemp)"
./mvnw -B -q -o -pl control-plane -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test -Dspotless.check.skip >/dev/null
classpath="control-plane/target/test-classes:control-plane/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$classpath" io.gatehouse.controlplane.ControlPlaneBench
