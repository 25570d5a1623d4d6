#!/usr/bin/env bash
# Builds fileserver.jar (javac --release 21, sqlite-jdbc bundled) and runs the tests.
#   ./build.sh          fetch dependencies if missing, compile, package fileserver.jar
#   ./build.sh test     build, fetch the tests' npm clients if missing, compile the tests, run them all;
#                       last line: "N passed, N failed"
#                       (TEST_SELECT="--select-class x.y.Z" runs a subset)
#   ./build.sh run      build, then start the server in the foreground with defaults
#   ./build.sh java     print the java executable this script would use
#   ./build.sh clean    remove build outputs
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

SQLITE=org.xerial:sqlite-jdbc:3.54.1.0
JUNIT=org.junit.platform:junit-platform-console-standalone:6.1.3
SQLITE_JAR=lib/sqlite-jdbc-3.54.1.0.jar
JUNIT_JAR=lib/junit-platform-console-standalone-6.1.3.jar
VERSION=$(cat VERSION 2>/dev/null || echo 0.1.0)
# BUILD_DIR lets several checkouts' builds run side by side without sharing class files.
B=${BUILD_DIR:-build}
mkdir -p "$B" && B=$(cd "$B" && pwd)
JAR_OUT=${BUILD_DIR:+$B/}fileserver.jar

die() { echo "build.sh: $*" >&2; exit 1; }

# Major version of the JDK at $1 (a JDK home), or nothing.
jdk_major() {
  local home=$1 v
  [ -x "$home/bin/javac" ] && [ -x "$home/bin/java" ] || return 0
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
  [ -n "$v" ] || v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  echo "$v"
}

# The newest JDK >= 21 among JAVA_HOME, the javac on PATH and /usr/lib/jvm/*.
find_jdk() {
  local best="" best_v=0 c v
  local cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then cands+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"); fi
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && cands+=("$c"); done
  for c in "${cands[@]}"; do
    v=$(jdk_major "$c")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$c; best_v=$v; fi
  done
  [ -n "$best" ] || die "no JDK >= 21 found (looked at JAVA_HOME, PATH and /usr/lib/jvm/*). Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or set JAVA_HOME."
  echo "$best"
}

JDK=$(find_jdk)
JAVA=$JDK/bin/java
JAVAC=$JDK/bin/javac
JAR=$JDK/bin/jar

fetch() { # artifact jar
  [ -f "$2" ] && return 0
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed once to fetch $1 into lib/; install it (apt-get install maven) or put $2 there by hand."
  echo "fetching $1" >&2
  retry mvn -q dependency:copy -Dartifact="$1" -DoutputDirectory=lib >&2 || die "could not fetch $1 with Maven"
}

# Runs "$@" up to three times, 5 s apart: a registry that hiccups once must not fail a fresh build.
retry() {
  local n
  for n in 1 2 3; do
    "$@" && return 0
    [ "$n" -lt 3 ] && { echo "build.sh: attempt $n of 3 failed: $*" >&2; sleep 5; }
  done
  return 1
}

build() {
  fetch "$SQLITE" "$SQLITE_JAR"
  rm -rf $B/classes $B/jar && mkdir -p $B/classes $B/jar
  find src -name '*.java' > $B/sources.txt
  "$JAVAC" --release 21 -encoding UTF-8 -Xlint:all,-serial -Werror -cp "$SQLITE_JAR" -d $B/classes @$B/sources.txt
  (cd src && find . -type f ! -name '*.java' -exec cp --parents {} $B/classes/ \;)
  local commit; commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  printf 'version=%s\ncommit=%s\nbuilt=%s\n' "$VERSION" "$commit" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > $B/classes/io/jfastdfs/build.properties
  (cd $B/jar && "$JAR" xf "$ROOT/$SQLITE_JAR" && rm -rf META-INF/MANIFEST.MF META-INF/*.SF META-INF/*.RSA META-INF/versions/9/module-info.class)
  cp -r $B/classes/. $B/jar/
  printf 'Main-Class: io.jfastdfs.Main\nEnable-Native-Access: ALL-UNNAMED\nImplementation-Version: %s\n' "$VERSION" > $B/manifest.txt
  "$JAR" cfm "$JAR_OUT" $B/manifest.txt -C $B/jar .
  echo "built $JAR_OUT with $JDK" >&2
}

# The tests' real JavaScript clients (tus-js-client, headless Chromium) come from npm into test/js.
js_deps() {
  local stamp=test/js/node_modules/.package-lock.json
  [ -f "$stamp" ] && [ "$stamp" -nt test/js/package.json ] && return 0
  command -v npm >/dev/null 2>&1 || die "node and npm are needed for the tests' JavaScript clients (test/js); install Node.js 18 or newer."
  echo "installing the JavaScript test clients (npm install in test/js)" >&2
  (cd test/js && retry npm install --no-audit --no-fund --loglevel=error >&2) || die "npm install in test/js failed"
  touch "$stamp"
}

run_tests() {
  fetch "$JUNIT" "$JUNIT_JAR"
  js_deps
  rm -rf $B/test-classes && mkdir -p $B/test-classes
  find test -name '*.java' > $B/test-sources.txt
  "$JAVAC" --release 21 -encoding UTF-8 -cp "$B/classes:$SQLITE_JAR:$JUNIT_JAR" -d $B/test-classes @$B/test-sources.txt
  (cd test && find . -type f ! -name '*.java' ! -path './js/node_modules/*' -exec cp --parents {} $B/test-classes/ \;)
  local out=$B/test-output.txt rc=0
  # the JDK reads sun.net.httpserver.* once, at the first server of the JVM (a test's fake server may
  # come before any node): the node's values are set on the command line too
  JFASTDFS_JAVA=$JAVA JFASTDFS_CP="$B/classes:$SQLITE_JAR" JFASTDFS_JAR="$JAR_OUT" \
  "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -Dsun.net.httpserver.nodelay=true \
    -Dsun.net.httpserver.drainAmount=16777216 -Dsun.net.httpserver.maxReqHeaderSize=65536 \
    -Dsun.net.httpserver.maxReqHeaders=100 \
    -jar "$JUNIT_JAR" execute --class-path "$B/test-classes:$B/classes:$SQLITE_JAR" \
    ${TEST_SELECT:---scan-class-path $B/test-classes} --disable-banner --disable-ansi-colors --fail-if-no-tests --details=tree \
    --config=junit.jupiter.execution.parallel.enabled=true \
    --config=junit.jupiter.execution.parallel.mode.default=same_thread \
    --config=junit.jupiter.execution.parallel.mode.classes.default=concurrent \
    --config=junit.jupiter.execution.parallel.config.strategy=fixed \
    --config=junit.jupiter.execution.parallel.config.fixed.parallelism=${TEST_PARALLELISM:-3} \
    2>&1 | tee "$out" || rc=$?
  local passed failed aborted skipped
  passed=$(sed -n 's/^\[ *\([0-9]*\) tests successful *\]$/\1/p' "$out" | tail -1)
  failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed *\]$/\1/p' "$out" | tail -1)
  aborted=$(sed -n 's/^\[ *\([0-9]*\) tests aborted *\]$/\1/p' "$out" | tail -1)
  skipped=$(sed -n 's/^\[ *\([0-9]*\) tests skipped *\]$/\1/p' "$out" | tail -1)
  passed=${passed:-0}; failed=$(( ${failed:-0} + ${aborted:-0} + ${skipped:-0} ))
  [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

case "${1:-build}" in
  build) build ;;
  test) build; run_tests ;;
  run) build; exec "$JAVA" -XX:+UseSerialGC -Xmx512m -Xmn64m -Dsun.net.httpserver.nodelay=true \
         --enable-native-access=ALL-UNNAMED -jar "$JAR_OUT" server ;;
  java) echo "$JAVA" ;;
  clean) rm -rf build fileserver.jar ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
