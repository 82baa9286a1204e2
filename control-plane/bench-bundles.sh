#!/usr/bin/env bash
# Bundle benchmark (bench/RESULTS.md): size and compile/sign/verify time of the bundle of a tenant with
# 1,000 servers and 10,000 tool bindings. Builds the test classpath, then runs
# io.gatehouse.controlplane.bundle.BundleCompileBench (no database or broker needed).
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.mvn/select-jdk.sh
gatehouse_select_jdk
cp_file="$(mktemp)"
./mvnw -B -q -o -pl control-plane -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test -Dspotless.check.skip >/dev/null
classpath="control-plane/target/test-classes:control-plane/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$classpath" io.gatehouse.controlplane.bundle.BundleCompileBench
