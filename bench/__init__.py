"""Benchmark of the Villes pairs pipeline from 100 to 5,000 case studies (issue 8).

``python -m bench`` (what ``make bench`` runs) generates synthetic projects, measures the
content stage, the full bilingual build, the plain MkDocs baseline, the preview rebuild and
the PDF kits, and writes ``bench/results/latest.json`` and ``BENCHMARKS.md``.
"""
