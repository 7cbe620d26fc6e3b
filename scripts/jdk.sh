# Sourced by ./tao, .ci/run and scripts/*: finds a JDK >= 21 and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME, `java` on PATH, then every JDK under /usr/lib/jvm and /opt (newest first).
tao_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[^"]*".*/\1/p' | head -n1
}
tao_find_jdk() {
  local cand major
  for cand in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
              $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* 2>/dev/null | sort -rV); do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(tao_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$cand"; return 0; fi
  done
  return 1
}
if ! TAO_JDK=$(tao_find_jdk); then
  echo "tao4j needs a JDK 21 or newer and found none (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt)." >&2
  echo "Install one, e.g. 'sudo apt-get install openjdk-21-jdk' or Temurin 21+ from adoptium.net, or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$TAO_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
