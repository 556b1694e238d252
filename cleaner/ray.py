"""Python API of the Ray engine: ``cleaner.ray.clean(ds)`` and ``cleaner.ray.dedup(ds)``.

>>> import ray, cleaner.ray  # doctest: +SKIP
>>> ds = ray.data.read_parquet("news/")  # doctest: +SKIP
>>> cleaner.ray.dedup(cleaner.ray.clean(ds)).write_parquet("clean/")  # doctest: +SKIP

Both take and return a ``ray.data.Dataset`` and give what ``cleaner clean`` and ``cleaner
dedup`` give on one machine (see :mod:`cleaner.engines.ray`). Needs ``pip install 'cleaner[ray]'``.
"""

from cleaner.engines.ray import clean, dedup

__all__ = ["clean", "dedup"]
