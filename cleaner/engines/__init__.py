"""Engines that run the cleaner's operations: this process and its cores
(:mod:`cleaner.parallel`), or a Ray cluster through Ray Data (:mod:`cleaner.engines.ray`).

Both compute the same thing with the same functions (the rule packs, :func:`cleaner.dedup.sign`,
the band keys, :func:`cleaner.dedup.core.verdict`, the keep order), so they give the same answer.
"""
