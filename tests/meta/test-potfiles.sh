#!/usr/bin/env bash
# Every source file with translatable strings must be listed in po/POTFILES,
# and every file listed there must exist.  TAP output.
set -u
top=${1:?usage: test-potfiles.sh SOURCE-DIR}
cd "$top" || exit 1

listed=$(grep -v '^#' po/POTFILES | sed '/^$/d' | sort -u)
found=$( { grep -lE '(^|[^A-Za-z0-9_])N?_\(' src/*/*.c 2>/dev/null;
           grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui data/*.in data/*.xml 2>/dev/null; } | sort -u)

n=0; failed=0
for f in $found; do
  n=$((n + 1))
  if grep -qxF "$f" <<<"$listed"; then echo "ok $n - $f is in po/POTFILES"
  else echo "not ok $n - $f has translatable strings but is missing from po/POTFILES"; failed=1; fi
done
for f in $listed; do
  n=$((n + 1))
  if [ -f "$f" ]; then echo "ok $n - $f exists"
  else echo "not ok $n - po/POTFILES lists $f, which does not exist"; failed=1; fi
done
echo "1..$n"
exit $failed
