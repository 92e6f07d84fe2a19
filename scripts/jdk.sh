# Sourced by ./mvnw and ./qianli: exports JAVA_HOME as a JDK 21 or newer
# (JAVA_HOME if it is one, else the newest under /usr/lib/jvm) and puts it first on PATH.
qianli_jdk_release() {
  local r
  r=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  printf '%s' "${r%%.*}"
}
qianli_use_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(qianli_jdk_release "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    export PATH="$JAVA_HOME/bin:$PATH"
    return 0
  fi
  local best="" best_release=0 candidate release
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    release=$(qianli_jdk_release "$candidate")
    if [ "${release:-0}" -gt "$best_release" ] 2>/dev/null; then best=$candidate; best_release=$release; fi
  done
  if [ "$best_release" -lt 21 ]; then
    echo "qianli: no JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm); install one (a Temurin 21+ JDK, or openjdk-21-jdk where the distribution has it)" >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
