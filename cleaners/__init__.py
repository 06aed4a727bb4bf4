"""ibidem's pure library: UN documents in, canonical text, footnotes and citations out.

No Prefect here: every stage is a plain function over the typed model in `cleaners.model`,
chained by `cleaners.pipeline`.
"""

__version__ = "0.1.0"
