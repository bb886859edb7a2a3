"""Load the CLAUDETTE ToS-50 corpus (Lippi et al. 2019; LexGLUE UNFAIR-ToS, CC BY 4.0) and its split."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "claudette-tos50"

# LexGLUE split (companies sorted by year), from the corpus README.
TRAIN = (
    "Tinder Betterpoints_UK Deliveroo 9gag Booking YouTube Yahoo TrueCaller Skype WorldOfWarcraft Viber "
    "Microsoft Instagram Rovio Onavo Moves-app Syncme Google Facebook Vivino Atlas Dropbox musically "
    "Spotify Endomondo WhatsApp Zynga PokemonGo Masquerade Skyscanner"
).split()
VALIDATION = (
    "Nintendo Airbnb Crowdtangle TripAdvisor Supercell Headspace Fitbit Vimeo Oculus LindenLab".split()
)
TEST = "Academia Amazon Netflix Snap Twitter LinkedIn Duolingo Uber Evernote eBay".split()

# Corpus code -> tosdiff category name.
CODES = {
    "LTD": "liability",
    "TER": "termination",
    "CH": "unilateral-change",
    "CR": "content-removal",
    "USE": "contract-by-using",
    "LAW": "choice-of-law",
    "J": "jurisdiction",
    "A": "arbitration",
}


def _find(folder: Path, company: str) -> Path:
    """The company's file in a folder, matched without regard to case."""
    for p in folder.iterdir():
        if p.stem.lower() == company.lower():
            return p
    raise FileNotFoundError(f"{company} not in {folder}")


def load(companies: list[str]) -> tuple[list[str], dict[str, list[int]]]:
    """Sentences of the companies and, per category, 0/1 labels aligned with them."""
    sents: list[str] = []
    labels: dict[str, list[int]] = {cat: [] for cat in CODES.values()}
    for company in companies:
        lines = _find(DATA / "Sentences", company).read_text(encoding="utf-8").splitlines()
        sents.extend(lines)
        for code, cat in CODES.items():
            lab = _find(DATA / f"Labels_{code}", company).read_text(encoding="utf-8").split()
            assert len(lab) == len(lines), (company, code)
            labels[cat].extend(1 if x.strip() == "1" else 0 for x in lab)
    return sents, labels
