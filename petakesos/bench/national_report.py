"""The national benchmark's records as a table beside the targets of issue 14, so a fresh run can be
compared with the one in README.md ("Kinerja (nasional)"): `bench national --markdown`."""

from __future__ import annotations

import os
import platform

from petakesos import fmt

PAGE_QUERY_S = 0.3


def machine() -> list[dict]:
    """Records stating the machine: cores, memory and the load average when the run started."""
    with open("/proc/meminfo") as info:
        total_kb = int(info.readline().split()[1])
    return [
        {"name": "mesin: inti CPU", "value": os.cpu_count() or 0, "unit": "inti"},
        {"name": "mesin: memori", "value": round(total_kb / 1024**2, 1), "unit": "GiB"},
        {"name": "mesin: beban rata-rata (1 menit) saat mulai", "value": round(os.getloadavg()[0], 2), "unit": ""},
    ]


def target(record: dict) -> tuple[str, bool] | None:
    """(target as text, met?) for a record that has one in issue 14, else None."""
    name, value, ratio = record["name"], record["value"], record.get("ratio")
    if name.startswith("kepadatan per desa, nasional"):
        if record.get("against") == "pandas":
            return "≥ 10× lebih cepat", ratio >= 10
        if name.endswith("pindai kolom kasus saja"):
            return "≤ 1,5× pindai", ratio <= 1.5
        if name == "kepadatan per desa, nasional":
            return "≤ 1 s", value <= 1
    if name.endswith("(provinsi, hangat)") or name == "kepadatan per desa, provinsi Jawa Timur":
        return "≤ 300 ms", value <= PAGE_QUERY_S
    if name.startswith("penyegaran mart") or name.startswith("impor 10 baris ("):
        return "≤ 5 s", value <= 5
    if name == "aplikasi: memori puncak":
        return "≤ 2 GB", value <= 2048
    if name == "peta desa provinsi: data dikirim":
        return "≤ 2 MB", value <= 2_000_000
    return None


def _value(record: dict) -> str:
    value, unit = record["value"], record["unit"]
    if unit == "s" and value < 1:
        return f"{fmt.number(round(value * 1000))} ms"
    if unit == "MB":
        return f"{fmt.number(round(value))} MB"
    if unit == "B":
        return f"{fmt.decimal(value / 1e6, 2)} MB"
    if isinstance(value, int):
        return f"{fmt.number(value)} {unit}".strip()
    return f"{fmt.decimal(value, 2)} {unit}".strip()


def markdown(records: list[dict]) -> str:
    """A Markdown table: name, value, target (✅/❌), ratio (× against pandas or the scan)."""
    lines = ["| ukuran | nilai | target | rasio |", "|---|---|---|---|"]
    for r in records:
        goal = target(r)
        goal_text = "" if goal is None else f"{goal[0]} {'✅' if goal[1] else '❌'}"
        ratio = f"{fmt.decimal(r['ratio'], 2)}× thd {r['against']}" if "ratio" in r else ""
        lines.append(f"| {r['name']} | {_value(r)} | {goal_text} | {ratio} |")
    return "\n".join(lines)


def text(records: list[dict], scale: str) -> str:
    """The plain listing printed without --json or --markdown."""
    lines = [f"{platform.node()}: skala {scale}"]
    for r in records:
        extra = f"  rasio {r['ratio']} terhadap {r['against']}" if "ratio" in r else ""
        lines.append(f"{r['name']:<70} {r['value']:>12} {r['unit']}{extra}")
    return "\n".join(lines)
