"""Villes pairs · Partnerstädte: YAML case studies and workshop modules → bilingual site and kits."""

__version__ = "0.1.0"
