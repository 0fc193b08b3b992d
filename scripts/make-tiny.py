#!/usr/bin/env python3
"""Write N small scraped-looking pages into DIR/NNN/I.txt (1,000 per directory).

Used to measure rinse on many tiny files:
    python3 scripts/make-tiny.py /tmp/tiny 100000
    /usr/bin/time -v target/release/rinse clean /tmp/tiny -o /tmp/tiny-out -q
"""
import os
import random
import sys

WORDS = ("the a river city council meeting was held on tuesday where members "
         "discussed budget plans for schools and roads").split()


def main():
    root, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(1)
    for i in range(count):
        d = os.path.join(root, f"{i // 1000:03}")
        os.makedirs(d, exist_ok=True)
        body = " ".join(rng.choice(WORDS) for _ in range(30)).capitalize()
        with open(os.path.join(d, f"{i % 1000}.txt"), "w") as f:
            f.write(f"Home\n{body}.\nShare this\n")


if __name__ == "__main__":
    main()
