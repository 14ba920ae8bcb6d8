"""The scoring benchmark's data and its baseline.

  scoring_polars.py generate FILE ROWS   writes ROWS x 8 columns of Parquet (once)
  scoring_polars.py describe FILE        times Polars describe() on FILE
"""
import os
import sys
import time

import polars as pl


def generate(path, rows):
    if os.path.exists(path):
        return
    import random

    rnd = random.Random(42)
    n = rows
    ids = list(range(n))
    df = pl.DataFrame(
        {
            "id": ids,
            "age": [rnd.randint(18, 90) for _ in ids],
            "income": [None if i % 50 == 0 else rnd.randint(1_000, 250_000) for i in ids],
            "score": [round(rnd.gauss(0.5, 0.15), 4) for _ in ids],
            "weight": [None if i % 97 == 0 else round(rnd.uniform(40, 150), 2) for i in ids],
            "city": [rnd.choice(["Lagos", "Lima", "Oslo", "Pune", "Quito", "Riga"]) for _ in ids],
            "note": [None if i % 7 == 0 else f"n{rnd.randint(0, 100_000)}" for i in ids],
            "active": [rnd.random() < 0.7 for _ in ids],
        }
    )
    df.write_parquet(path, compression="zstd")


def describe(path):
    t = time.perf_counter()
    d = pl.read_parquet(path).describe()
    ms = (time.perf_counter() - t) * 1000
    print(d)
    print(f"POLARS_MS={ms:.1f}")


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    else:
        describe(sys.argv[2])
