"""A deterministic generator of synthetic listings in the lab's listing format.

`python benchmarks/synth.py N > listing.txt` writes N papers: 3-8 authors drawn from a
Zipf-distributed pool, 1-3 topics, dates over 15 years, abstracts of 150-250 words with
some inline LaTeX and URLs. The same N always gives the same bytes.
"""

from __future__ import annotations

import calendar
import random
import sys

GIVEN = (
    "Wei Ming Hao Jun Yu Xin Li Chen Anna Maria John David Sarah Aditi Ravi Priya Lukas Sofia Omar Elena "
    "Kenji Yuki Hana Tom Nina Ivan Olga Pedro Lucia Ahmed Fatima Jonas Emma Noah Mia Leo Zoe"
).split()
FAMILY = (
    "Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Lin Guo He Gao Smith Johnson Garcia "
    "Miller Davis Martinez Lopez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill "
    "Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris "
    "Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell Kelly Howard Ward Cox Diaz Richardson "
    "Wood Watson Brooks Bennett Gray James Reyes Cruz Hughes Price Myers Long Foster Sanders Ross Morales "
    "Powell Sullivan Russell Ortiz Jenkins Gutierrez Perry Butler Barnes Fisher Henderson Coleman Simmons "
    "Patterson Jordan Reynolds Hamilton Graham Kim Gonzales Alexander Ramos Wallace Griffin West Cole "
    "Hayes Chavez Gibson Bryant Ellis Stevens Murray Ford Marshall Owens McDonald Harrison Ruiz Kennedy "
    "Wells Alvarez Woods Mendoza Castillo Olson Webb Washington Tucker Freeman Burns Henry Vasquez Snyder "
    "Simpson Crawford Jimenez Porter Mason Shaw Gordon Wagner Hunter Romero Hicks Dixon Hunt Palmer "
    "Robertson Black Holmes Stone Meyer Boyd Mills Warren Fox Rose Rice Moreno Schmidt Patel Ferguson "
    "Nichols Herrera Medina Ryan Fernandez Weaver Daniels Stephens Gardner Payne Kelley Dunn Pierce "
    "Arnold Tran Spencer Peters Hawkins Grant Hansen Castro Hoffman Hart Elliott Cunningham Knight "
    "Bradley"
).split()
TOPIC_PHRASES = [
    "diffusion model", "quantization", "neural architecture search", "large language model",
    "video generation", "reinforcement learning", "vision transformer", "autoencoder", "on-device",
]  # fmt: skip
CATEGORIES = ["CV", "CV", "CV", "LG", "LG", "CL", "AI", "DC"]
WORDS = (
    "we propose a novel method that improves efficiency accuracy latency memory throughput across "
    "benchmarks models training inference hardware systems data scale results show significant "
    "gains over prior work while reducing cost compute energy parameters tokens images video text "
    "our approach combines sparse dense attention kernels pruning distillation search scheduling"
).split()
NAMES = "Net Former Fusion Flow Gen Quant Sparse Tiny Fast Lite Mega Omni Jet Nano Turbo".split()


def _author_pool(size: int, rng: random.Random) -> list[str]:
    pool: list[str] = []
    seen: set[str] = set()
    while len(pool) < size:
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        if name not in seen:
            seen.add(name)
            pool.append(name)
    return pool


def _abstract(rng: random.Random, topics: list[str], index: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(150, 250))]
    for phrase in topics:
        words.insert(rng.randrange(len(words)), phrase)
    words.insert(rng.randrange(len(words)), f"{rng.randint(2, 40)}.{rng.randint(0, 9)}$\\times$")
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), "$N \\times K$")
    sentence = " ".join(words)
    sentence = sentence[0].upper() + sentence[1:] + "."
    if rng.random() < 0.6:
        sentence += f" Code is available at https://github.com/lab/project-{index}."
    return sentence


def generate(count: int, seed: int = 47) -> str:
    rng = random.Random(seed)
    pool = _author_pool(max(20, count // 3), rng)
    weights = [1 / (rank + 1) for rank in range(len(pool))]  # Zipf: a few authors on many papers
    lines = []
    for index in range(count):
        year = 2011 + rng.randrange(15)
        month = rng.randint(1, 12)
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        code = "Code" if rng.random() < 0.5 else ""
        header = f"{rng.choice(CATEGORIES)}{calendar.month_abbr[month]} {day}, {year}{code}"
        authors: list[str] = []
        while len(authors) < rng.randint(3, 8):
            name = rng.choices(pool, weights)[0]
            if name not in authors:
                authors.append(name)
        topics = rng.sample(TOPIC_PHRASES, rng.randint(1, 3))
        model = f"{rng.choice(NAMES)}{rng.choice(NAMES)}-{index}"
        title = f"{model}: Efficient {topics[0].title()} with {rng.choice(WORDS).title()} {rng.choice(WORDS).title()}"
        shown = ", ".join(authors[:3]) + (" et al." if len(authors) > 3 else "")
        org = " · mit" if rng.random() < 0.2 else ""
        lines += [header, f"{title}{shown}{org}", _abstract(rng, topics, index)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
