#!/usr/bin/env bash
# Regenerates the embedded fonts: DejaVu Sans 2.37 (Debian fonts-dejavu-core) cut down to the scripts a South African
# statement needs, so each PDF carries tens of kilobytes of font instead of the whole 700 KB face (Skia embeds the
# font it is given; this build does not subset). Needs pyftsubset (Debian package fonttools).
set -euo pipefail
cd "$(dirname "$0")"
# Latin (Basic, Latin-1, Extended-A/B, Extended Additional: Afrikaans, Sesotho sa Leboa, Tshivenda, ...), combining
# marks, general punctuation, currency signs, and the few symbols statements use: № ™ ← ↑ → ↓ − ≈ ≠ ≤ ≥ ■ ● ✓ ✔ ✗ ✘.
unicodes="U+0020-007E,U+00A0-024F,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2116,U+2122,U+2190-2193,U+2212,U+2248,U+2260,U+2264,U+2265,U+25A0,U+25CF,U+2713,U+2714,U+2717,U+2718,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "/usr/share/fonts/truetype/dejavu/$face.ttf" --unicodes="$unicodes" --layout-features='' --no-hinting \
    --name-IDs='*' --name-languages='*' --notdef-outline --output-file="$face-Latin.ttf"
done
ls -l ./*.ttf
