#!/usr/bin/env bash
# Usage: scripts/check-docs.sh [FILE.md...]
#
# Checks the guide (README.md and docs/*.md, or the files given) against the code, so that it
# cannot rot:
#   1. runs every ```sh block, in file order, against a lab server this script starts on a free
#      port with --task-ms 200. In a block, http://127.0.0.1:8080 (or localhost:8080) means that
#      server. Each block runs with bash -euo pipefail in a scratch directory that has the
#      repository's target/, scripts/ and docs/, 30 s at most; a block that exits non-zero fails.
#   2. every `--option` written alone in backticks, and every --option on a `$ ...` line of a
#      ```console block that runs looplab.jar or a script, exists in the help of `looplab server`,
#      `experiment`, `suite` or of a script in scripts/;
#   3. every route written in backticks (`/fast-run`, `GET /info`, `POST /x`, `/cpu-run?where=loop`)
#      exists: the server answers that method on that path with anything but a 404;
#   4. every LOOPLAB_* variable named exists in the server's help or in LogConfig.java;
#   5. every stack frame quoted as Class.method(File.java:N) points at a line inside that method;
#   6. every link to a page (docs/x.md, x.md#heading) leads to a file, and to a heading there;
#   7. every class named in full (dev.looplab.server.LabVerticle) exists in src/main or src/test.
# For writers: ```sh is for commands that run as written (no servers started, no long runs);
# ```console is a transcript, `$ command` then its real output, never run; ```text is anything else.
# Takes about 30 s (the JVM's start plus the blocks); bounded at 2 minutes.
# Needs: a JDK 17+ (and Maven to build the jar), curl. Exit: 0 all true, 1 one line per problem.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

FILES=()
for arg in "$@"; do
  case $arg in
    -h|--help) lab_help ;;
    *.md) [[ -f $arg ]] || lab_usage_error "no file $arg"; FILES+=("$arg") ;;
    *) lab_unknown "$arg" ;;
  esac
done
cd "$LAB_ROOT"
[[ ${#FILES[@]} -gt 0 ]] || FILES=(README.md docs/*.md)
lab_need curl
lab_jar
lab_work_dir
DEADLINE=$((SECONDS + 120))
PROBLEMS="$LAB_WORK/problems"
: >"$PROBLEMS"
problem() { echo "$*" >>"$PROBLEMS"; }

LOOPLAB_LOG_LEVEL=INFO lab_start_server 0 --task-ms 200   # INFO: the port is read from the "listening on" line
for command in server experiment suite; do "$JAVA" -jar "$JAR" "$command" --help; done >"$LAB_WORK/help.txt" 2>&1
for script in scripts/*; do
  if head -1 "$script" | grep -q '^#!'; then "$script" --help >>"$LAB_WORK/help.txt" 2>&1 || true; fi
done
grep -oE -- '--[a-z][a-z0-9-]*' "$LAB_WORK/help.txt" | sort -u >"$LAB_WORK/options"
{ grep -ohE 'LOOPLAB_[A-Z0-9_]+' "$LAB_WORK/help.txt" src/main/java/dev/looplab/server/LogConfig.java; } | sort -u >"$LAB_WORK/env"

# --- 1. the ```sh blocks ----------------------------------------------------------------------
mkdir -p "$LAB_WORK/run" "$LAB_WORK/blocks"
for dir in target scripts docs; do ln -s "$LAB_ROOT/$dir" "$LAB_WORK/run/$dir"; done
awk -v out="$LAB_WORK/blocks" '
  FNR == 1 { fence = "" }
  /^```/ {
    if (fence == "") { fence = substr($0, 4); if (fence == "sh") { n++; file = sprintf("%s/%03d.sh", out, n); print "# " FILENAME ":" FNR > file } ; next }
    if (fence == "sh") close(file)
    fence = ""; next
  }
  fence == "sh" { print > file }' "${FILES[@]}"
blocks=0
for block in "$LAB_WORK"/blocks/*.sh; do
  [[ -e $block ]] || break
  where=$(head -1 "$block" | cut -c3-)
  ((SECONDS < DEADLINE)) || { problem "$where: not run, the check ran out of its 2 minutes"; continue; }
  sed -i "s#http://localhost:8080#$LAB_URL#g; s#http://127\.0\.0\.1:8080#$LAB_URL#g; s#localhost:8080#127.0.0.1:$LAB_PORT#g" "$block"
  blocks=$((blocks + 1))
  status=0
  (cd "$LAB_WORK/run" && timeout 30 bash -euo pipefail "$block") >"$block.out" 2>&1 || status=$?
  # 141: a reader's `| head` closed the pipe early, which pipefail reports; not a failure
  if [[ $status == 124 ]]; then problem "$where: the sh block ran over 30 s"
  elif [[ $status != 0 && $status != 141 ]]; then problem "$where: the sh block failed (exit $status): $(tail -1 "$block.out")"; fi
done

# --- 2.-4. options, routes and variables named in the text -------------------------------------
# every backtick span outside code blocks, as FILE:LINE:span
awk '/^```/ { inside = !inside; next }
  !inside { line = $0; while (match(line, /`[^`]+`/)) { print FILENAME ":" FNR ":" substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, RSTART + RLENGTH) } }' \
  "${FILES[@]}" >"$LAB_WORK/spans"
# the options on `$ ...` lines of console blocks that run the jar or a script
awk '/^```/ { fence = (fence == "" ? substr($0, 4) : ""); next }
  fence == "console" && /^\$ / && /(looplab\.jar|scripts\/)/ { print FILENAME ":" FNR ":" $0 }' "${FILES[@]}" >"$LAB_WORK/commands"

while IFS= read -r entry; do
  where=${entry%%:*}; rest=${entry#*:}; where="$where:${rest%%:*}"; span=${rest#*:}
  if [[ $span =~ ^(-[a-zA-Z],\ )?--([a-z][a-z0-9-]*)([\ =].*)?$ ]]; then
    option=--${BASH_REMATCH[2]}
    grep -qx -- "$option" "$LAB_WORK/options" || problem "$where: option $option is in no --help"
  elif [[ $span =~ ^((GET|POST|PUT|DELETE)\ )?(/[a-z][a-z0-9-]*(/[a-z0-9-]+)*)(\?[^\ ]*)?$ ]]; then
    route=${BASH_REMATCH[3]} method=${BASH_REMATCH[2]:-GET}
    [[ $route =~ ^/(proc|dev|app|usr|tmp|etc|sys|var|opt|home|bin)(/|$) ]] || echo "$where $method $route" >>"$LAB_WORK/routes"
  fi
done <"$LAB_WORK/spans"
while IFS= read -r entry; do
  where=${entry%%:*}; rest=${entry#*:}; where="$where:${rest%%:*}"
  for option in $(grep -oE -- '(^| )--[a-z][a-z0-9-]*' <<<"${rest#*:}" | tr -d ' '); do
    grep -qx -- "$option" "$LAB_WORK/options" || problem "$where: option $option is in no --help"
  done
done <"$LAB_WORK/commands"
if [[ -f $LAB_WORK/routes ]]; then
  while read -r where method route; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "$method" "$LAB_URL$route" || true)
    [[ $status == 404 ]] && problem "$where: route $method $route does not exist (the server answers 404)"
  done < <(sort -k2,3 -u "$LAB_WORK/routes")
fi
{ grep -onHE 'LOOPLAB_[A-Z0-9_]+' "${FILES[@]}" || true; } | while IFS=: read -r file line name; do
  grep -qx "$name" "$LAB_WORK/env" || problem "$file:$line: $name is no variable of the server's help or LogConfig.java"
done

# --- 6. links between the pages: the file exists, and so does the heading an #anchor names -----
slug() { tr '[:upper:]' '[:lower:]' <<<"$1" | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'; }
{ grep -onHE '\]\([^)#: ]+\.md(#[^) ]*)?\)' "${FILES[@]}" || true; } | while IFS=: read -r file line link; do
  target=${link#](}; target=${target%)}; anchor=""
  [[ $target == *#* ]] && { anchor=${target#*#}; target=${target%%#*}; }
  path="$(dirname "$file")/$target"
  if [[ ! -f $path ]]; then problem "$file:$line: the link to $target leads nowhere"; continue; fi
  [[ -z $anchor ]] && continue
  slugs=$(grep -E '^#+ ' "$path" | sed -E 's/^#+ //' | while IFS= read -r heading; do slug "$heading"; done)
  grep -qx -- "$anchor" <<<"$slugs" || problem "$file:$line: $target has no heading for #$anchor"
done

# --- 5. stack frames --------------------------------------------------------------------------
{ grep -onHE '[A-Za-z0-9_$]+\.[a-zA-Z0-9_]+\([A-Z][A-Za-z0-9]*\.java:[0-9]+\)' "${FILES[@]}" || true; } | sort -u \
  | while IFS=: read -r file line frame; do
    method=${frame%%(*}; method=${method##*.}; source=${frame#*(}; source=${source%%:*}
    number=${frame##*:}; number=${number%)}
    path=$(find src/main/java -name "$source" | head -1)
    [[ -n $path ]] || continue   # a frame of Vert.x or the JDK
    found=$(awk -v n="$number" 'NR <= n && /^[ \t]*(public |private |protected |static |final |synchronized )*[A-Za-z0-9_<>,.?\[\] ]+[ \t]+[a-zA-Z0-9_]+\([^;]*$/ {
        name = $0; sub(/\(.*/, "", name); sub(/.*[ \t]/, "", name); last = name } END { print last }' "$path")
    [[ $found == "$method" ]] || problem "$file:$line: $frame: line $number of $path is in ${found:-no method}, not $method"
  done

# --- 7. classes named in full (dev.looplab.x.Name) exist in the sources -------------------------
{ grep -onHE 'dev\.looplab\.([a-z]+\.)*[A-Z][A-Za-z0-9]*' "${FILES[@]}" || true; } | sort -t: -k3 -u \
  | while IFS=: read -r file line class; do
    source=$(tr . / <<<"$class").java
    [[ -f src/main/java/$source || -f src/test/java/$source ]] || problem "$file:$line: class $class does not exist"
  done

if [[ -s $PROBLEMS ]]; then
  cat "$PROBLEMS" >&2
  echo "$LAB_NAME: $(wc -l <"$PROBLEMS") problem(s) in ${FILES[*]}" >&2
  exit 1
fi
echo "$LAB_NAME: ${#FILES[@]} file(s) true to the code: $blocks sh block(s) ran, options, routes, variables, classes and stack frames exist ($((SECONDS)) s)"
