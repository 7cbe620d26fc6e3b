# Sourced by ./tao: tao_stale ROOT JAR succeeds when JAR is missing or older than a source of the build.
# Sources are pom.xml files and what is under a module's src/ (Java and resources); anything under a
# target/ directory (generated sources such as bench's JMH classes, build output) and .git are not,
# so a build or test run (`bash .ci/run`) does not make the next ./tao rebuild.
tao_stale() {
  local root="$1" jar="$2"
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" \( -path "$root/.git" -o -name target -o -name .mvn \) -prune -o \
      -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$jar" -print -quit 2>/dev/null)" ]
}
