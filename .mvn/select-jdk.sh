# shellcheck shell=sh
# Sourced by ./mvnw, ./gatehouse and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if it is >= 21; else the newest JDK >= 21 under /usr/lib/jvm (or
# GATEHOUSE_JVM_DIR); else `java` on PATH if it is >= 21; else fail with a clear message.

gatehouse_jdk_major() { # $1 = JDK home; prints the major version or nothing
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

gatehouse_select_jdk() {
  _min=21
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    _v=$(gatehouse_jdk_major "$JAVA_HOME")
    if [ -n "$_v" ] && [ "$_v" -ge "$_min" ]; then return 0; fi
  fi
  _best="" _bestv=0
  _jvmdir=${GATEHOUSE_JVM_DIR:-/usr/lib/jvm}
  # (ls, not a glob: callers such as mvnw run with `set -f`)
  for _n in $(ls -1 "$_jvmdir" 2>/dev/null); do
    _d=$_jvmdir/$_n
    [ -x "$_d/bin/javac" ] || continue
    [ -L "$_d" ] && continue
    _v=$(gatehouse_jdk_major "$_d")
    if [ -n "$_v" ] && [ "$_v" -ge "$_min" ] && [ "$_v" -gt "$_bestv" ]; then _best=$_d _bestv=$_v; fi
  done
  if [ -z "$_best" ] && command -v javac >/dev/null 2>&1; then
    _d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    _v=$(gatehouse_jdk_major "$_d")
    if [ -n "$_v" ] && [ "$_v" -ge "$_min" ]; then _best=$_d; fi
  fi
  if [ -z "$_best" ]; then
    echo "gatehouse: no JDK $_min or newer found (looked at JAVA_HOME, ${GATEHOUSE_JVM_DIR:-/usr/lib/jvm}/*, and javac on PATH)." >&2
    echo "gatehouse: install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$_best
  export JAVA_HOME
}
