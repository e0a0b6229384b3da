#!/usr/bin/env bash
# Sizes of the files the web page loads, raw and gzip -9, against the download budget.
#   bench/web_size.sh [SITE_DIR]    (default: build/web/bin)
# The page (web/index.html) loads index.html, almere2050.js, and through it almere2050.wasm and
# almere2050.data; nothing else (the site's assets/ folder is packed into almere2050.data).
# Exit status: 0 within budget, 1 over budget, 2 a file is missing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="${1:-$repo/build/web/bin}"
budget_kib=500
files=(index.html almere2050.js almere2050.wasm almere2050.data)

kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

for f in "${files[@]}"; do
  if [[ ! -f "$site/$f" ]]; then
    echo "web_size: $site/$f: missing (build first: scripts/build.sh all)" >&2
    exit 2
  fi
done

echo "site: $site"
printf '%-18s %12s %10s %12s %10s %7s\n' file raw_bytes raw_KiB gzip9_bytes gzip9_KiB ratio
total_raw=0
total_gz=0
for f in "${files[@]}"; do
  path="$site/$f"
  raw=$(stat -c %s "$path")
  gz=$(gzip -9 -c "$path" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-18s %12d %10s %12d %10s %6s%%\n' "$f" "$raw" "$(kib "$raw")" "$gz" "$(kib "$gz")" \
    "$(awk -v a="$gz" -v b="$raw" 'BEGIN { printf "%.0f", 100 * a / b }')"
done
printf '%-18s %12d %10s %12d %10s %6s%%\n' total "$total_raw" "$(kib "$total_raw")" "$total_gz" "$(kib "$total_gz")" \
  "$(awk -v a="$total_gz" -v b="$total_raw" 'BEGIN { printf "%.0f", 100 * a / b }')"

budget=$((budget_kib * 1024))
status=0
if ((total_gz <= budget)); then
  echo "budget: $(kib "$total_gz") KiB gzip of $budget_kib KiB: OK ($(kib $((budget - total_gz))) KiB to spare)"
else
  echo "budget: $(kib "$total_gz") KiB gzip of $budget_kib KiB: OVER by $(kib $((total_gz - budget))) KiB"
  status=1
fi

# The text route (issue 10): each language's page with its form script, no wasm, no WebGL.
# Budget about 100 KiB gzip per page; the accessibility statement is listed beside it.
text_budget_kib=100
if [[ -f "$site/tekst/index.html" && -f "$site/tekst/tekst.js" ]]; then
  script_gz=$(gzip -9 -c "$site/tekst/tekst.js" | wc -c)
  printf '%-28s %12s %10s %14s\n' "text route page" raw_KiB gzip9_KiB "+tekst.js KiB"
  for page in "$site"/tekst/index.html "$site"/tekst/*/index.html "$site"/toegankelijkheid/index.html \
    "$site"/toegankelijkheid/*/index.html; do
    [[ -f "$page" ]] || continue
    raw=$(stat -c %s "$page")
    gz=$(gzip -9 -c "$page" | wc -c)
    name=${page#"$site"/}
    with=$gz
    [[ "$name" == tekst/* ]] && with=$((gz + script_gz))
    printf '%-28s %12s %10s %14s\n' "${name%index.html}" "$(kib "$raw")" "$(kib "$gz")" "$(kib "$with")"
    if ((with > text_budget_kib * 1024)); then
      echo "text route: ${name%index.html} $(kib "$with") KiB gzip: OVER $text_budget_kib KiB"
      status=1
    fi
  done
  echo "text route: tekst.js $(kib "$script_gz") KiB gzip; budget $text_budget_kib KiB gzip per page"
else
  echo "text route: $site/tekst/: missing (the build writes it with almere-textroute)"
fi
exit $status
