#!/usr/bin/env bash
# Ensure the Debian system packages the test suite needs are present:
#   - postgresql  (server binaries under /usr/lib/postgresql/*/bin)
#   - chromium    (/usr/bin/chromium, driven by Playwright via executablePath)
#   - a CJK font (fonts-noto-cjk), so screenshots of the zh-CN UI show real
#     characters instead of boxes (not needed for tests to pass, only to read)
#   - a TrueType-outline Chinese font for the PDFs (fonts-wqy-microhei), unless the
#     npm package @expo-google-fonts/noto-sans-sc is installed (src/services/reports/cjk-font.ts)
#   - poppler-utils (pdftotext), with which the report tests read the PDFs back
# Installs only what is missing, non-interactively. `apt-get update` runs only
# when an install is needed (and is retried once if the first install fails).
# Safe to run repeatedly; a no-op when everything is there.
set -euo pipefail

log() { printf '[ensure-system-deps] %s\n' "$*" >&2; }

have_pg() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]] && return 0
  done
  return 1
}
have_psql() { command -v psql >/dev/null 2>&1; }
have_chromium() { [[ -x /usr/bin/chromium ]]; }
have_cjk_font() {
  command -v fc-list >/dev/null 2>&1 && [[ -n "$(fc-list :lang=zh family 2>/dev/null | head -1)" ]]
}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
have_pdf_font() {
  [[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || -d "$ROOT/node_modules/@expo-google-fonts/noto-sans-sc" ]]
}
have_pdftotext() { command -v pdftotext >/dev/null 2>&1; }

missing=()
if ! have_pg || ! have_psql; then missing+=(postgresql); fi
if ! have_chromium; then missing+=(chromium); fi
if ! have_cjk_font; then missing+=(fonts-noto-cjk); fi
if ! have_pdf_font; then missing+=(fonts-wqy-microhei); fi
if ! have_pdftotext; then missing+=(poppler-utils); fi

if [[ ${#missing[@]} -eq 0 ]]; then
  log "postgresql, chromium, the CJK fonts and pdftotext already present"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    log "missing: ${missing[*]} and not root (no sudo) - cannot install"; exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

lists_present() {
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null 2>&1
}

start=$SECONDS
log "installing missing packages: ${missing[*]}"
if ! lists_present; then
  log "apt lists are empty - running apt-get update"
  "${SUDO[@]}" apt-get update -q
fi
if ! "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" "${missing[@]}"; then
  log "install failed - refreshing apt lists and retrying once"
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" "${missing[@]}"
fi

# Debian's postgresql package creates and starts a default cluster via
# postgresql-common; the tests use their own throwaway cluster instead, so
# that default service (if one got started) is left alone - it listens on 5432
# and pg-cluster.sh always picks a free port.

have_pg || { log "postgresql binaries still missing after install"; exit 1; }
have_chromium || { log "/usr/bin/chromium still missing after install"; exit 1; }
have_pdftotext || { log "pdftotext still missing after install"; exit 1; }
log "done in $((SECONDS - start))s"
