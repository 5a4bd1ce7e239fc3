#!/usr/bin/env bash
# Rewrites src/LossDsl.Runtime/PublicAPI.Unshipped.txt from the code: every public symbol of the runtime that
# PublicAPI.Shipped.txt does not list, sorted. Run it after changing the runtime's public API or after a merge that
# brings such a change (docs/contributing.md#public-api-of-the-runtime); then read the diff of the file.
set -euo pipefail
cd "$(dirname "$0")/.."

project=src/LossDsl.Runtime/LossDsl.Runtime.csproj
list=src/LossDsl.Runtime/PublicAPI.Unshipped.txt
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# 1. Start from the header alone, so that removed or renamed API goes too (RS0017 has no automatic fix).
printf '#nullable enable\n' > "$list"

# 2. The analyzer's own fix for RS0016 writes every undeclared public symbol, with its nullable annotations.
dotnet format analyzers "$project" --diagnostics RS0016 --severity info

# 3. What the fix cannot write: PublicApiAnalyzers also reports the generated implementation of a partial method with
#    optional parameters, as the same method without the default values (dotnet/roslyn-analyzers#7356), and its fix
#    does nothing for it. Such a line is taken from the build's own message.
dotnet build "$project" -nologo > "$log" 2>&1 || true
grep -oE "error RS0016: Symbol '[^']+'" "$log" | sed -E "s/^error RS0016: Symbol '(.*)'$/\1/" >> "$list" || true

# 4. One order, whoever runs it: the header, then the symbols sorted byte-wise, each once.
{ echo '#nullable enable'; tail -n +2 "$list" | LC_ALL=C sort -u; } > "$log"
cp "$log" "$list"

# 5. The build must now be clean.
if ! dotnet build "$project" -nologo > "$log" 2>&1; then
  grep -E "error" "$log" | sort -u | head -20
  echo "$list was rewritten, but the build still fails (above)." >&2
  exit 1
fi
echo "$list: $(($(wc -l < "$list") - 1)) symbols."
