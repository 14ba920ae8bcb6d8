#!/usr/bin/env python3
"""Writes data/sensors.csv: the small dataset the end-to-end tests and the demo use.

600 readings of 4 sensors, deterministic, with what cleaning is for: nulls in every
nullable column (~6 %), exact duplicate rows (~5 %), and outliers in temperature
(sensor glitches at -273.15 and 999.99). Run: python3 scripts/gen/sample_data.py
"""
import random

rng = random.Random(20261124)
rows = []
for i in range(570):
    sensor = f"s{rng.randrange(4)}"
    temp = round(rng.gauss(21.5, 3.0), 2)
    if rng.random() < 0.03:
        temp = rng.choice([-273.15, 999.99])
    hum = rng.randrange(20, 90)
    ok = rng.random() > 0.1
    cells = [str(1000 + i), sensor, f"{temp:.2f}", str(hum), "true" if ok else "false"]
    for c in (2, 3, 4):
        if rng.random() < 0.06:
            cells[c] = ""
    rows.append(cells)
# Exact duplicates: re-sent readings.
for _ in range(30):
    rows.insert(rng.randrange(len(rows)), list(rng.choice(rows)))
with open("data/sensors.csv", "w") as f:
    f.write("id,sensor,temp_c,humidity,ok\n")
    for r in rows:
        f.write(",".join(r) + "\n")
print(f"wrote data/sensors.csv: {len(rows)} rows")
