"""Villes pairs · Partnerstädte: YAML case studies and workshop modules → site and kits."""

__version__ = "0.1.0"
