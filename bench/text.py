"""Plausible French and German prose for synthetic records.

Sentences are assembled from small pools of subjects, verbs, objects and complements about
post-mining municipalities, with the Markdown an editor would write (bold, links, the odd
list) and French punctuation (« », :, ;, ?) so that typography and sanitising do real work.
The same ``random.Random`` gives the same text for the same seed.
"""

from __future__ import annotations

import random

POOLS: dict[str, dict[str, list[str]]] = {
    "fr": {
        "subject": [
            "La commune",
            "Le conseil municipal",
            "L’équipe municipale",
            "Un collectif d’habitants",
            "La régie de quartier",
            "L’association des anciens mineurs",
            "Le maire",
            "La communauté d’agglomération",
            "Le centre social",
            "Une coopérative locale",
            "Le service technique",
            "Un groupe de jeunes",
            "La mission locale",
        ],
        "verb": [
            "a lancé",
            "accompagne",
            "a rénové",
            "soutient",
            "a expérimenté",
            "coordonne",
            "a transformé",
            "évalue chaque année",
            "finance en partie",
            "a confié aux habitants",
            "relance",
            "documente",
            "a ouvert au public",
        ],
        "object": [
            "un programme de rénovation énergétique des cités minières",
            "une centrale solaire citoyenne sur l’ancien carreau de fosse",
            "un jardin partagé au pied du terril",
            "une monnaie locale complémentaire",
            "la reconversion des friches industrielles",
            "un plan de mobilité rurale",
            "des ateliers de concertation ouverts à tous",
            "la cantine scolaire bio et locale",
            "un réseau de chaleur alimenté au bois",
            "un inventaire du patrimoine minier",
            "une pépinière d’entreprises de l’économie sociale",
            "le fonds de participation des habitants",
        ],
        "complement": [
            "avec le soutien de la région",
            "depuis la fermeture du dernier puits",
            "dans l’ancienne cité ouvrière",
            "en lien avec l’université voisine",
            "malgré un budget très contraint",
            "pendant plus de dix ans",
            "avec des habitants qui n’avaient jamais participé",
            "sur le modèle d’une ville pair",
            "grâce à des financements européens",
            "au rythme des saisons",
            "en associant les commerçants du centre-bourg",
            "après un long débat public",
        ],
        "link": ["le rapport d’évaluation", "la délibération du conseil", "le bilan annuel"],
        "closing": [
            "Les résultats restent fragiles",
            "Le bilan est discuté",
            "L’effet est visible",
            "Personne ne l’avait prévu",
            "La presse locale en a parlé",
        ],
    },
    "de": {
        "subject": [
            "Die Gemeinde",
            "Der Stadtrat",
            "Die Stadtverwaltung",
            "Eine Bürgerinitiative",
            "Der Quartiersverein",
            "Der Verein ehemaliger Bergleute",
            "Die Bürgermeisterin",
            "Der Landkreis",
            "Das Stadtteilzentrum",
            "Eine örtliche Genossenschaft",
            "Das Bauamt",
            "Eine Gruppe Jugendlicher",
            "Die Wirtschaftsförderung",
        ],
        "verb": [
            "startete",
            "begleitet",
            "sanierte",
            "unterstützt",
            "erprobte",
            "koordiniert",
            "verwandelte",
            "bewertet jedes Jahr",
            "finanziert teilweise",
            "übertrug den Bürgern",
            "belebt neu",
            "dokumentiert",
            "öffnete für alle",
        ],
        "object": [
            "ein Programm zur energetischen Sanierung der Bergarbeitersiedlungen",
            "eine Bürgersolaranlage auf dem alten Zechengelände",
            "einen Gemeinschaftsgarten am Fuß der Halde",
            "eine lokale Ergänzungswährung",
            "die Umnutzung der Industriebrachen",
            "ein Mobilitätskonzept für den ländlichen Raum",
            "offene Beteiligungswerkstätten",
            "die regionale Bio-Schulverpflegung",
            "ein Nahwärmenetz mit Holzhackschnitzeln",
            "ein Verzeichnis des Bergbauerbes",
            "ein Gründerzentrum für Sozialunternehmen",
            "den Bürgerbeteiligungsfonds",
        ],
        "complement": [
            "mit Unterstützung des Landes",
            "seit der Schließung der letzten Zeche",
            "in der alten Arbeitersiedlung",
            "gemeinsam mit der nahen Hochschule",
            "trotz eines sehr knappen Haushalts",
            "über mehr als zehn Jahre",
            "mit Menschen, die sich nie zuvor beteiligt hatten",
            "nach dem Vorbild einer Partnerstadt",
            "mit europäischen Fördermitteln",
            "im Rhythmus der Jahreszeiten",
            "zusammen mit dem Einzelhandel im Ortskern",
            "nach einer langen öffentlichen Debatte",
        ],
        "link": ["den Evaluationsbericht", "den Ratsbeschluss", "die Jahresbilanz"],
        "closing": [
            "Die Ergebnisse sind noch fragil",
            "Die Bilanz ist umstritten",
            "Die Wirkung ist sichtbar",
            "Niemand hatte damit gerechnet",
            "Die Lokalpresse berichtete darüber",
        ],
    },
}


class Prose:
    """Sentences and paragraphs in one language, drawn from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, lang: str, *, markup: bool = True) -> str:
        p, r = POOLS[lang], self.rng
        obj = r.choice(p["object"])
        if markup and r.random() < 0.15:
            obj = f"**{obj}**"
        text = f"{r.choice(p['subject'])} {r.choice(p['verb'])} {obj} {r.choice(p['complement'])}"
        if markup and r.random() < 0.1:
            url = f"https://example.org/doc/{r.randrange(10_000)}"
            see = "voir" if lang == "fr" else "siehe"
            text += f" ({see} [{r.choice(p['link'])}]({url}))"
        if r.random() < 0.25:
            sep = " : " if lang == "fr" else ": "
            text += f"{sep}{r.choice(p['closing']).lower()}"
        if lang == "fr" and r.random() < 0.1:
            text += " – « un vrai tournant », selon les habitants"
        return text + ("?" if r.random() < 0.05 else ".")

    def paragraph(self, lang: str, sentences: int) -> str:
        return " ".join(self.sentence(lang) for _ in range(sentences))

    def text(self, lang: str, sentences: int, *, paragraphs: int = 1) -> str:
        """Markdown: ``sentences`` in all, split into ``paragraphs`` paragraphs."""
        per = max(1, sentences // paragraphs)
        parts = [self.paragraph(lang, per) for _ in range(paragraphs)]
        return "\n\n".join(parts) + "\n" if paragraphs > 1 else parts[0]

    def title(self, lang: str) -> str:
        words = self.sentence(lang, markup=False).rstrip(".?").split()
        return " ".join(words[: self.rng.randint(3, 6)])

    def both(self, sentences: int, *, paragraphs: int = 1) -> dict[str, str]:
        return {lang: self.text(lang, sentences, paragraphs=paragraphs) for lang in POOLS}

    def titles(self) -> dict[str, str]:
        return {lang: self.title(lang) for lang in POOLS}


def words(value: object) -> int:
    """Words of running text in a localised value (for the self-test's size check)."""
    return len(str(value).split())
